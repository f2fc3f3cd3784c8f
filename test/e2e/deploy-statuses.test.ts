// Issue #14 item 9, through the built app as its own process against the emulator: a team whose CI
// is Jenkins, which reports commit statuses (the Statuses API) rather than check runs, gates its
// staging deploys on `checks: [ci/jenkins]`. A push waits while Jenkins is pending, is held as
// failed (and a person's /deploy refused) when Jenkins fails, and is deployed as the pusher when
// Jenkins reports success on a rerun. Every status is posted through the emulator's API as
// Jenkins would, and the `status` webhook GitHub sends then is delivered to the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { commentPayload, pushPayload } from "./fixtures/event-payloads.js";
import { botComments, deploymentsOf } from "./fixtures/story.js";
import { reportStatus } from "./fixtures/story-steps.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const repo = "shop";
const CONFIG = [
  "environments:",
  "  staging:",
  "    follows: { branch: main }",
  "    checks: [ci/jenkins]",
  '    deploy: { workflow: deploy.yml, inputs: { environment: staging, ref: "{sha}" } }',
  "",
].join("\n");

let gh: Emulator;
let app: AppProcess;
let sha = "";

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "shop.py": "" } });
  gh.setPermission(owner, repo, "dana", "write");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  expect(app.errorLogs()).toEqual([]);
  await app?.stop();
  await gh?.close();
});

const holdOf = () =>
  mustRepo(gh.state, owner, repo)
    .checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy staging")
    .map((run) => ({ status: run.status, conclusion: run.conclusion, title: run.output.title, summary: run.output.summary }));
const dispatched = () => gh.workflowDispatches.filter((dispatch) => dispatch.inputs["ref"] === sha);

describe("a staging deploy gated on a Jenkins commit status", () => {
  it("waits at the push while Jenkins is pending", async () => {
    sha = gh.commit(owner, repo, "main", { "shop.py": "def checkout(): ...\n" }, "Add checkout", "dana");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: "dana" }));
    await app.waitFor(() => holdOf()[0], 30_000);
    await app.send("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "pending"));
    await app.settle();
    expect(holdOf()).toEqual([expect.objectContaining({ status: "in_progress", conclusion: null, title: "Waiting for checks: ci/jenkins" })]);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(dispatched()).toEqual([]);
  }, 60_000);

  it("is held as failed when Jenkins fails, and a person's /deploy of that commit is refused", async () => {
    await app.send("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "failure"));
    await app.waitFor(() => holdOf().find((run) => run.conclusion === "failure"), 30_000);
    await app.settle();
    expect(holdOf()).toEqual([
      expect.objectContaining({
        status: "completed",
        conclusion: "failure",
        title: "Not deployed to staging",
        summary: expect.stringContaining("the ci/jenkins status ended failure"),
      }),
    ]);

    const number = gh.addIssue({ owner, repo, title: "Ship checkout" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: `/deploy staging ${sha.slice(0, 7)}`, sender: "dana" }));
    const refused = await app.waitFor(
      () => botComments(gh, owner, repo, number).find((comment) => comment.body.includes("ci/jenkins status ended failure")),
      30_000,
    );
    await app.settle();
    expect(refused.body).toContain(`the ci/jenkins status ended failure on ${sha.slice(0, 7)}`);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(dispatched()).toEqual([]);
  }, 60_000);

  it("is deployed as the pusher when Jenkins, run again, reports success", async () => {
    await app.send("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "success"));
    await app.waitFor(() => dispatched()[0], 30_000);
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([expect.objectContaining({ sha, payload: expect.objectContaining({ requested_by: "dana" }) })]);
    expect(dispatched()).toEqual([
      expect.objectContaining({ workflow_id: "deploy.yml", inputs: expect.objectContaining({ environment: "staging", ref: sha }) }),
    ]);
    expect(holdOf()).toEqual([expect.objectContaining({ status: "completed", conclusion: "success", title: "Deploying to staging" })]);
  }, 60_000);
});
