// `plan --event check_run` on Green Web Foundation's config: a push to staging held its deploy for
// the tests and migrations checks (the bot's "Release Pilot: deploy staging" run, its external_id
// naming the pusher); a finished check deploys it, waits, or settles the hold, as
// deployAfterChecks decides with the facts file's check runs, branch head and deployments.
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn, plansOf, pushOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "1c1f6ab9d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7";
const NEWER = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
const DEPLOY_CHECK = "Release Pilot: deploy staging";

const finished = (name: string, conclusion = "success") =>
  payloadFor(
    "check_run",
    "completed",
    "thegreenwebfoundation",
    "admin-portal",
    "master",
    { check_run: { name, head_sha: SHA, status: "completed", conclusion } },
    "github-actions[bot]",
  );

const held = (pusher = "fershad") => ({ name: DEPLOY_CHECK, status: "in_progress", conclusion: null, externalId: `deploy-held:staging::${SHA}:${pusher}` });

/** Every read the handler makes, given: nothing is left to a default. */
const factsWith = (checkRuns: readonly object[], overrides: Record<string, unknown> = {}) => ({
  now: NOW,
  permission: "write",
  checkRuns,
  refs: { staging: SHA },
  deployments: { staging: [] },
  locks: {},
  ...overrides,
});

describe("plan check_run on Green Web Foundation's config", () => {
  it("deploys staging as the pusher the held check names when the last required check passes, and settles the hold", async () => {
    const run = await planOn("greenweb", "check_run", finished("tests"), factsWith([{ name: "tests" }, { name: "migrations" }, held()]));
    expect(run.report?.assumed).toEqual([]);
    const actions = actionsOf(run, "deployAfterChecks");
    expect(actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow", "check-run"]);
    // The pusher, not the sender of check_run (CI), and the key the push itself would have made.
    const pushed = actionsOf(
      await planOn(
        "greenweb",
        "push",
        pushOf("thegreenwebfoundation", "admin-portal", "master", "staging", SHA, ["greencheck/models.py"], "fershad"),
        factsWith([{ name: "tests" }, { name: "migrations" }]),
      ),
      "deployFollowingBranch",
    );
    const pushKey = pushed.find((action) => action.kind === "create-deployment")?.payload["release_pilot_key"];
    expect(pushKey).toEqual(expect.stringContaining(SHA));
    expect(actions[1]).toMatchObject({ environment: "staging", ref: SHA, payload: { requested_by: "fershad", release_pilot_key: pushKey } });
    expect(actions[2]).toMatchObject({ workflow: "deploy.yml", inputs: { environment: "staging", ref: SHA } });
    expect(actions[3]).toMatchObject({ kind: "check-run", headSha: SHA, name: DEPLOY_CHECK, conclusion: "success", title: "Deploying to staging" });
  });

  it("plans nothing while another required check is still running", async () => {
    const run = await planOn(
      "greenweb",
      "check_run",
      finished("tests"),
      factsWith([{ name: "tests" }, { name: "migrations", status: "in_progress", conclusion: null }, held()]),
    );
    const [waiting, ...others] = plansOf(run, "deployAfterChecks");
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ reason: "gate-refused", actions: [] });
    expect(waiting?.summary).toContain("still waits for migrations");
  });

  it("deploys nothing when staging moved on to a newer commit, and only says so on the held check", async () => {
    const run = await planOn(
      "greenweb",
      "check_run",
      finished("tests"),
      factsWith([{ name: "tests" }, { name: "migrations" }, held()], { refs: { staging: NEWER } }),
    );
    const actions = actionsOf(run, "deployAfterChecks");
    expect(actions).toEqual([
      expect.objectContaining({ kind: "check-run", name: DEPLOY_CHECK, conclusion: "neutral", title: "Not deployed: staging moved on" }),
    ]);
    expect(plansOf(run, "deployAfterChecks")[0]?.reason).toBe("event-not-relevant");
  });

  it("refuses on the commit when the pusher the held check names is no longer trusted with staging", async () => {
    const run = await planOn(
      "greenweb",
      "check_run",
      finished("tests"),
      factsWith([{ name: "tests" }, { name: "migrations" }, held("drive-by")], { permission: "read", mergedPullAssociation: "NONE" }),
    );
    const actions = actionsOf(run, "deployAfterChecks");
    expect(actions.map((action) => action.kind)).toEqual(["check-run"]);
    expect(actions[0]).toMatchObject({ conclusion: "failure", summary: expect.stringContaining("drive-by is not a trusted author") });
  });

  it("deploys nothing for a commit with no held deploy, or a check no environment requires", async () => {
    const unheld = await planOn("greenweb", "check_run", finished("tests"), factsWith([{ name: "tests" }, { name: "migrations" }]));
    expect(plansOf(unheld, "deployAfterChecks")).toEqual([expect.objectContaining({ reason: "event-not-relevant", actions: [] })]);
    const lint = await planOn("greenweb", "check_run", finished("lint"), factsWith([held()]));
    expect(plansOf(lint, "deployAfterChecks")[0]?.summary).toBe("No environment that follows a branch requires the check lint.");
  });

  it("names every default it leaned on: a held deploy for the repository's owner in each environment tests gates", async () => {
    const run = await planOn("greenweb", "check_run", finished("tests"));
    expect(run.report?.assumed).toEqual([
      "now: the current time",
      `checkRuns: migrations green on the commit, and "${DEPLOY_CHECK}", "Release Pilot: deploy production" holding the deploy for @thegreenwebfoundation (give the runs, the held one with its externalId, to say who pushed)`,
      "refs.staging: 1c1f6ab, the checked commit (give refs to say the branch moved on)",
      "deployments.staging: none",
      "permission: thegreenwebfoundation has write",
      "locks: staging is not locked",
      "locks: staging is not frozen (/freeze)",
      "refs.master: 1c1f6ab, the checked commit (give refs to say the branch moved on)",
      "deployments.production: none",
      "locks: production is not locked",
      "locks: production is not frozen (/freeze)",
    ]);
    const deployed = actionsOf(run, "deployAfterChecks").filter((action) => action.kind === "create-deployment");
    expect(deployed).toMatchObject([{ environment: "staging", payload: { requested_by: "thegreenwebfoundation" } }, { environment: "production" }]);
  });

  it("says a check run that is not completed sets nothing off", async () => {
    const run = await planOn("greenweb", "check_run.created", finished("tests"));
    expect(plansOf(run, "check_run.created")).toEqual([expect.objectContaining({ reason: "event-not-relevant" })]);
  });
});

describe("plan status on Green Web Foundation's config", () => {
  // CI that reports the tests as a commit status (Jenkins) rather than a check run.
  const reported = (state: string) =>
    payloadFor("status", undefined, "thegreenwebfoundation", "admin-portal", "master", { context: "tests", sha: SHA, state, branches: [] }, "jenkins");

  it("deploys the held staging deploy when the tests status succeeds, the event's own status counting", async () => {
    const run = await planOn("greenweb", "status", reported("success"), factsWith([{ name: "migrations" }, held()]));
    expect(run.report?.assumed).toEqual([]);
    expect(actionsOf(run, "deployAfterStatus").map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow", "check-run"]);
  });

  it("fails the hold when the tests status fails, and plans nothing for a pending one", async () => {
    const failed = actionsOf(await planOn("greenweb", "status", reported("failure"), factsWith([{ name: "migrations" }, held()])), "deployAfterStatus");
    expect(failed).toEqual([expect.objectContaining({ kind: "check-run", conclusion: "failure", title: "Not deployed to staging" })]);
    expect(actionsOf(await planOn("greenweb", "status", reported("pending"), factsWith([{ name: "migrations" }, held()])), "deployAfterStatus")).toEqual([]);
  });
});
