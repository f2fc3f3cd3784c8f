// HCA ingest end to end: master deploys staging, and /promote staging prod needs two maintainers'
// 👍 before it ships the same commit under a prod-<sha8>-<DD-MM-YYYY>.<epoch> image.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "ebi-ait";
const repo = "ingest-core";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": readFileSync("examples/hca-ingest.yml", "utf8"), ...workflowsFor(readFileSync("examples/hca-ingest.yml", "utf8")) },
  });
  for (const login of ["amnonkhen", "aaclan", "ke4"]) gh.setPermission(owner, repo, login, "write");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const deploymentsOf = (env: string) => gh.deployments(owner, repo).filter((d) => d.environment === env);
const botComments = (number: number) => gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");

async function thumbsUp(commentId: number, login: string) {
  const response = await fetch(`${gh.url}/repos/${owner}/${repo}/issues/comments/${commentId}/reactions`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken(login)}`, "content-type": "application/json" },
    body: JSON.stringify({ content: "+1" }),
  });
  expect(response.status).toBeLessThan(300);
}

async function promoteWith(number: number, approvers: readonly string[]) {
  const payload = commentPayload(gh, { owner, repo, number, body: "/promote staging prod", sender: "amnonkhen" });
  const commentId = (payload["comment"] as { id: number }).id;
  for (const login of approvers) await thumbsUp(commentId, login);
  await app.send("issue_comment", payload);
  return payload;
}

describe("HCA ingest promotion", () => {
  it("promotes what succeeded on staging only with two approvals, under a prod image tag", async () => {
    const sha = gh.commit(owner, repo, "master", { "src/app.py": "x = 1" }, "Merge dev", "amnonkhen");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "master", sender: "amnonkhen" }));
    const staging = await app.waitFor(() => deploymentsOf("staging")[0], 20_000);
    expect((staging.payload as Record<string, unknown>)["image_tag"]).toMatch(new RegExp(`^staging-${sha.slice(0, 8)}-\\d{2}-\\d{2}-\\d{4}\\.\\d+$`));
    await app.settle();
    await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${staging.id}/statuses`, {
      method: "POST",
      headers: { authorization: `token ${gh.userToken("gitlab-ci")}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "success" }),
    });
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: staging.id }));
    await app.settle();

    const number = gh.addIssue({ owner, repo, title: "Release prod" });
    await promoteWith(number, ["aaclan"]);
    const refusal = await app.waitFor(() => botComments(number).find((c) => c.body.includes("Not deploying")), 20_000);
    expect(refusal.body).toContain("needs 2 approvals");
    expect(deploymentsOf("prod")).toEqual([]);

    const payload = await promoteWith(number, ["aaclan", "ke4"]);
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "prod"), 20_000);
    expect(dispatch.inputs["image"]).toMatch(new RegExp(`^prod-${sha.slice(0, 8)}-\\d{2}-\\d{2}-\\d{4}\\.\\d+$`));
    await app.settle();

    await app.send("issue_comment", payload);
    await app.settle();
    expect(deploymentsOf("prod")).toHaveLength(1);
    expect(deploymentsOf("prod")[0]!.sha).toBe(sha);
    expect(gh.workflowDispatches.filter((d) => d.inputs["environment"] === "prod")).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 120_000);
});
