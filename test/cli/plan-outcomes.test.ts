// `plan --event issues` (a checklist's progress and its ready comment) and `plan --event
// deployment_status` (the pointer tag, the lock, the answer with the rollback offer, and a
// release carried on to the environments that require this one).
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn, plansOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "9e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d";
const OTHER = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
const MARKER = "<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->";

describe("plan issues on GWCelery's config", () => {
  const edited = (body: string, sender = "leo") =>
    payloadFor("issues", "edited", "emfollow", "gwcelery", "main", { issue: { number: 5, state: "open", body } }, sender);

  it("updates the progress line and says once that 2.6.0 is ready when every box is ticked", async () => {
    const run = await planOn("gwcelery", "issues", edited(`1.  [x] Tests pass\n2.  [x] Changelog\n\n${MARKER}`), { now: NOW });
    const [update, ready] = actionsOf(run, "trackChecklist");
    expect(update).toMatchObject({ kind: "update-issue", number: 5, expectedBody: expect.stringContaining("[x] Tests pass") });
    expect(ready).toMatchObject({ kind: "comment", issueNumber: 5, body: expect.stringContaining("2.6.0 is ready to release") });
    expect(run.report?.assumed).toContain("alreadyAnnouncedReady: the bot has not yet said #5 is ready");
  });

  it("does not say it again when the facts show the ready comment is there", async () => {
    const run = await planOn("gwcelery", "issues", edited(`1.  [x] Tests pass\n\n${MARKER}`), { now: NOW, alreadyAnnouncedReady: true });
    expect(actionsOf(run, "trackChecklist").map((action) => action.kind)).toEqual(["update-issue"]);
  });

  it("leaves an issue that is not a checklist alone, and the bot's own edits too", async () => {
    expect(actionsOf(await planOn("gwcelery", "issues", edited("Just a bug report"), { now: NOW }), "trackChecklist")).toEqual([]);
    expect(actionsOf(await planOn("gwcelery", "issues", edited(`1.  [x] a\n\n${MARKER}`, "release-pilot[bot]"), { now: NOW }), "trackChecklist")).toEqual([]);
  });
});

function finished(
  owner: string,
  repo: string,
  environment: string,
  state: string,
  payload: Record<string, unknown>,
  creator = { login: "release-pilot[bot]", type: "Bot" },
) {
  return payloadFor("deployment_status", "created", owner, repo, "main", {
    deployment: {
      id: 900,
      sha: SHA,
      ref: SHA,
      environment,
      payload,
      created_at: "2024-10-21T11:00:00Z",
      production_environment: environment === "production",
      creator,
    },
    deployment_status: { state, description: "", log_url: "", target_url: "" },
  });
}

describe("plan deployment_status", () => {
  it("plans nothing for a deployment someone else created, whatever key its payload carries", async () => {
    const key = `deploy:production:${SHA}:push-${SHA}`;
    const run = await planOn(
      "greenweb",
      "deployment_status",
      finished("thegreenwebfoundation", "admin-portal", "production", "success", { release_pilot_key: key }, { login: "mallory", type: "User" }),
      { now: NOW },
    );
    expect(actionsOf(run, "reportDeploymentOutcome")).toEqual([]);
  });

  it("leaves someone else's deployments out of the history a rollback offer names", async () => {
    const payload = { release_pilot_key: "deploy:production/api:x", app: "api", issue_number: 12, requested_by: "zackkrida" };
    const deployments = {
      production: [
        { sha: SHA, state: "failure", app: "api", createdAt: "2024-10-21T11:00:00Z", id: 900 },
        { sha: OTHER, state: "success", app: "api", createdAt: "2024-10-21T10:00:00Z", creator: "mallory" },
        { sha: "a".repeat(40), state: "success", app: "api", createdAt: "2024-01-01T20:00:00Z", creator: "release-pilot[bot]" },
      ],
    };
    const run = await planOn("openverse", "deployment_status", finished("WordPress", "openverse", "production", "failure", payload), { now: NOW, deployments });
    const reply = actionsOf(run, "reportDeploymentOutcome").find((action) => action.kind === "comment");
    expect(reply).toMatchObject({ body: expect.stringContaining("To go back to `aaaaaaa`") });
    expect(JSON.stringify(reply)).not.toContain(OTHER.slice(0, 7));
  });

  it("moves Green Web's production tag and frees the deploy's lock when production succeeded", async () => {
    const key = `deploy:production:${SHA}:push-${SHA}`;
    const run = await planOn(
      "greenweb",
      "deployment_status",
      finished("thegreenwebfoundation", "admin-portal", "production", "success", { release_pilot_key: key, requested_by: "fershad" }),
      { now: NOW },
    );
    expect(actionsOf(run, "reportDeploymentOutcome")).toEqual([
      { kind: "move-tag", key: `pointer:production:${SHA}`, repo: { owner: "thegreenwebfoundation", repo: "admin-portal" }, tag: "production", commit: SHA },
      {
        kind: "release-lock",
        key: `unlock:${key}`,
        repo: { owner: "thegreenwebfoundation", repo: "admin-portal" },
        environment: "production",
        holderKey: `lock:production:${key}`,
      },
    ]);
  });

  it("offers Openverse the exact /rollback after a failed production deploy, naming what ran before from the facts", async () => {
    const payload = {
      release_pilot_key: "deploy:production/api:x",
      app: "api",
      image_tag: "rel-2024.02.02.10.00.00",
      issue_number: 12,
      requested_by: "zackkrida",
    };
    const deployments = {
      production: [
        { sha: SHA, state: "failure", app: "api", createdAt: "2024-10-21T11:00:00Z", id: 900 },
        { sha: "a".repeat(40), state: "success", app: "api", imageTag: "rel-2024.01.01.19.52.14", createdAt: "2024-01-01T20:00:00Z" },
      ],
    };
    const run = await planOn("openverse", "deployment_status", finished("WordPress", "openverse", "production", "failure", payload), { now: NOW, deployments });
    const reply = actionsOf(run, "reportDeploymentOutcome").find((action) => action.kind === "comment");
    expect(reply).toMatchObject({
      issueNumber: 12,
      body: expect.stringContaining("To go back to `aaaaaaa` (image `rel-2024.01.01.19.52.14`), comment:\n\n```\n/rollback production api\n```"),
    });
  });

  it("carries UKRDC's final on to production once staging reports success with it", async () => {
    const payload = { release_pilot_key: "deploy:staging:x:release-77", release_id: 77, release_tag: "v10.8.5", prerelease: false, requested_by: "joel" };
    const run = await planOn("ukrdc", "deployment_status", finished("renalreg", "ukrdc-services", "staging", "success", payload), {
      now: NOW,
      locks: {},
      deployments: { staging: [{ sha: SHA, state: "success" }] },
    });
    const [outcome, production] = plansOf(run, "reportDeploymentOutcome");
    expect(outcome?.actions.map((action) => action.kind)).toEqual(["release-lock"]);
    expect(production?.actions.find((action) => action.kind === "dispatch-workflow")).toMatchObject({
      ref: "release",
      inputs: { environment: "production", version: "10.8.5" },
    });
  });

  it("refuses production when the facts show nothing succeeded on staging with that commit", async () => {
    const payload = { release_pilot_key: "deploy:staging:x:release-77", release_id: 77, release_tag: "v10.8.5", prerelease: false, requested_by: "joel" };
    const run = await planOn("ukrdc", "deployment_status", finished("renalreg", "ukrdc-services", "staging", "success", payload), {
      now: NOW,
      locks: {},
      deployments: { staging: [] },
    });
    expect(plansOf(run, "reportDeploymentOutcome")[1]).toMatchObject({ reason: "gate-refused", actions: [{ kind: "check-run", conclusion: "failure" }] });
  });

  it("moves HCA's prod-deployed tag and tells the issue that asked for the promotion", async () => {
    const payload = {
      release_pilot_key: "deploy:prod:x:comment-42",
      image_tag: "prod-9e1d2c3b-21-10-2024.1729512000",
      issue_number: 3,
      requested_by: "amnonkhen",
    };
    const run = await planOn("hca-ingest", "deployment_status", finished("ebi-ait", "ingest-core", "prod", "success", payload), { now: NOW });
    expect(actionsOf(run, "reportDeploymentOutcome")).toMatchObject([
      { kind: "move-tag", tag: "prod-deployed", commit: SHA },
      { kind: "release-lock", environment: "prod" },
      {
        kind: "comment",
        issueNumber: 3,
        body: "✅ Deployed `9e1d2c3` (image `prod-9e1d2c3b-21-10-2024.1729512000`) to **prod**; `prod-deployed` now points at it.",
      },
    ]);
  });

  it("leaves deployments the bot did not make alone", async () => {
    const run = await planOn("greenweb", "deployment_status", finished("thegreenwebfoundation", "admin-portal", "production", "success", {}), { now: NOW });
    expect(plansOf(run, "reportDeploymentOutcome")).toMatchObject([{ reason: "event-not-relevant", actions: [] }]);
  });
});
