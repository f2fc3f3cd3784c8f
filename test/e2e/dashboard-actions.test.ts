// The Release Dashboard's checkboxes end to end, as a closed loop: GitHub (the emulator) sends
// every webhook. A box ticked by a person with write permission promotes staging to production
// as that person; one ticked by a person below the command permission is refused on the
// dashboard; a box forged into the body by hand runs nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { startApp, type AppProcess } from "./harness.js";
import { botComments, deploymentsOf, reportDeployment } from "./fixtures/story.js";

const owner = "acme";
const repo = "shop";
const CONFIG = `environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy.yml }
  production:
    requires: [staging]
    deploy: { workflow: deploy.yml }
dashboard: true
commands: { permission: write }
`;
let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "src/shop.py": "" } });
  gh.setPermission(owner, repo, "leo", "write");
  gh.setPermission(owner, repo, "tina", "triage");
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

function dashboard() {
  const found = gh.issues(owner, repo).find((issue) => issue.title === "Release Dashboard");
  if (found === undefined) throw new Error("no dashboard");
  return found;
}

/** The person saves the dashboard with `line`'s box ticked (or the body `edit` makes). */
async function saveDashboardAs(login: string, edit: (body: string) => string): Promise<number> {
  const issue = mustRepo(gh.state, owner, repo).issues.get(dashboard().number);
  const response = await fetch(`${gh.url}/repos/${owner}/${repo}/issues/${dashboard().number}`, {
    method: "PATCH",
    headers: { authorization: `token ${gh.userToken(login)}`, "content-type": "application/json" },
    body: JSON.stringify({ body: edit(issue?.body ?? "") }),
  });
  expect(response.status).toBe(200);
  return dashboard().number;
}

const PROMOTE = "<!-- release-pilot:offer=promote:staging:production:shop -->";
const tick = (marker: string) => (body: string) =>
  body
    .split("\n")
    .map((line) => (line.endsWith(marker) ? line.replace("- [ ] ", "- [x] ") : line))
    .join("\n");

describe("ticking a box on the Release Dashboard", () => {
  it("offers to promote staging to production once staging has succeeded", async () => {
    gh.commit(owner, repo, "main", { "src/shop.py": "print('v2')\n" }, "Ship v2", "leo");
    await app.settle();
    const [staging] = deploymentsOf(gh, owner, repo, "staging");
    expect(staging).toBeDefined();
    await reportDeployment(gh, owner, repo, staging!.id, "success");
    await app.waitFor(() => dashboard().body?.includes(PROMOTE), 30_000);
    expect(dashboard().body).toContain(`- [ ] promote staging → production (${staging!.sha.slice(0, 7)}) ${PROMOTE}`);
  }, 90_000);

  it("refuses, on the dashboard, a person below the command permission, and deploys nothing", async () => {
    const number = await saveDashboardAs("tina", tick(PROMOTE));
    await app.waitFor(
      () => botComments(gh, owner, repo, number).some((c) => c.body.includes("@tina") && c.body.includes("only people with write access")),
      30_000,
    );
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    // The dashboard is drawn again with the box unticked: it was a request, not a state.
    expect(dashboard().body).toContain(`- [ ] promote staging → production`);
  }, 90_000);

  it("runs nothing for a box forged into the body by hand, already ticked", async () => {
    const before = botComments(gh, owner, repo, dashboard().number).length;
    // An id the bot never drew, for a deploy it never offered: only a box that was drawn
    // unticked and is now ticked counts, and then only as the offer the state makes.
    const forged = "- [x] deploy deadbee to production <!-- release-pilot:offer=retry:production:shop:deadbee -->";
    await saveDashboardAs("leo", (body) => `${body}\n${forged}`);
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    expect(botComments(gh, owner, repo, dashboard().number)).toHaveLength(before);
    expect(dashboard().body).toContain(`- [ ] promote staging → production`);
  }, 90_000);

  it("promotes exactly what succeeded on staging, as the person who ticked", async () => {
    const [staging] = deploymentsOf(gh, owner, repo, "staging");
    const number = await saveDashboardAs("leo", tick(PROMOTE));
    await app.waitFor(() => deploymentsOf(gh, owner, repo, "production")[0], 30_000);
    await app.settle();
    const [production] = deploymentsOf(gh, owner, repo, "production");
    expect(production!.sha).toBe(staging!.sha);
    expect((production!.payload as Record<string, unknown>)["requested_by"]).toBe("leo");
    const comments = botComments(gh, owner, repo, number);
    expect(comments.some((c) => c.body.startsWith("@leo ticked **promote staging → production"))).toBe(true);
    expect(gh.workflowDispatches.some((d) => d.inputs["deployment_id"] === String(production!.id))).toBe(true);
  }, 90_000);
});
