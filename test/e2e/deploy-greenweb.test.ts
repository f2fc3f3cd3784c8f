// Green Web Foundation's deploys end to end: staging and master each deploy their environment,
// pending migrations stop /deploy production until it is asked "--with-migrations", and two
// deploys asked at the same moment never overlap.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "thegreenwebfoundation";
const repo = "admin-portal";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/greenweb.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/greenweb.yml", "utf8")),
      "manage.py": "",
    },
  });
  gh.createBranch(owner, repo, "staging", "master");
  for (const login of ["fershad", "mrchrisadams"]) gh.setPermission(owner, repo, login, "write");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const deploymentsOf = (env: string) => gh.deployments(owner, repo).filter((d) => d.environment === env);
const botComments = (number: number) => gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");

function commitWithChecks(branch: string, migrations: "success" | "failure"): string {
  const sha = gh.commit(owner, repo, branch, { "greencheck/models.py": `# ${Math.random()}` }, "Change a model", "fershad");
  gh.addCheckRun(owner, repo, sha, "tests", "success");
  gh.addCheckRun(owner, repo, sha, "migrations", migrations);
  return sha;
}

async function succeed(deploymentId: number) {
  await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${deploymentId}/statuses`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken("ansible")}`, "content-type": "application/json" },
    body: JSON.stringify({ state: "success" }),
  });
  await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId }));
}

async function ask(body: string, sender: string, number: number) {
  return commentPayload(gh, { owner, repo, number, body, sender });
}

describe("Green Web Foundation deploys", () => {
  it("deploys staging on a push to staging and production on a push to master", async () => {
    const stagingSha = commitWithChecks("staging", "success");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "staging"), 20_000);
    const masterSha = commitWithChecks("master", "success");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "master", sender: "fershad" }));
    const production = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "production"), 20_000);
    expect(production).toMatchObject({ workflow_id: "deploy.yml", ref: "master", inputs: { ref: masterSha } });
    expect(deploymentsOf("staging").map((d) => d.sha)).toEqual([stagingSha]);
    await app.settle();
    await succeed(deploymentsOf("production")[0]!.id);
    // The pointer tag follows what production runs, and the deploy's lock is freed.
    await app.waitFor(() => gh.tags(owner, repo).find((t) => t.name === "production" && t.commit === masterSha), 20_000);
    await app.waitFor(() => !gh.refs(owner, repo).some((r) => r.ref === "refs/heads/release-pilot/lock/production"), 20_000);
  }, 90_000);

  it("refuses /deploy production while migrations are pending and runs it --with-migrations", async () => {
    const sha = commitWithChecks("master", "failure");
    const number = gh.addIssue({ owner, repo, title: "Deploy the new models" });
    await app.send("issue_comment", await ask("/deploy production", "fershad", number));
    const refusal = await app.waitFor(() => botComments(number).find((c) => c.body.includes("Not deploying")), 20_000);
    expect(refusal.body).toContain("pending migrations");
    expect(refusal.body).toContain("--with-migrations");
    expect(deploymentsOf("production").filter((d) => d.sha === sha)).toEqual([]);

    await app.send("issue_comment", await ask("/deploy production --with-migrations", "fershad", number));
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === sha), 20_000);
    expect(dispatch.inputs).toMatchObject({ environment: "production", migrate: "true" });
    await app.settle();
    await succeed(deploymentsOf("production").find((d) => d.sha === sha)!.id);
    await app.waitFor(() => !gh.refs(owner, repo).some((r) => r.ref === "refs/heads/release-pilot/lock/production"), 20_000);
  }, 90_000);

  it("runs one of two /deploy production sent at the same moment and tells the other who holds the lock", async () => {
    const sha = commitWithChecks("master", "success");
    await app.settle();
    const first = gh.addIssue({ owner, repo, title: "Deploy A" });
    const second = gh.addIssue({ owner, repo, title: "Deploy B" });
    const payloads = [await ask("/deploy production", "fershad", first), await ask("/deploy production", "mrchrisadams", second)];
    await Promise.all(payloads.map((payload) => app.send("issue_comment", payload)));
    const refused = await app.waitFor(() => [...botComments(first), ...botComments(second)].find((c) => c.body.includes("locked by")), 30_000);
    await app.settle();
    expect(deploymentsOf("production").filter((d) => d.sha === sha)).toHaveLength(1);
    expect(gh.workflowDispatches.filter((d) => d.inputs["ref"] === sha)).toHaveLength(1);
    const winner = deploymentsOf("production").find((d) => d.sha === sha)!.payload as Record<string, unknown>;
    expect(refused.body).toContain(`locked by ${String(winner["requested_by"])}`);
    expect(gh.violations).toEqual([]);
  }, 90_000);
});
