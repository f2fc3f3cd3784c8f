// `plan --event push` on each example whose process a push starts: the deploys of the
// environments following the branch with their gates, draft notes, and a new release branch's
// checklist, decided by the handlers' own functions from the facts file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actionsOf, allActions, notPlanned, planOn, plansOf, pushOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "1c1f6ab9d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7";

describe("plan push on Green Web Foundation's config", () => {
  const push = (files = ["greencheck/models.py"], sender = "fershad") =>
    pushOf("thegreenwebfoundation", "admin-portal", "master", "staging", SHA, files, sender);
  const green = [{ name: "tests" }, { name: "migrations" }];

  it("deploys staging behind its lock with the commit as the workflow's ref when the checks are green", async () => {
    const run = await planOn("greenweb", "push", push(), { now: NOW, permission: "write", checkRuns: green, locks: {} });
    expect(actionsOf(run, "deployFollowingBranch").map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow"]);
    expect(actionsOf(run, "deployFollowingBranch")[1]).toMatchObject({ environment: "staging", ref: SHA, payload: { requested_by: "fershad" } });
    expect(actionsOf(run, "deployFollowingBranch")[2]).toMatchObject({ workflow: "deploy.yml", inputs: { environment: "staging", ref: SHA } });
    expect(run.report?.assumed).toEqual([]);
  });

  it("reports pending migrations as a failed check run instead of deploying", async () => {
    const run = await planOn("greenweb", "push", push(), {
      now: NOW,
      permission: "write",
      checkRuns: [{ name: "tests" }, { name: "migrations", conclusion: "failure" }],
      locks: {},
    });
    const [check, ...others] = actionsOf(run, "deployFollowingBranch");
    expect(others).toEqual([]);
    expect(check).toMatchObject({ kind: "check-run", headSha: SHA, name: "Release Pilot: deploy staging", conclusion: "failure" });
    expect(plansOf(run, "deployFollowingBranch")[0]?.summary).toContain("pending migrations");
  });

  it("waits for a maintainer when the pusher is not trusted with staging", async () => {
    const run = await planOn("greenweb", "push", push(undefined, "drive-by"), { now: NOW, permission: "read", checkRuns: green, locks: {} });
    expect(actionsOf(run, "deployFollowingBranch")).toMatchObject([
      { kind: "check-run", summary: expect.stringContaining("drive-by is not a trusted author") },
    ]);
    expect(run.report?.assumed).toContain("mergedPullAssociation: the pushed commit merged no pull request");
  });

  it("refuses while someone else holds the staging lock", async () => {
    const locks = { staging: { holder: "mrchrisadams", reason: "load test", expiresAt: "2024-10-21T13:00:00Z" } };
    const run = await planOn("greenweb", "push", push(), { now: NOW, permission: "write", checkRuns: green, locks });
    expect(plansOf(run, "deployFollowingBranch")[0]).toMatchObject({ reason: "locked", actions: [{ kind: "check-run", conclusion: "failure" }] });
  });

  it("names every default it leaned on: the time, the permission, green checks and no lock", async () => {
    const run = await planOn("greenweb", "push", push());
    expect(run.report?.assumed).toEqual([
      "now: the current time",
      "permission: fershad has write",
      "checkRuns: tests, migrations green on the commit",
      "locks: staging is not locked",
      "locks: staging is not frozen (/freeze)",
    ]);
    expect(actionsOf(run, "deployFollowingBranch").map((action) => action.kind)).toContain("create-deployment");
  });
});

describe("plan push on Openverse's config", () => {
  const push = (files: readonly string[]) => pushOf("WordPress", "openverse", "main", "main", SHA, files, "zackkrida");

  it("deploys staging only for the app whose files the push changed, with the commit as its image", async () => {
    const run = await planOn("openverse", "push", push(["api/views.py"]), { now: NOW, locks: {} });
    const actions = actionsOf(run, "deployFollowingBranch");
    expect(actions.filter((action) => action.kind === "create-deployment")).toMatchObject([
      { environment: "staging", payload: { app: "api", image_tag: SHA } },
    ]);
    expect(actions.find((action) => action.kind === "dispatch-workflow")).toMatchObject({
      workflow: "deploy-staging.yml",
      ref: "main",
      inputs: { app: "api", tag: SHA },
    });
  });

  it("says the draft notes need the releases and pull requests when the facts leave them out", async () => {
    const run = await planOn("openverse", "push", push(["api/views.py"]), { now: NOW });
    expect(notPlanned(run, "draftNotes")).toContain("give both as `releases` and `pulls`");
  });

  it("drafts the api's next release from the merged pull requests the facts give", async () => {
    const facts = {
      now: NOW,
      locks: {},
      releases: [{ id: 1, tag: "api-2024.01.01.19.52.14", publishedAt: "2024-01-01T19:52:14Z" }],
      pulls: [
        {
          number: 7,
          title: "Add a view",
          author: "zackkrida",
          labels: ["🧱 stack: api", "🌟 goal: addition"],
          mergedAt: "2024-10-20T10:00:00Z",
          mergeCommitSha: SHA,
        },
        { number: 5, title: "Older work", labels: ["🧱 stack: api"], mergedAt: "2023-12-01T10:00:00Z" },
      ],
    };
    const [draft, ...others] = actionsOf(await planOn("openverse", "push", push(["api/views.py"]), facts), "draftNotes");
    expect(others).toEqual([]);
    expect(draft).toMatchObject({ kind: "create-release", draft: true, tag: "api-2024.10.21.12.00.00" });
    expect(draft?.kind === "create-release" ? draft.body : "").toContain(
      "## New Features\n\n- Add a view ([#7](https://github.com/WordPress/openverse/pull/7)) by @zackkrida",
    );
    expect(draft?.kind === "create-release" ? draft.body : "").not.toContain("Older work");
  });
});

describe("plan push on GWCelery's config", () => {
  it("opens the checklist from the template when release/v2.6 appears, and deploys nothing", async () => {
    const template = readFileSync("test/fixtures/checklist/CreateARelease.md", "utf8");
    const run = await planOn("gwcelery", "push", pushOf("emfollow", "gwcelery", "main", "release/v2.6", SHA, [], "leo", true), {
      now: NOW,
      template,
      checklists: [],
    });
    const [issue, ...others] = actionsOf(run, "openChecklistOnReleaseBranch");
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ kind: "create-issue", key: "checklist:gwcelery:2.6.0", title: "Release version 2.6.0", labels: ["release"] });
    expect(issue?.kind === "create-issue" ? issue.body : "").toContain("1.  [ ] The CI pipeline succeeded");
    expect(actionsOf(run, "deployFollowingBranch")).toEqual([]);
    expect(run.report?.assumed).toContain("forwardPort: release/v2.6 has no commit main lacks, and no forward-port PR is open");
  });

  it("opens no second checklist when the facts show one for 2.6.0", async () => {
    const checklists = [{ number: 4, state: "open", body: "- [ ] x\n\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->" }];
    const run = await planOn("gwcelery", "push", pushOf("emfollow", "gwcelery", "main", "release/v2.6", SHA, [], "leo", true), { now: NOW, checklists });
    expect(plansOf(run, "openChecklistOnReleaseBranch")[0]).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("opens the forward-port PR when the facts show fixes on the release branch", async () => {
    const forwardPort = { ahead: [{ sha: SHA, message: "Fix the alert timing" }] };
    const run = await planOn("gwcelery", "push", pushOf("emfollow", "gwcelery", "main", "release/v2.6", SHA, ["gwcelery/tasks.py"], "leo"), {
      now: NOW,
      forwardPort,
    });
    expect(actionsOf(run, "forwardPort")).toMatchObject([{ kind: "open-pull-request", branch: "release/v2.6", base: "main" }]);
  });

  it("deploys the playground on a push to main after its tests check", async () => {
    const run = await planOn("gwcelery", "push", pushOf("emfollow", "gwcelery", "main", "main", SHA, ["gwcelery/tasks.py"], "leo"), {
      now: NOW,
      locks: {},
      checkRuns: [{ name: "tests", conclusion: "success" }],
    });
    expect(actionsOf(run, "deployFollowingBranch").find((action) => action.kind === "dispatch-workflow")).toMatchObject({
      inputs: { environment: "playground", ref: SHA },
    });
  });
});

describe("plan push on HCA ingest's and UKRDC's configs", () => {
  it("deploys HCA staging from master under an image tag dated by the facts' time", async () => {
    const run = await planOn("hca-ingest", "push", pushOf("ebi-ait", "ingest-core", "master", "master", SHA, ["src/app.py"], "amnonkhen"), {
      now: NOW,
      locks: {},
    });
    const image = `staging-${SHA.slice(0, 8)}-21-10-2024.${Date.parse(NOW) / 1000}`;
    expect(actionsOf(run, "deployFollowingBranch").find((action) => action.kind === "dispatch-workflow")).toMatchObject({
      inputs: { environment: "staging", image },
    });
  });

  it("deploys UKRDC development from master and nothing else", async () => {
    const run = await planOn("ukrdc", "push", pushOf("renalreg", "ukrdc-services", "master", "master", SHA, ["ukrdc/services/api.py"], "joel"), {
      now: NOW,
      locks: {},
    });
    const written = allActions(run);
    expect(written.map((action) => action.kind)).toEqual(["create-deployment", "dispatch-workflow"]);
    expect(written[1]).toMatchObject({ workflow: "deploy.yml", ref: "master", inputs: { environment: "development", ref: SHA } });
  });
});
