// `plan --event issue_comment`: the intake, then each command planned from the facts as its
// handler decides it, or a sentence saying what the plan would need.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actionsOf, notPlanned, payloadFor, planOn, plansOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
const OLD = "b".repeat(40);

function comment(owner: string, repo: string, defaultBranch: string, body: string, issue: Record<string, unknown> = {}, sender = "leo") {
  return payloadFor(
    "issue_comment",
    "created",
    owner,
    repo,
    defaultBranch,
    { comment: { id: 42, body, user: { login: sender, type: "User" } }, issue: { number: 7, title: "Release", body: "", labels: [], ...issue } },
    sender,
  );
}

describe("plan issue_comment: the intake", () => {
  it("answers a commenter without the commands permission and plans nothing else", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/deploy production"), { now: NOW, permission: "read" });
    expect(run.report?.parts.map((part) => part.feature)).toEqual(["intake"]);
    expect(actionsOf(run, "intake")).toMatchObject([
      { kind: "comment", body: expect.stringContaining("only people with write access to this repository can run commands; you have read.") },
    ]);
  });

  it("ignores a comment that is not a command without naming a permission", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "Looks good to me"), { now: NOW });
    expect(plansOf(run, "intake")).toMatchObject([{ reason: "event-not-relevant", actions: [] }]);
    expect(run.report?.assumed).toEqual([]);
  });

  it("acknowledges a command with 👀 and assumes the commands permission when none is given", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/help"), { now: NOW });
    expect(actionsOf(run, "intake")).toMatchObject([{ kind: "react", commentId: 42, content: "eyes" }]);
    expect(actionsOf(run, "/help")).toMatchObject([{ kind: "comment", body: expect.stringContaining("/deploy") }]);
    expect(run.report?.assumed).toEqual(["permission: leo has write"]);
  });

  // Before #13 the offline plan could not answer /status ("not from --facts"); the command now
  // runs as the bot runs it, from the deployments, locks, releases, pulls and checklists given.
  it("answers /status from the deployments, locks, releases, pull requests and checklists the facts give", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/status"), {
      now: NOW,
      deployments: {
        production: [
          { sha: OLD, ref: "v2.6.1", state: "failure", createdAt: "2024-10-21T10:00:00Z", requestedBy: "ann" },
          { sha: SHA, ref: "v2.6.0", state: "success", createdAt: "2024-10-20T09:00:00Z", requestedBy: "leo" },
        ],
        playground: [],
      },
      locks: { production: { holder: "ann", reason: "incident", expiresAt: "2024-10-21T14:00:00Z" } },
      releases: [{ id: 1, tag: "v2.6.0", publishedAt: "2024-10-19T08:00:00Z" }],
      pulls: [
        { number: 12, title: "Fix the alerts", mergedAt: "2024-10-20T08:00:00Z" },
        { number: 11, title: "Older", mergedAt: "2024-10-18T08:00:00Z" },
        { number: 10, title: "Closed unmerged", mergedAt: null },
      ],
      checklists: [{ number: 5, title: "Release 2.7.0", body: "<!-- release-pilot:checklist v=2.7.0 -->\n- [x] one\n- [ ] two" }],
    });
    expect(plansOf(run, "/status")).toMatchObject([{ reason: "planned", summary: "Answer /status." }]);
    const [answer] = actionsOf(run, "/status");
    expect(answer).toMatchObject({ kind: "comment", issueNumber: 7, body: expect.stringContaining("@leo here is where things stand.") });
    const body = answer?.kind === "comment" ? answer.body : "";
    expect(body).toContain("| **production** | `v2.6.0` (`3a4b5c6`) | 2024-10-20 09:00 UTC | leo | 🔒 ann (incident) until 2024-10-21 14:00 UTC |");
    expect(body).toContain("| **playground** | nothing deployed yet |  |  | free |");
    expect(body).toContain("| gwcelery | [v2.6.0](https://github.com/emfollow/gwcelery/releases/tag/v2.6.0) (2024-10-19 08:00 UTC) | 1 merged PR since |");
    expect(body).toContain("- [#5 Release 2.7.0](https://github.com/emfollow/gwcelery/issues/5): 1 of 2 items done");
    expect(run.report?.assumed).toEqual(["permission: leo has write"]);
  });
});

describe("plan issue_comment: deploy commands", () => {
  it("deploys GWCelery's production at the tag a version names", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/deploy production v2.6.0"), {
      now: NOW,
      permission: "write",
      refs: { "v2.6.0": SHA },
      locks: {},
    });
    expect(actionsOf(run, "/deploy")).toMatchObject([
      { kind: "create-deployment", environment: "production", ref: SHA, payload: { issue_number: 7, requested_by: "leo" } },
      { kind: "dispatch-workflow", workflow: "deploy.yml", ref: "main", inputs: { environment: "production", ref: "v2.6.0" } },
      { kind: "comment", issueNumber: 7, body: expect.stringContaining("🚀 Deploying") },
    ]);
  });

  it("answers that a version nobody tagged names nothing, when the facts list the refs", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/deploy production v9.9.9"), {
      now: NOW,
      permission: "write",
      refs: { main: SHA },
    });
    expect(actionsOf(run, "/deploy")).toMatchObject([
      { kind: "comment", body: expect.stringContaining("v9.9.9 is not a branch, tag or commit of this repository") },
    ]);
  });

  it("rolls Openverse's api back to the image that ran before the current one", async () => {
    const deployments = {
      production: [
        { sha: SHA, state: "success", app: "api", imageTag: "rel-2024.02.02.10.00.00", ref: "api-2024.02.02.10.00.00" },
        { sha: OLD, state: "inactive", app: "api", imageTag: "rel-2024.01.01.19.52.14", ref: "api-2024.01.01.19.52.14" },
      ],
    };
    const run = await planOn("openverse", "issue_comment", comment("WordPress", "openverse", "main", "/rollback production api", {}, "zackkrida"), {
      now: NOW,
      permission: "maintain",
      deployments,
      locks: {},
    });
    const actions = actionsOf(run, "/rollback");
    expect(actions.find((action) => action.kind === "create-deployment")).toMatchObject({
      ref: OLD,
      payload: { app: "api", image_tag: "rel-2024.01.01.19.52.14" },
    });
    expect(actions.find((action) => action.kind === "dispatch-repository-event")).toMatchObject({
      clientPayload: { actor: "zackkrida", tag: "rel-2024.01.01.19.52.14" },
    });
  });

  it("promotes what succeeded on HCA staging to prod only with two approvals", async () => {
    const deployments = { staging: [{ sha: SHA, state: "success", imageTag: `staging-${SHA.slice(0, 8)}-21-10-2024.1729500000` }] };
    const approvals = [{ login: "aaclan", at: "2024-10-21T11:30:00Z" }];
    const facts = { now: NOW, permission: "write", deployments, locks: {} };
    const one = await planOn("hca-ingest", "issue_comment", comment("ebi-ait", "ingest-core", "master", "/promote staging prod", {}, "amnonkhen"), {
      ...facts,
      approvals,
    });
    expect(plansOf(one, "/promote")[0]).toMatchObject({
      reason: "gate-refused",
      actions: [{ kind: "comment", body: expect.stringContaining("needs 2 approvals") }],
    });
    const two = await planOn("hca-ingest", "issue_comment", comment("ebi-ait", "ingest-core", "master", "/promote staging prod", {}, "amnonkhen"), {
      ...facts,
      approvals: [...approvals, { login: "ke4", at: "2024-10-21T11:40:00Z" }],
    });
    expect(actionsOf(two, "/promote").find((action) => action.kind === "create-deployment")).toMatchObject({
      environment: "prod",
      ref: SHA,
      payload: { image_tag: expect.stringMatching(/^prod-3a4b5c6d-21-10-2024\.\d+$/) },
    });
  });
});

describe("plan issue_comment: locks and releases", () => {
  it("locks Green Web's production for two hours on the default branch's head", async () => {
    const run = await planOn(
      "greenweb",
      "issue_comment",
      comment("thegreenwebfoundation", "admin-portal", "master", "/lock production db upgrade for 2h", {}, "fershad"),
      { now: NOW, permission: "write", refs: { master: SHA }, locks: {} },
    );
    expect(actionsOf(run, "/lock")).toMatchObject([
      { kind: "acquire-lock", environment: "production", holder: "fershad", reason: "db upgrade", expiresAt: "2024-10-21T14:00:00.000Z", commit: SHA },
      { kind: "comment", body: expect.stringContaining("🔒 production is locked by fershad (db upgrade) until 2024-10-21 14:00 UTC") },
    ]);
  });

  it("answers who holds the lock instead of taking it again", async () => {
    const locks = { production: { holder: "mrchrisadams", reason: "", expiresAt: "2024-10-21T13:00:00Z" } };
    const run = await planOn("greenweb", "issue_comment", comment("thegreenwebfoundation", "admin-portal", "master", "/lock production", {}, "fershad"), {
      now: NOW,
      permission: "write",
      refs: { master: SHA },
      locks,
    });
    expect(actionsOf(run, "/lock")).toMatchObject([{ kind: "comment", body: expect.stringContaining("production is already locked by mrchrisadams") }]);
  });

  it("frees the lock and names who held it", async () => {
    const locks = { production: { holder: "mrchrisadams", expiresAt: "2024-10-21T13:00:00Z" } };
    const run = await planOn("greenweb", "issue_comment", comment("thegreenwebfoundation", "admin-portal", "master", "/unlock production", {}, "fershad"), {
      now: NOW,
      permission: "write",
      locks,
    });
    expect(actionsOf(run, "/unlock")).toMatchObject([
      { kind: "release-lock", environment: "production" },
      { kind: "comment", body: expect.stringContaining("(it was locked by mrchrisadams)") },
    ]);
  });

  it("cuts GWCelery's 2.6.0 from its checklist with the changelog the facts give", async () => {
    const changes = readFileSync("test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", "utf8");
    const issue = {
      title: "Release version 2.6.0",
      body: "1.  [x] Done\n\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->",
      labels: [{ name: "release" }],
    };
    const facts = { now: NOW, permission: "write", refs: { main: SHA }, files: { "CHANGES.rst": changes }, tags: ["v2.5.2"], releases: [] };
    const actions = actionsOf(await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/release", issue), facts), "/release");
    expect(actions.find((action) => action.kind === "commit-files")).toMatchObject({
      branch: "main",
      message: expect.stringMatching(/^Update changelog for version 2\.6\.0 "Akkorokamui"; closes #7/),
    });
    expect(actions.find((action) => action.kind === "create-tag")).toMatchObject({ tag: "v2.6.0", message: "Version 2.6.0" });
  });

  it("cuts UKRDC's first candidate with the version file the facts give", async () => {
    const facts = {
      now: NOW,
      permission: "write",
      refs: { master: SHA },
      files: { "ukrdc/services/__init__.py": '__version__ = "10.8.4"\n' },
      tags: ["v10.8.4"],
      releases: [],
    };
    const actions = actionsOf(
      await planOn("ukrdc", "issue_comment", comment("renalreg", "ukrdc-services", "master", "/release rc", {}, "joel"), facts),
      "/release",
    );
    expect(actions.find((action) => action.kind === "commit-files")).toMatchObject({
      files: [{ path: "ukrdc/services/__init__.py", content: '__version__ = "10.8.5rc1"\n' }],
    });
    expect(actions.find((action) => action.kind === "create-release")).toMatchObject({ tag: "v10.8.5rc1", prerelease: true });
  });

  it("answers /release rc --dry-run with the commit, tag and release it would make, and plans nothing else", async () => {
    const facts = {
      now: NOW,
      permission: "write",
      refs: { master: SHA },
      files: { "ukrdc/services/__init__.py": '__version__ = "10.8.4"\n' },
      tags: ["v10.8.4"],
      releases: [],
    };
    const actions = actionsOf(
      await planOn("ukrdc", "issue_comment", comment("renalreg", "ukrdc-services", "master", "/release rc --dry-run", {}, "joel"), facts),
      "/release",
    );
    expect(actions.map((action) => action.kind)).toEqual(["comment"]);
    const body = actions[0]?.kind === "comment" ? actions[0].body : "";
    expect(body).toContain("🧪 Dry run of `/release rc --dry-run`: nothing was written.");
    expect(body).toContain("commit `ukrdc/services/__init__.py` to `master`");
    expect(body).toContain("publish the prerelease `v10.8.5rc1`");
  });

  it("plans UKRDC's candidate as a refusal when the facts say a ruleset guards master, and assumes no protection otherwise", async () => {
    const facts = {
      now: NOW,
      permission: "write",
      refs: { master: SHA },
      files: { "ukrdc/services/__init__.py": '__version__ = "10.8.4"\n' },
      tags: ["v10.8.4"],
      releases: [],
    };
    const payload = comment("renalreg", "ukrdc-services", "master", "/release rc", {}, "joel");
    const refused = await planOn("ukrdc", "issue_comment", payload, { ...facts, protection: { protected: false, rules: [{ type: "pull_request" }] } });
    expect(actionsOf(refused, "/release")).toMatchObject([
      { kind: "comment", body: expect.stringContaining("master is protected (a ruleset requires pull requests), so /release cannot commit") },
    ]);
    const open = await planOn("ukrdc", "issue_comment", payload, facts);
    expect(open.report?.assumed).toContain("protection: master is not protected and no ruleset covers it");
  });

  it("says /release needs the changelog when the facts leave it out", async () => {
    const run = await planOn("gwcelery", "issue_comment", comment("emfollow", "gwcelery", "main", "/release 2.6.0"), { now: NOW, permission: "write" });
    expect(notPlanned(run, "/release")).toBe("/release edits CHANGES.rst at the head of main; give it in `files` in --facts");
  });
});
