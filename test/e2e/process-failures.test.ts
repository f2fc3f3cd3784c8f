// Issue #12 item 16, on Openverse's process (examples/openverse.yml with the dashboard on): what
// goes wrong with nobody's comment to answer must still reach a person. A release's automatic
// production deploy that fails, and a broken config pushed to main, each fail a check run on the
// commit and show on the Release Dashboard; the failed production deploy carries the exact
// /rollback offer. A redelivered event writes no second check run.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { deploymentStatusPayload, pushPayload, releasePayload } from "./fixtures/event-payloads.js";
import { deploymentsOf, reportDeployment } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const MAINTAINER = "zackkrida";
const TAG = "api-2024.01.01.19.52.14";
const CONFIG = `${readFileSync("examples/openverse.yml", "utf8")}\ndashboard: true\n`;

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "api/manage.py": "" } });
  gh.createRepo({ owner, repo: "openverse-infrastructure", files: { "README.md": "infrastructure" } });
  gh.setPermission(owner, repo, MAINTAINER, "maintain");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const checkRuns = (sha: string, name: string) => mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.head_sha === sha && run.name === name);
const dashboard = () => gh.issues(owner, repo).find((issue) => issue.title === "Release Dashboard");

describe("Openverse: failures nobody asked about", () => {
  it("fails a check run on the release's commit with the exact /rollback offer, and shows it on the dashboard, when the automatic production deploy fails", async () => {
    const sha = gh.sha(owner, repo, "main")!;
    const releaseId = gh.addRelease({ owner, repo, tag: TAG });
    await app.send("release", releasePayload(gh, { owner, repo, releaseId, sender: MAINTAINER }));
    const production = await app.waitFor(() => deploymentsOf(gh, owner, repo, "production")[0], 30_000);
    await app.settle();

    const failed = await reportDeployment(gh, owner, repo, production.id, "failure", "openverse-bot");
    await app.send("deployment_status", failed);
    const [check] = await app.waitFor(
      () => (checkRuns(sha, "Release Pilot: deploy api to production").length > 0 ? checkRuns(sha, "Release Pilot: deploy api to production") : undefined),
      30_000,
    );
    await app.settle();
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Deploying to production ended with failure" } });
    expect(check!.output.summary).toContain(`❌ Deploying \`${sha.slice(0, 7)}\` (image \`rel-2024.01.01.19.52.14\`) to **production** ended with failure.`);
    expect(check!.output.summary).toContain("comment in any issue or pull request of this repository:\n\n```\n/rollback production api\n```");
    const board = await app.waitFor(() => (dashboard()?.body?.includes("`rel-2024.01.01.19.52.14` failed") ? dashboard() : undefined), 30_000);
    expect(board.body ?? "").toContain("go back with `/rollback production api`");

    // GitHub redelivers the status (a new delivery id): no second check run, no second comment.
    await app.send("deployment_status", failed);
    await app.settle();
    expect(checkRuns(sha, "Release Pilot: deploy api to production")).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 90_000);

  it("fails a check run at the broken line and warns on the dashboard when a broken config is pushed to main, until it is fixed", async () => {
    const broken = CONFIG.replace("commands: { permission: write }", "commands: { permission: wirte }");
    const sha = gh.commit(owner, repo, "main", { ".github/release-pilot.yml": broken, ...workflowsFor(broken) }, "Tweak the config", MAINTAINER);
    const push = pushPayload(gh, { owner, repo, ref: "main", sender: MAINTAINER });
    await app.send("push", push);
    const [check] = await app.waitFor(() => (checkRuns(sha, "Release Pilot config").length > 0 ? checkRuns(sha, "Release Pilot config") : undefined), 30_000);
    await app.settle();
    const line = broken.split("\n").findIndex((text) => text.includes("wirte")) + 1;
    expect(check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(check!.output.summary).toContain(
      "Release Pilot does nothing on this repository (no deploys, release notes, changelogs or commands) until `.github/release-pilot.yml` on `main` is fixed.",
    );
    expect(check!.output.summary).toContain(`- line ${line}: \`commands.permission\``);
    const warned = dashboard()?.body ?? "";
    expect(warned).toContain(`The failed "Release Pilot config" check on ${sha.slice(0, 7)} shows each problem at its line`);
    expect(warned).toContain("`rel-2024.01.01.19.52.14` failed");

    // Redelivered: nothing new.
    gh.resetCalls();
    await app.send("push", push);
    await app.settle();
    expect(gh.counts().writes).toBe(0);
    expect(checkRuns(sha, "Release Pilot config")).toHaveLength(1);

    // Fixed: the next push renders the dashboard whole again, without the warning.
    gh.commit(owner, repo, "main", { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) }, "Fix the config", MAINTAINER);
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: MAINTAINER }));
    await app.waitFor(() => !(dashboard()?.body ?? "").includes("release-pilot:config-broken"), 30_000);
    await app.settle();
    expect(dashboard()?.body ?? "").toContain("`rel-2024.01.01.19.52.14` failed");
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 90_000);

  it("fails the deployment, frees production and fails a check run with GitHub's answer when the production dispatch is refused", async () => {
    // The same process in a repository whose config names an infrastructure repository the app cannot reach.
    const other = "openverse-moved";
    gh.createRepo({
      owner,
      repo: other,
      files: {
        ".github/release-pilot.yml": CONFIG.replace("repo: WordPress/openverse-infrastructure", "repo: WordPress/openverse-infra-gone"),
        ...workflowsFor(CONFIG.replace("repo: WordPress/openverse-infrastructure", "repo: WordPress/openverse-infra-gone")),
        "api/manage.py": "",
      },
    });
    const sha = gh.sha(owner, other, "main")!;
    const releaseId = gh.addRelease({ owner, repo: other, tag: TAG });
    await app.send("release", releasePayload(gh, { owner, repo: other, releaseId, sender: MAINTAINER }));
    const runs = () =>
      mustRepo(gh.state, owner, other).checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy api to production");
    const [check] = await app.waitFor(() => (runs().length > 0 ? runs() : undefined), 30_000);
    await app.settle();
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Deploying to production ended with error" } });
    expect(check!.output.summary).toContain("ended with error: the deploy could not be started: GitHub answered 404 to the repository dispatch");
    expect(check!.output.summary).toContain("/rollback production api");
    const [production] = deploymentsOf(gh, owner, other, "production");
    expect(production!.statuses.map((status) => status.state)).toContain("error");
    expect(gh.refs(owner, other).filter((ref) => ref.ref.startsWith("refs/heads/release-pilot/lock/"))).toEqual([]);

    // GitHub then sends the bot's own error status: nothing new is written.
    gh.resetCalls();
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo: other, deploymentId: production!.id }));
    await app.settle();
    expect(runs()).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 90_000);
});
