// `plan` and the Release Dashboard: before #13 the offline plan said the dashboard could not be
// planned ("read from GitHub, not from --facts"); it is now the bot's own refreshDashboard, from
// the deployments, locks, releases, pulls, checklists and dashboard issue the facts give.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planEvent } from "../../src/cli/plan.js";
import type { Action, Plan } from "../../src/policy/plan.js";
import { ROOT } from "./io.js";
import { payloadFor, pushOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-dashboard-")), name);
  writeFileSync(file, text);
  return file;
}

/** GWCelery's example with the dashboard `on` or off. */
function config(on: boolean): string {
  const text = readFileSync(join(ROOT, "examples", "gwcelery.yml"), "utf8");
  return tempFile("release-pilot.yml", `${text}\ndashboard: ${on}\n`);
}

async function dashboardPlans(event: string, payload: unknown, facts: unknown, on = true): Promise<{ plans: Plan[]; assumed: readonly string[] }> {
  const report = await planEvent(
    { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: ROOT },
    {
      event,
      payload: tempFile("payload.json", JSON.stringify(payload)),
      config: config(on),
      facts: tempFile("facts.json", JSON.stringify(facts)),
      json: true,
    },
  );
  const parts = (report?.parts ?? []).filter((part) => part.feature === "refreshDashboard");
  return { plans: parts.flatMap((part) => ("plan" in part ? [part.plan] : [])), assumed: report?.assumed ?? [] };
}

const FACTS = {
  now: NOW,
  permission: "write",
  deployments: { production: [{ sha: SHA, ref: "v2.6.0", state: "success", createdAt: "2024-10-20T09:00:00Z", requestedBy: "leo" }], playground: [] },
  locks: {},
  releases: [],
  pulls: [{ number: 12, title: "Fix the alerts", mergedAt: "2024-10-20T08:00:00Z" }],
  checklists: [],
  checkRuns: [],
};

function body(action: Action | undefined): string {
  return action?.kind === "create-issue" || action?.kind === "update-issue" ? (action.body ?? "") : "";
}

describe("plan: the Release Dashboard", () => {
  it("opens the dashboard from the facts when there is none, showing what is deployed and unreleased", async () => {
    const push = pushOf("emfollow", "gwcelery", "main", "main", SHA, ["README.md"]);
    const { plans } = await dashboardPlans("push", push, { ...FACTS, dashboard: null });
    expect(plans).toMatchObject([{ reason: "planned", summary: "Open the Release Dashboard." }]);
    const [open] = plans[0]?.actions ?? [];
    expect(open).toMatchObject({ kind: "create-issue", key: "dashboard", title: "Release Dashboard", labels: ["release-dashboard"] });
    expect(body(open)).toContain("| **production** | `v2.6.0` (`3a4b5c6`) | 2024-10-20 09:00 UTC | leo | free |");
    expect(body(open)).toContain("1 merged PR");
  });

  it("says the dashboard is up to date when the facts show it already shows this", async () => {
    const push = pushOf("emfollow", "gwcelery", "main", "main", SHA, ["README.md"]);
    const first = await dashboardPlans("push", push, { ...FACTS, dashboard: null });
    const shown = body(first.plans[0]?.actions[0]);
    const { plans } = await dashboardPlans("push", push, { ...FACTS, dashboard: { number: 3, body: shown } });
    expect(plans).toEqual([{ reason: "already-done", summary: "The Release Dashboard is up to date.", actions: [] }]);
  });

  it("names the default it leaned on when the facts do not say whether there is a dashboard", async () => {
    const push = pushOf("emfollow", "gwcelery", "main", "main", SHA, ["README.md"]);
    const { assumed } = await dashboardPlans("push", push, FACTS);
    expect(assumed).toContain("dashboard: no Release Dashboard issue yet");
  });

  it("leaves the dashboard alone for a bot's edit of an issue, and when the config has it off", async () => {
    const edited = payloadFor("issues", "edited", "emfollow", "gwcelery", "main", {
      issue: { number: 9, body: "x" },
      sender: { login: "ci[bot]", type: "Bot" },
    });
    expect((await dashboardPlans("issues", edited, FACTS)).plans).toMatchObject([{ reason: "event-not-relevant", actions: [] }]);
    const push = pushOf("emfollow", "gwcelery", "main", "main", SHA, ["README.md"]);
    expect((await dashboardPlans("push", push, FACTS, false)).plans).toMatchObject([{ reason: "not-configured", actions: [] }]);
  });
});
