// The gates a maintainer trusts to hold (issue #12, items 1-4), each played through the built app
// as its own process against the emulator, as people and outsiders would play them:
// 1. a person's /lock stops other people's deploys where the environment has no queue (Openverse)
//    and where it has one (Green Web, with a lock written in the old message format);
// 2. an approving review counts only for the commit it reviewed while that is the PR's head;
// 3. a deployment someone else created, carrying a Release Pilot key, is never obeyed: its status
//    moves no pointer tag, and it is no rollback target;
// 4. an outsider's comment carrying the bot's hidden marker is not taken for the bot's answer, and
//    one carrying the checklist-ready marker does not silence the announcement.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload } from "./fixtures/event-payloads.js";
import { BOT, botComments, deploymentsOf, reportDeployment, tickEveryBox } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

let gh: Emulator;
let app: AppProcess;

const SIMPLE = (extra: string) =>
  [
    "environments:",
    "  production:",
    "    deploy: { workflow: deploy.yml }",
    ...extra
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => `    ${line}`),
    "",
  ].join("\n");

beforeAll(async () => {
  gh = await startEmulator();
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  expect(app.errorLogs()).toEqual([]);
  await app?.stop();
  await gh?.close();
});

async function asPerson(login: string, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: `token ${gh.userToken(login)}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} as ${login} answered ${response.status}: ${text}`);
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** `login` types `body` in issue `number`; resolves to the bot's answer once it has one containing `expected`. */
async function type(owner: string, repo: string, number: number, login: string, body: string, expected: string) {
  const payload = commentPayload(gh, { owner, repo, number, body, sender: login });
  const id = (payload["comment"] as { id: number }).id;
  await app.send("issue_comment", payload);
  const reply = await app.waitFor(
    () => botComments(gh, owner, repo, number).find((c) => c.body.includes(encodeURIComponent(`comment-${id}`)) || c.body.includes(`reply%3A${id}`)),
    30_000,
  );
  await app.waitFor(() => botComments(gh, owner, repo, number).find((c) => c.id === reply.id && c.body.includes(expected)), 30_000);
  await app.settle();
  return botComments(gh, owner, repo, number).filter((c) => c.body.includes(expected));
}

describe("1. a person's /lock holds the environment against everyone but its holder", () => {
  it("Openverse (no queue): /lock production, then another maintainer's /deploy production is refused, the holder's goes", async () => {
    const owner = "WordPress";
    const repo = "openverse";
    gh.createRepo({
      owner,
      repo,
      files: {
        ".github/release-pilot.yml": readFileSync("examples/openverse.yml", "utf8"),
        ...workflowsFor(readFileSync("examples/openverse.yml", "utf8")),
        "api/manage.py": "",
      },
    });
    gh.createRepo({ owner, repo: "openverse-infrastructure", files: { "README.md": "infra" } });
    for (const login of ["zackkrida", "sarayourfriend"]) gh.setPermission(owner, repo, login, "maintain");
    gh.addTag(owner, repo, "api-2024.01.01.19.52.14", "main");
    const number = gh.addIssue({ owner, repo, title: "Production maintenance" });

    const locked = await type(owner, repo, number, "zackkrida", "/lock production db migration for 2h", "is locked by zackkrida");
    expect(locked).toHaveLength(1);
    expect(gh.refs(owner, repo).map((ref) => ref.ref)).toContain("refs/heads/release-pilot/lock/production");

    const refused = await type(owner, repo, number, "sarayourfriend", "/deploy production api-2024.01.01.19.52.14 api", "Not deploying");
    expect(refused[0]!.body).toContain("production is locked by zackkrida (db migration)");
    expect(refused[0]!.body).not.toContain("goes ahead");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    expect(gh.repositoryDispatches.filter((d) => d.repo === "openverse-infrastructure")).toEqual([]);

    // The holder deploys under their own lock: the refusal above was the lock's, not the command's.
    await type(owner, repo, number, "zackkrida", "/deploy production api-2024.01.01.19.52.14 api", "Deploying");
    expect(deploymentsOf(gh, owner, repo, "production")).toHaveLength(1);
    expect(gh.repositoryDispatches.filter((d) => d.repo === "openverse-infrastructure")).toHaveLength(1);
  }, 120_000);

  it("Green Web (queue): a person's lock written in the old line format refuses another's deploy rather than queueing it", async () => {
    const owner = "thegreenwebfoundation";
    const repo = "admin-portal";
    const head = gh.createRepo({
      owner,
      repo,
      defaultBranch: "master",
      files: { ".github/release-pilot.yml": readFileSync("examples/greenweb.yml", "utf8"), ...workflowsFor(readFileSync("examples/greenweb.yml", "utf8")) },
    }).headSha;
    for (const login of ["fershad", "mrchrisadams"]) gh.setPermission(owner, repo, login, "write");
    gh.addCheckRun(owner, repo, head, "tests", "success");
    gh.addCheckRun(owner, repo, head, "migrations", "success");
    // The message Release Pilot wrote for `/lock production` before lock messages had a format.
    const expires = new Date(Date.now() + 2 * 3_600_000).toISOString();
    gh.createBranch(owner, repo, "release-pilot/lock/production", "master");
    gh.commit(
      owner,
      repo,
      "release-pilot/lock/production",
      { ".release-pilot-lock": "production" },
      [
        "Release Pilot lock for production",
        "",
        "holder: mrchrisadams",
        "reason: server move",
        `expires: ${expires}`,
        `<!-- release-pilot:key=${encodeURIComponent("lock:production:comment-77")} -->`,
      ].join("\n"),
    );
    const number = gh.addIssue({ owner, repo, title: "Deploy" });

    const refused = await type(owner, repo, number, "fershad", `/deploy production ${head}`, "Not deploying");
    expect(refused[0]!.body).toContain("production is locked by mrchrisadams (server move)");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
  }, 120_000);
});

describe("2. an approving review counts only for the commit it reviewed, while it is the PR's head", () => {
  it("a review of commit A does not approve /deploy production B; a review of B, the head, does", async () => {
    const owner = "acme";
    const repo = "reviewed";
    gh.createRepo({
      owner,
      repo,
      files: { ".github/release-pilot.yml": SIMPLE("approvals: 1"), ...workflowsFor(SIMPLE("approvals: 1")), "app.py": "x = 0\n" },
    });
    for (const login of ["alice", "bob", "carol"]) gh.setPermission(owner, repo, login, "write");
    gh.createBranch(owner, repo, "feature", "main");
    const a = gh.commit(owner, repo, "feature", { "app.py": "x = 1\n" }, "A", "alice");
    const number = gh.openPullRequest({ owner, repo, title: "Feature", head: "feature", author: "alice" });
    await asPerson("bob", "POST", `/repos/${owner}/${repo}/pulls/${number}/reviews`, { event: "APPROVE", commit_id: a });
    const b = gh.commit(owner, repo, "feature", { "app.py": "x = 2\n" }, "B", "alice");

    const notHead = await type(owner, repo, number, "alice", `/deploy production ${b}`, "Not deploying");
    expect(notHead[0]!.body).toContain("production needs 1 approval from people with write access other than alice and has 0");
    // A is what bob approved, but it is no longer the pull request's head.
    const stale = await type(owner, repo, number, "alice", `/deploy production ${a}`, "Not deploying");
    expect(stale).toHaveLength(2);
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);

    await asPerson("carol", "POST", `/repos/${owner}/${repo}/pulls/${number}/reviews`, { event: "APPROVE" });
    const shipped = await type(owner, repo, number, "alice", `/deploy production ${b}`, "Deploying");
    expect(shipped[0]!.body).toContain("1 of 1 approvals (carol)");
    expect(deploymentsOf(gh, owner, repo, "production").map((d) => d.sha)).toEqual([b]);
  }, 120_000);
});

describe("3. a deployment this app did not create is never obeyed", () => {
  it("someone's deployment with a release_pilot_key moves no pointer tag and is no rollback target", async () => {
    const owner = "acme";
    const repo = "pointed";
    gh.createRepo({
      owner,
      repo,
      files: { ".github/release-pilot.yml": SIMPLE("pointer_tag: production"), ...workflowsFor(SIMPLE("pointer_tag: production")), "app.py": "x = 0\n" },
    });
    gh.setPermission(owner, repo, "alice", "write");
    gh.setPermission(owner, repo, "mallory", "write");
    const number = gh.addIssue({ owner, repo, title: "Ship" });

    // The bot's own deploy of main succeeds: the pointer tag follows it.
    const main = gh.sha(owner, repo, "main")!;
    await type(owner, repo, number, "alice", `/deploy production ${main}`, "Deploying");
    const own = deploymentsOf(gh, owner, repo, "production")[0]!;
    expect(own.creator).toEqual({ login: BOT, type: "Bot" });
    await app.send("deployment_status", await reportDeployment(gh, owner, repo, own.id, "success"));
    await app.waitFor(() => gh.tags(owner, repo).find((t) => t.name === "production" && t.commit === main), 30_000);
    await app.settle();

    // Someone else's deployment of a side-branch commit, carrying a key of the bot's shape.
    gh.createBranch(owner, repo, "side", "main");
    const side = gh.commit(owner, repo, "side", { "app.py": "evil = 1\n" }, "Side", "mallory");
    const forged = await asPerson("mallory", "POST", `/repos/${owner}/${repo}/deployments`, {
      ref: side,
      environment: "production",
      required_contexts: [],
      payload: { release_pilot_key: `deploy:production:${side}:comment-1`, requested_by: "alice" },
    });
    expect(forged["creator"]).toMatchObject({ login: "mallory", type: "User" });
    await asPerson("mallory", "POST", `/repos/${owner}/${repo}/deployments/${String(forged["id"])}/statuses`, { state: "success" });
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: Number(forged["id"]) }));
    await app.settle();
    expect(
      gh
        .tags(owner, repo)
        .filter((t) => t.name === "production")
        .map((t) => t.commit),
    ).toEqual([main]);
    expect(botComments(gh, owner, repo, number).filter((c) => c.body.includes(side.slice(0, 7)))).toEqual([]);

    // The history the bot reads holds only its own deploy: there is nothing before it to roll back to.
    const rollback = await type(owner, repo, number, "alice", "/rollback production", "production");
    expect(rollback.at(-1)!.body).not.toContain(side.slice(0, 7));
    expect(gh.workflowDispatches.filter((d) => d.repo === repo)).toHaveLength(1);
  }, 120_000);
});

describe("4. a hidden marker counts only in a comment this app wrote", () => {
  it("an outsider's comment carrying the marker of the bot's reply is left alone, and the bot answers in its own", async () => {
    const owner = "acme";
    const repo = "marked";
    gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": SIMPLE(""), ...workflowsFor(SIMPLE("")), "app.py": "x = 0\n" } });
    gh.setPermission(owner, repo, "alice", "write");
    const number = gh.addIssue({ owner, repo, title: "Help" });
    const payload = commentPayload(gh, { owner, repo, number, body: "/help", sender: "alice" });
    const commandId = (payload["comment"] as { id: number }).id;
    // Before the bot handles it, an outsider posts a comment carrying the marker of its reply.
    const bait = `Totally the bot's answer <!-- release-pilot:key=${encodeURIComponent(`reply:${commandId}`)} -->`;
    const outsider = await asPerson("mallory", "POST", `/repos/${owner}/${repo}/issues/${number}/comments`, { body: bait });
    await app.send("issue_comment", payload);
    const answer = await app.waitFor(() => botComments(gh, owner, repo, number).find((c) => c.body.includes("/deploy")), 30_000);
    await app.settle();
    expect(answer.user.login).toBe(BOT);
    expect(gh.comments(owner, repo, number).find((c) => c.id === outsider["id"])?.body).toBe(bait);
  }, 120_000);

  it("an outsider's comment carrying the checklist-ready marker does not silence the announcement", async () => {
    const owner = "emfollow";
    const repo = "gwcelery";
    gh.createRepo({
      owner,
      repo,
      files: {
        ".github/release-pilot.yml": readFileSync("examples/gwcelery.yml", "utf8"),
        ...workflowsFor(readFileSync("examples/gwcelery.yml", "utf8")),
        "CHANGES.rst": "Changelog\n=========\n",
      },
    });
    gh.setPermission(owner, repo, "leo", "write");
    const number = gh.addIssue({
      owner,
      repo,
      title: "Release version 2.6.0",
      body: "<!-- release-pilot:checklist v=2.6.0 -->\n- [ ] Check the changelog\n- [ ] Deploy to playground\n",
      labels: ["release"],
    });
    const bait = `Looks done to me <!-- release-pilot:key=${encodeURIComponent(`checklist-ready:${number}`)} -->`;
    const outsider = await asPerson("mallory", "POST", `/repos/${owner}/${repo}/issues/${number}/comments`, { body: bait });
    await app.send("issues", tickEveryBox(gh, owner, repo, number, "leo"));
    const ready = await app.waitFor(() => botComments(gh, owner, repo, number).find((c) => c.body.includes("ready to release")), 30_000);
    await app.settle();
    expect(ready.body).toContain("2.6.0 is ready to release");
    expect(gh.comments(owner, repo, number).find((c) => c.id === outsider["id"])?.body).toBe(bait);
  }, 120_000);
});
