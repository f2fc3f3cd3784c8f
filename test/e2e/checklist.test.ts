// GWCelery's release checklist end to end, with its real template: a new `release/v2.6` branch
// opens "Release version 2.6.0" once; ticking boxes moves the progress line; the last tick brings
// one "ready to release" comment; publishing v2.6.0 closes the issue with a comment.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { GWCELERY } from "../policy/config/process-configs.js";
import { commentPayload, issuesPayload, pushPayload, releasePayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "emfollow";
const repo = "gwcelery";
const BOT = "release-pilot[bot]";
const TEMPLATE = readFileSync("test/fixtures/checklist/CreateARelease.md", "utf8");
const ZERO = "0".repeat(40);
const TITLE = "Release version 2.6.0";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": GWCELERY, ...workflowsFor(GWCELERY), ".github/ISSUE_TEMPLATE/release.md": TEMPLATE } });
  gh.setPermission(owner, repo, "leo", "write");
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

const checklists = () => gh.issues(owner, repo).filter((i) => i.title === TITLE);
const body = (number: number) => mustRepo(gh.state, owner, repo).issues.get(number)?.body ?? "";
const botComments = (number: number) => gh.comments(owner, repo, number).filter((c) => c.user.login === BOT);

/** A person saves the issue with `edit` applied, then GitHub sends `issues.edited`. */
async function personEdits(number: number, edit: (text: string) => string, deliveryId?: string): Promise<Record<string, unknown>> {
  const issue = mustRepo(gh.state, owner, repo).issues.get(number);
  if (!issue) throw new Error(`no issue #${number}`);
  issue.body = edit(issue.body ?? "");
  const payload = issuesPayload(gh, { owner, repo, number, action: "edited", sender: "leo" });
  await app.send("issues", payload, deliveryId === undefined ? {} : { deliveryId });
  return payload;
}

describe("GWCelery: the release checklist issue", () => {
  let number = 0;

  it("opens Release version 2.6.0 from the template when release/v2.6 is created", async () => {
    gh.createBranch(owner, repo, "release/v2.6");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "release/v2.6", before: ZERO }), { deliveryId: "branch-1" });
    const issue = await app.waitFor(() => checklists()[0], 30_000);
    number = issue.number;
    expect(issue.labels).toEqual(["release"]);
    expect(issue.body).toContain("1.  [ ] The CI pipeline succeeded");
    expect(issue.body).toContain("<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->");
  });

  it("opens nothing more when the branch push is delivered or pushed again", async () => {
    await app.send("push", pushPayload(gh, { owner, repo, ref: "release/v2.6", before: ZERO }), { deliveryId: "branch-2" });
    await app.settle();
    expect(checklists()).toHaveLength(1);
  });

  it("adds the progress line when the bot's new issue is announced", async () => {
    await app.send("issues", issuesPayload(gh, { owner, repo, number, action: "opened", sender: BOT }));
    await app.waitFor(() => body(number).includes("**Release checklist:** 0 of"), 30_000);
    expect(body(number)).toMatch(/\*\*Release checklist:\*\* 0 of (\d+) items done, \1 open\./);
  });

  it("moves the progress line when a person ticks a box", async () => {
    const total = Number(/0 of (\d+) items/.exec(body(number))?.[1]);
    await personEdits(number, (text) => text.replace("1.  [ ]", "1.  [x]"));
    await app.waitFor(() => body(number).includes(`1 of ${total} items done, ${total - 1} open.`), 30_000);
    expect(body(number)).toContain("1.  [x] The CI pipeline succeeded");
  });

  it("says once that 2.6.0 is ready to release when the last box is ticked", async () => {
    const payload = await personEdits(number, (text) => text.replace(/\[ \]/g, "[x]"), "all-ticked");
    const [ready] = await app.waitFor(() => (botComments(number).length > 0 ? botComments(number) : undefined), 30_000);
    expect(ready?.body).toContain("2.6.0 is ready to release. Type `/release`");
    await app.waitFor(() => body(number).includes("✅ all"), 30_000);
    // The same edit delivered again, and the bot's own edit coming back, add nothing.
    await app.send("issues", payload, { deliveryId: "all-ticked-again" });
    await app.send("issues", issuesPayload(gh, { owner, repo, number, action: "edited", sender: BOT }));
    await app.settle();
    expect(botComments(number)).toHaveLength(1);
  });

  it("answers /checklist 2.6.0 with the link to the open checklist", async () => {
    const asked = gh.addIssue({ owner, repo, title: "When is 2.6.0?" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number: asked, body: "/checklist 2.6.0", sender: "leo" }));
    const [reply] = await app.waitFor(() => (botComments(asked).length > 0 ? botComments(asked) : undefined), 30_000);
    await app.waitFor(() => botComments(asked)[0]?.body.includes(`/issues/${number}`), 30_000);
    expect(reply).toBeDefined();
    expect(checklists()).toHaveLength(1);
  });

  it("asks for the version when /checklist names none", async () => {
    const asked = gh.addIssue({ owner, repo, title: "Next release?" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number: asked, body: "/checklist", sender: "leo" }));
    const [reply] = await app.waitFor(() => (botComments(asked).length > 0 ? botComments(asked) : undefined), 30_000);
    expect(reply?.body).toContain("Which version is the checklist for? Type the version, for example `/checklist 2.6.0`.");
  });

  it("closes the checklist with a comment when v2.6.0 is published", async () => {
    const releaseId = gh.addRelease({ owner, repo, tag: "v2.6.0", name: "2.6.0", target: "release/v2.6" });
    await app.send("release", releasePayload(gh, { owner, repo, releaseId, action: "published" }));
    await app.waitFor(() => checklists()[0]?.state === "closed", 30_000);
    const closing = botComments(number).at(-1);
    expect(closing?.body).toContain("Released [2.6.0](");
    expect(closing?.body).toContain("(tag `v2.6.0`). Closing this checklist.");
  });
});
