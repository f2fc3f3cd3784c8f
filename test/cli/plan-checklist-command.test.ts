// `plan --event issue_comment` with `/checklist`: the command's own feature runs offline, with the
// tags, the template and the labelled issues from the facts, and answers as the bot would.
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn, plansOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const MARKER = "<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->";

function comment(body: string) {
  return payloadFor(
    "issue_comment",
    "created",
    "emfollow",
    "gwcelery",
    "main",
    { comment: { id: 42, body, user: { login: "leo", type: "User" } }, issue: { number: 7, title: "Plans", body: "", labels: [] } },
    "leo",
  );
}

describe("plan /checklist on GWCelery's config", () => {
  it("opens 2.6.0's checklist and answers with its address", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("/checklist 2.6.0"), { now: NOW, permission: "write", tags: ["v2.5.2"], checklists: [] });
    const [opening, answer] = plansOf(run, "/checklist");
    expect(opening?.actions).toMatchObject([{ kind: "create-issue", key: "checklist:gwcelery:2.6.0", title: "Release version 2.6.0" }]);
    expect(answer?.actions).toMatchObject([{ kind: "comment", body: expect.stringContaining("Opened the release checklist: ") }]);
    expect(run.report?.assumed).toEqual(["template: .github/ISSUE_TEMPLATE/release.md not given, so the built-in checklist is used"]);
  });

  it("names the checklist already there instead of opening a second", async () => {
    const checklists = [{ number: 4, state: "closed", body: `- [x] done\n\n${MARKER}` }];
    const run = await planOn("gwcelery", "issue_comment", comment("/checklist 2.6.0"), { now: NOW, permission: "write", tags: ["v2.5.2"], checklists });
    expect(plansOf(run, "/checklist")[0]).toMatchObject({ reason: "already-done", actions: [] });
    expect(actionsOf(run, "/checklist")).toMatchObject([{ kind: "comment", body: expect.stringContaining("is already there (closed): #4") }]);
  });

  it("refuses a version below the newest release, reading only the tags", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("/checklist 2.5.0"), { now: NOW, permission: "write", tags: ["v2.5.2"] });
    expect(actionsOf(run, "/checklist")).toMatchObject([{ kind: "comment", body: expect.stringContaining("2.5.0 is older than 2.5.2") }]);
    expect(run.report?.assumed).toEqual([]);
  });
});
