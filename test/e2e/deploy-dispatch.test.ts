// Issue #14, item 1: the bot dispatches a deploy workflow as GitHub takes it. Only inputs the
// workflow declares are sent (the deployment's id only where `deployment_id` is declared), on a
// branch, and a dispatch the workflow would refuse fails its deployment with the input named,
// frees the lock and says so in the reply, instead of leaving a pending deployment behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { deployWorkflow } from "../emulator/workflow-files.js";
import { commentPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "shop";
const BOT = "release-pilot[bot]";
const CONFIG = `environments:
  staging:
    deploy: { workflow: deploy.yml, inputs: { tag: "{sha}", image: "shop-{sha8}" } }
  production:
    deploy: { workflow: release.yml, ref: release, inputs: { commit: "{sha}" } }
`;
let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": CONFIG,
      // The team's workflow predates Release Pilot: it takes a tag and knows no image input.
      ".github/workflows/deploy.yml": deployWorkflow(["tag"]),
      ".github/workflows/release.yml": deployWorkflow(["commit"], { withDeploymentId: false }),
    },
  });
  gh.createBranch(owner, repo, "release", "main");
  gh.setPermission(owner, repo, "maintainer", "write");
  app = await startApp({ emulator: gh });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  expect(app.errorLogs()).toEqual([]);
  await app?.stop();
  await gh?.close();
});

async function command(body: string): Promise<number> {
  const number = gh.addIssue({ owner, repo, title: "Deploy" });
  expect((await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body, sender: "maintainer" }))).status).toBeLessThan(300);
  return number;
}

const replies = (number: number) => gh.comments(owner, repo, number).filter((c) => c.user.login === BOT);
const lockRef = (env: string) => gh.refs(owner, repo).find((r) => r.ref === `refs/heads/release-pilot/lock/${env}`);

describe("dispatching a deploy workflow as GitHub takes it", () => {
  it("fails the deployment, frees the lock and names the undeclared input when the workflow would refuse it", async () => {
    const number = await command("/deploy staging");
    const deployment = await app.waitFor(
      () => gh.deployments(owner, repo).find((d) => d.environment === "staging" && d.statuses.some((s) => s.state === "error")),
      20_000,
    );
    const error = deployment.statuses.find((s) => s.state === "error");
    expect(error?.description).toContain("does not declare the input image");
    await app.waitFor(() => lockRef("staging") === undefined, 20_000);
    const reply = await app.waitFor(() => replies(number).find((c) => c.body.includes("does not declare the input image")), 20_000);
    expect(reply.body).toContain("declare it under on.workflow_dispatch.inputs");
    await app.settle();
    // One answer: the deploy's reply, not a second "could not finish your command" report.
    expect(replies(number).filter((c) => c.body.includes("could not finish"))).toEqual([]);
    expect(gh.workflowDispatches).toEqual([]);
  }, 60_000);

  it("dispatches once the workflow declares the input, with the deployment's id it declares", async () => {
    gh.commit(owner, repo, "main", { ".github/workflows/deploy.yml": deployWorkflow(["tag", "image"]) }, "Take an image");
    const sha = gh.sha(owner, repo, "main")!;
    await command("/deploy staging");
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.workflow_id === "deploy.yml"), 20_000);
    const deployment = gh.deployments(owner, repo).find((d) => d.environment === "staging" && d.sha === sha && d.statuses.every((s) => s.state !== "error"));
    expect(dispatch).toMatchObject({ ref: "main", inputs: { tag: sha, image: `shop-${sha.slice(0, 8)}`, deployment_id: String(deployment?.id) } });
  }, 60_000);

  it("sends no deployment id to a workflow that does not declare one, on the configured branch", async () => {
    const sha = gh.sha(owner, repo, "main")!;
    await command("/deploy production");
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.workflow_id === "release.yml"), 20_000);
    expect(dispatch).toMatchObject({ ref: "release", inputs: { commit: sha } });
    expect(Object.keys(dispatch.inputs)).toEqual(["commit"]);
  }, 60_000);
});
