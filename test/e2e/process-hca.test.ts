// HCA ingest's whole process (PROCESSES.md §5) played as one story with examples/hca-ingest.yml:
// a feature PR approved by two devs is merged into dev, whose push deploys dev; dev is merged into
// master through a PR the team approves, whose push deploys staging; prod takes, by hand, exactly
// what succeeded on staging (`/promote staging prod` on that PR, approved by two devs' 👍: the PR's
// approving reviews are of dev's head, not of the merge commit being promoted, so they do not count) under
// its own prod-{sha8}-{DD-MM-YYYY}.{epoch} image, and the deploy workflow reports it successful,
// which moves the `prod-deployed` tag.
// A closed loop: the test only does what people and the deploy workflow do (push, merge, review,
// comment, 👍, report a deployment's status); the emulator sends every webhook. GitHub sends no
// webhook for a reaction and a 👍 can only follow the comment it is on, so the approved /promote
// is the command typed again after the two devs 👍 the one refused for approvals.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs, deploymentsOf, expectCalm, reportDeployment, statesOf, thumbsUp } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "ebi-ait";
const repo = "ingest-core";
const DEVS = ["amnonkhen", "aaclan", "ke4"] as const;

let gh: Emulator;
let app: AppProcess;
/** The feature's merge into dev, and dev's merge into master. */
let feature: string;
let merge: string;
let release: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/hca-ingest.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/hca-ingest.yml", "utf8")),
      "src/main/java/Ingest.java": "class Ingest {}\n",
    },
  });
  gh.createBranch(owner, repo, "dev", "master");
  for (const login of DEVS) gh.setPermission(owner, repo, login, "write");
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const payload = (deployment: { payload: unknown }) => deployment.payload as Record<string, unknown>;
const dispatchOf = (deploymentId: number) => gh.workflowDispatches.find((d) => d.inputs["deployment_id"] === String(deploymentId));

/**
 * `{env}-{sha8}-{DD-MM-YYYY}.{epoch}`, with the date being the UTC day of the epoch: both are read
 * from the one clock reading of the deploy, so they must agree.
 */
function expectImage(image: unknown, env: string, sha: string): void {
  const match = new RegExp(`^${env}-${sha.slice(0, 8)}-(\\d{2})-(\\d{2})-(\\d{4})\\.(\\d+)$`).exec(String(image));
  expect(match, `${String(image)} is ${env}'s image of ${sha.slice(0, 8)}`).not.toBeNull();
  const [, day, month, year, epoch] = match!;
  expect(`${year}-${month}-${day}`).toBe(new Date(Number(epoch) * 1000).toISOString().slice(0, 10));
}

/** Merge a pull request approved by two devs other than its author, as the process asks. */
function mergeApproved(head: string, base: string, title: string, author: string, mergedBy: string): { number: number; sha: string } {
  const number = gh.openPullRequest({ owner, repo, title, head, base, author });
  for (const login of DEVS.filter((dev) => dev !== author).slice(0, 2)) gh.addReview(owner, repo, number, login);
  return { number, sha: gh.mergePullRequest(owner, repo, number, "merge", mergedBy) };
}

async function succeed(deploymentId: number): Promise<void> {
  await reportDeployment(gh, owner, repo, deploymentId, "success", "gitlab-ci");
  await app.settle();
  expect(statesOf(gh, owner, repo, deploymentId).at(-1)).toBe("success");
}

describe("HCA ingest from a push to dev to a prod deploy", () => {
  it("deploys dev under a dev image when an approved feature is merged into dev", async () => {
    gh.createBranch(owner, repo, "feature/dcp-1021-archive-submissions", "dev", "aaclan");
    gh.commit(owner, repo, "feature/dcp-1021-archive-submissions", { "src/main/java/Archive.java": "class Archive {}\n" }, "Archive submissions", "aaclan");
    feature = mergeApproved("feature/dcp-1021-archive-submissions", "dev", "dcp-1021 Archive submissions", "aaclan", "aaclan").sha;
    const dev = await app.waitFor(() => deploymentsOf(gh, owner, repo, "dev")[0], 30_000);
    await app.settle();
    expect(dev.sha).toBe(feature);
    expectImage(payload(dev)["image_tag"], "dev", feature);
    expect(dispatchOf(dev.id)).toMatchObject({ workflow_id: "deploy.yml", inputs: { environment: "dev", image: payload(dev)["image_tag"] } });
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    await succeed(dev.id);
  }, 60_000);

  it("deploys staging under a staging image when dev is merged into master", async () => {
    ({ number: release, sha: merge } = mergeApproved("dev", "master", "Merge dev to master: archive submissions", "amnonkhen", "amnonkhen"));
    const staging = await app.waitFor(() => deploymentsOf(gh, owner, repo, "staging")[0], 30_000);
    await app.settle();
    expect(staging.sha).toBe(merge);
    expectImage(payload(staging)["image_tag"], "staging", merge);
    expect(dispatchOf(staging.id)).toMatchObject({ workflow_id: "deploy.yml", inputs: { environment: "staging", image: payload(staging)["image_tag"] } });
    // Prod follows nothing: only a person sends it there.
    expect(deploymentsOf(gh, owner, repo, "prod")).toEqual([]);
    expect(deploymentsOf(gh, owner, repo, "dev")).toHaveLength(1);
  }, 60_000);

  it("refuses to promote to prod while the staging deploy has not succeeded yet", async () => {
    await commentAs(gh, owner, repo, release, "/promote staging prod", "amnonkhen");
    const refusal = await app.waitFor(() => botComments(gh, owner, repo, release).find((c) => c.body.includes("nothing has succeeded on staging yet")), 30_000);
    await app.settle();
    expect(refusal.body).toContain("wait for it to finish");
    expect(deploymentsOf(gh, owner, repo, "prod")).toEqual([]);
  }, 60_000);

  it("promotes what succeeded on staging to prod under a prod image, with two devs' 👍 on the command", async () => {
    await succeed(deploymentsOf(gh, owner, repo, "staging")[0]!.id);
    const asked = await commentAs(gh, owner, repo, release, "/promote staging prod", "amnonkhen");
    await app.waitFor(() => botComments(gh, owner, repo, release).find((c) => c.body.includes("needs 2 approvals")), 30_000);
    await app.settle();
    for (const login of ["aaclan", "ke4"]) await thumbsUp(gh, owner, repo, asked, login);
    await commentAs(gh, owner, repo, release, "/promote staging prod", "amnonkhen");
    const prod = await app.waitFor(() => deploymentsOf(gh, owner, repo, "prod")[0], 30_000);
    await app.settle();
    expect(prod).toMatchObject({ sha: merge, payload: { requested_by: "amnonkhen", issue_number: release } });
    expectImage(payload(prod)["image_tag"], "prod", merge);
    expect(dispatchOf(prod.id)).toMatchObject({ workflow_id: "deploy.yml", inputs: { environment: "prod", image: payload(prod)["image_tag"] } });
    const reply = botComments(gh, owner, repo, release).find((c) => c.body.includes("to **prod**"));
    expect(reply?.body).toContain("2 of 2 approvals (");
    expect(gh.tags(owner, repo)).toEqual([]);
  }, 60_000);

  it("moves prod-deployed to the release when the deploy workflow reports prod successful", async () => {
    const [prod, ...others] = deploymentsOf(gh, owner, repo, "prod");
    expect(others).toEqual([]);
    await succeed(prod!.id);
    await app.waitFor(() => gh.tags(owner, repo).find((t) => t.name === "prod-deployed"), 30_000);
    expect(gh.tags(owner, repo).map((t) => [t.name, t.commit])).toEqual([["prod-deployed", merge]]);
    expect(botComments(gh, owner, repo, release).map((c) => c.body.split("\n")[0])).toContainEqual(
      `✅ Deployed \`${merge.slice(0, 7)}\` (image \`${String(payload(prod!)["image_tag"])}\`) to **prod**; \`prod-deployed\` now points at it.`,
    );
    expect(["dev", "staging", "prod"].map((env) => deploymentsOf(gh, owner, repo, env).map((d) => d.sha))).toEqual([[feature], [merge], [merge]]);
    expect(gh.workflowDispatches).toHaveLength(3);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});

describe("HCA ingest: approvals given after a refusal", () => {
  // GitHub sends no webhook for a reaction, so 👍 are read when a command is handled. The refusal
  // asks for 👍 and the command typed again; that command counts the 👍 given since (within
  // approvals_within) to the same command refused for approvals in the same issue.
  it("promotes to prod when the command is typed again after two devs 👍 the one refused for approvals", async () => {
    const issue = gh.addIssue({ owner, repo, title: "Release archive submissions to prod" });
    const asked = await commentAs(gh, owner, repo, issue, "/promote staging prod", "amnonkhen");
    const refusal = await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes("needs 2 approvals")), 30_000);
    await app.settle();
    expect(refusal.body).toContain("ask 2 more maintainers to 👍 this comment, then type the same command again here.");
    for (const login of ["aaclan", "ke4"]) await thumbsUp(gh, owner, repo, asked, login);
    const before = deploymentsOf(gh, owner, repo, "prod").length;
    await commentAs(gh, owner, repo, issue, "/promote staging prod", "amnonkhen");
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "prod")).toHaveLength(before + 1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);

  // The bot's own writes came back as webhooks (its lock refs, the prod-deployed tag, its
  // comments and deployment statuses): none set off more.
  it("stays calm under its own webhooks: a bounded number of deliveries and calls, then quiet", async () => {
    await expectCalm(app, gh, { deliveries: 80, calls: 260 });
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
