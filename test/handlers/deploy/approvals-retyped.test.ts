// A command refused for approvals, 👍 afterwards, then typed again: the real app in-process,
// handling issue_comment payloads against the emulator. GitHub sends no webhook for a reaction,
// so the 👍 are read when the command comes again, on the refused command and on the refusal.
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { startInProcess } from "./in-process.js";
import { commentPayload } from "../../e2e/fixtures/event-payloads.js";
import { BOT, thumbsUp } from "../../e2e/fixtures/story.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const owner = "acme";
const CONFIG = ["environments:", "  production:", "    approvals: 2", "    deploy: { workflow: deploy.yml }", ""].join("\n");

let gh: Emulator;
let probot: Probot;
let delivery = 0;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

/** A repository of its own per test, so one test's deploy lock is not another's. */
function repository(repo: string): number {
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "app.py": "x = 1\n" } });
  for (const login of ["alice", "bob", "carol"]) gh.setPermission(owner, repo, login, "write");
  gh.setPermission(owner, repo, "dave", "read");
  return gh.addIssue({ owner, repo, title: "Ship it" });
}

/** Alice types the command; returns her comment's id and the bot's reply to it. */
async function type(repo: string, issue: number, body: string): Promise<{ id: number; reply: { id: number; body: string } }> {
  const payload = commentPayload(gh, { owner, repo, number: issue, body, sender: "alice" });
  delivery += 1;
  await probot.receive({ id: `d${delivery}`, name: "issue_comment", payload: payload as never });
  const id = (payload["comment"] as { id: number }).id;
  const marker = encodeURIComponent(`comment-${id}`);
  const reply = gh.comments(owner, repo, issue).find((c) => c.user.login === BOT && c.body.includes(marker));
  if (reply === undefined) throw new Error(`no reply to ${body}`);
  return { id, reply };
}

const deployments = (repo: string) => gh.deployments(owner, repo).filter((d) => d.environment === "production");

describe("a command typed again after a refusal for approvals", () => {
  it("counts the 👍 on the refused command and on the refusal, from people with write access other than the requester", async () => {
    const repo = "twice";
    const issue = repository(repo);
    const first = await type(repo, issue, "/deploy production");
    expect(first.reply.body).toContain(
      "production needs 2 approvals from people with write access other than alice and has 0; ask 2 more maintainers to 👍 this comment, then type the same command again here.",
    );
    await thumbsUp(gh, owner, repo, first.id, "bob");
    await thumbsUp(gh, owner, repo, first.reply.id, "carol");
    await thumbsUp(gh, owner, repo, first.reply.id, "bob");
    for (const login of ["alice", "dave"]) await thumbsUp(gh, owner, repo, first.id, login);
    gh.resetCalls();

    const again = await type(repo, issue, "/deploy production");

    expect(deployments(repo)).toHaveLength(1);
    expect(deployments(repo)[0]!.sha).toBe(gh.sha(owner, repo, "main"));
    expect(again.reply.body).toContain("🚀 Deploying");
    expect(again.reply.body).toContain("2 of 2 approvals (bob, carol)");
    // One listing of the issue finds the refusal; the 👍 of this command, the refused one and the refusal are read once each.
    const paths = gh.calls.map((call) => `${call.method} ${call.path.replace(/\?.*$/, "")}`);
    const reactionReads = paths.filter((path) => path.startsWith("GET") && path.endsWith("/reactions"));
    expect(reactionReads.sort()).toEqual(
      [again.id, first.id, first.reply.id].map((id) => `GET /repos/${owner}/${repo}/issues/comments/${id}/reactions`).sort(),
    );
    expect(paths.filter((path) => path === `GET /repos/${owner}/${repo}/collaborators/bob/permission`)).toHaveLength(1);
  }, 60_000);

  it("counts the 👍 given across several refusals of the same command", async () => {
    const repo = "thrice";
    const issue = repository(repo);
    const first = await type(repo, issue, "/deploy production");
    await thumbsUp(gh, owner, repo, first.id, "bob");
    const second = await type(repo, issue, "/deploy production");
    expect(second.reply.body).toContain("has 1 (bob); ask one more maintainer to 👍 this comment, then type the same command again here.");
    await thumbsUp(gh, owner, repo, second.reply.id, "carol");

    const third = await type(repo, issue, "/deploy production");

    expect(third.reply.body).toContain("2 of 2 approvals (bob, carol)");
    expect(deployments(repo)).toHaveLength(1);
  }, 60_000);

  it("does not count 👍 given to a refused deploy of another commit", async () => {
    const repo = "moved";
    const issue = repository(repo);
    const first = await type(repo, issue, "/deploy production");
    for (const login of ["bob", "carol"]) await thumbsUp(gh, owner, repo, first.id, login);
    const moved = gh.commit(owner, repo, "main", { "app.py": "x = 2\n" }, "Change x", "bob");

    const again = await type(repo, issue, "/deploy production");

    expect(again.reply.body).toContain(`Not deploying: production needs 2 approvals from people with write access other than alice and has 0;`);
    expect(deployments(repo)).toEqual([]);
    // Typed again with no new commit, the 👍 on the refusal of the first commit still do not count.
    await thumbsUp(gh, owner, repo, again.id, "bob");
    const third = await type(repo, issue, "/deploy production");
    expect(third.reply.body).toContain("has 1 (bob);");
    expect(gh.sha(owner, repo, "main")).toBe(moved);
  }, 60_000);

  it("does not count 👍 given to another command refused for the same deploy", async () => {
    const repo = "other";
    const issue = repository(repo);
    // Production ran `before`, then `head`: a rollback goes back to `before`.
    const before = gh.sha(owner, repo, "main")!;
    const head = gh.commit(owner, repo, "main", { "app.py": "x = 2\n" }, "Change x", "bob");
    for (const ref of [before, head]) gh.addDeployment({ owner, repo, environment: "production", ref, statuses: ["success"] });
    const first = await type(repo, issue, `/deploy production ${before}`);
    for (const login of ["bob", "carol"]) await thumbsUp(gh, owner, repo, first.id, login);

    const rollback = await type(repo, issue, "/rollback production");

    expect(rollback.reply.body).toContain("Not deploying: production needs 2 approvals from people with write access other than alice and has 0;");
    expect(deployments(repo).map((d) => d.sha)).toEqual([before, head]);
  }, 60_000);
});
