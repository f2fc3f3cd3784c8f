// Every event the app registers (src/features/registry.ts) is plannable offline, by construction:
// each example config, each registered event, planned from a facts file that gives every fact
// the features read. No feature may be "not planned offline", and none may end without a plan
// of its own (the driver's generic "has nothing to do" part means a feature carried out nothing).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planEvent, type PlanReport } from "../../src/cli/plan.js";
import { registeredEvents } from "../../src/features/registry.js";
import { CONFIG_PATH, checkConfigText } from "../../src/policy/config-check.js";
import { ROOT } from "./io.js";
import { payloadFor, pushOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

const EXAMPLES = [
  { example: "gwcelery", owner: "emfollow", repo: "gwcelery", branch: "main" },
  { example: "openverse", owner: "WordPress", repo: "openverse", branch: "main" },
  { example: "greenweb", owner: "thegreenwebfoundation", repo: "admin-portal", branch: "master" },
  { example: "hca-ingest", owner: "ebi-ait", repo: "ingest-core", branch: "master" },
  { example: "ukrdc", owner: "renalreg", repo: "ukrdc-services", branch: "master" },
] as const;

type Example = (typeof EXAMPLES)[number];

/**
 * What no "nothing there" can stand for: the texts /release edits and the downstream pins it
 * raises, as the repositories of the examples hold them.
 */
const TEXTS: Partial<Record<Example["example"], object>> = {
  gwcelery: { files: { "CHANGES.rst": readFileSync(join(ROOT, "test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst"), "utf8") } },
  ukrdc: {
    files: { "ukrdc/services/__init__.py": '__version__ = "10.8.5"\n' },
    downstream: { "renalreg/ukrdc-webapi": { base: "release", content: "fastapi==0.110.0\nukrdc-services==10.8.4\n" } },
  },
};

/** Every fact the facts file can give, given as "nothing there" so no feature has to guess. */
const FACTS = {
  now: NOW,
  appLogin: "release-pilot[bot]",
  permission: "admin",
  deployments: {},
  checkRuns: [],
  locks: {},
  tags: [],
  approvals: [],
  checklists: [],
  releases: [],
  pulls: [],
  dashboard: null,
  pullFiles: [{ filename: CONFIG_PATH, status: "modified" }],
  forwardPort: {},
  alreadyAnnouncedReady: false,
  auto: {},
};

const COMMANDS = ["/help", "/status", "/deploy {env}", "/rollback {env}", "/promote {env} {env2}", "/lock {env}", "/unlock {env}", "/release", "/checklist"];

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-registry-")), name);
  writeFileSync(file, text);
  return file;
}

/** The example's config with the Release Dashboard on, so refreshDashboard plans too. */
function configOf(example: Example): string {
  const text = readFileSync(join(ROOT, "examples", `${example.example}.yml`), "utf8");
  return tempFile("release-pilot.yml", `${text.replace(/^dashboard:.*$/m, "")}\ndashboard: true\n`);
}

/** The payloads of one registered event: a real example payload moved onto the repository. */
function payloadsOf(event: string, example: Example): { readonly label: string; readonly payload: Record<string, unknown> }[] {
  const [name = event, action] = event.split(".");
  const { owner, repo, branch } = example;
  if (name === "push") return [{ label: event, payload: pushOf(owner, repo, branch, branch, SHA, ["README.md"]) }];
  if (name === "issue_comment") {
    return COMMANDS.map((command) => ({
      label: `${event} ${command}`,
      payload: payloadFor(
        name,
        action,
        owner,
        repo,
        branch,
        { comment: { id: 42, body: command, user: { login: "leo", type: "User" } }, issue: { number: 7, title: "Release", body: "", labels: [] } },
        "leo",
      ),
    }));
  }
  if (name === "release") {
    const release = { id: 77, tag_name: "v1.2.0", name: "v1.2.0", body: "", target_commitish: branch, draft: false, prerelease: action === "prereleased" };
    return [{ label: event, payload: payloadFor(name, action, owner, repo, branch, { release }) }];
  }
  return [{ label: event, payload: payloadFor(name, action, owner, repo, branch) }];
}

async function planned(example: Example, event: string, payload: Record<string, unknown>): Promise<{ report: PlanReport | undefined; stderr: string }> {
  let stderr = "";
  const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text), env: {}, cwd: ROOT };
  const report = await planEvent(io, {
    event,
    payload: tempFile("payload.json", JSON.stringify(payload)),
    config: configOf(example),
    facts: tempFile("facts.json", JSON.stringify({ ...FACTS, ...TEXTS[example.example] })),
    json: true,
  });
  return { report, stderr };
}

const cases = EXAMPLES.flatMap((example) =>
  registeredEvents.flatMap((event) =>
    payloadsOf(event, example).map(({ label, payload }) => ({ name: `${example.example}: ${label}`, example, event, payload })),
  ),
);

describe("release-pilot plan plans every registered event", () => {
  it("covers every event of the registry", () => {
    expect(new Set(cases.map((c) => c.event))).toEqual(new Set(registeredEvents));
  });

  it.each(cases)("$name: every feature is planned from the facts file", async ({ example, event, payload }) => {
    const { report, stderr } = await planned(example, event, withEnvironment(payload, example));
    expect(stderr).toBe("");
    expect(report).toBeDefined();
    const unplanned = (report?.parts ?? []).flatMap((part) => ("notPlanned" in part ? [`${part.feature}: ${part.notPlanned}`] : []));
    expect(unplanned).toEqual([]);
    // A feature that carried out no plan gets the driver's generic part: every feature says why.
    const silent = (report?.parts ?? []).flatMap((part) =>
      "plan" in part && part.plan.summary.endsWith("has nothing to do for this event.") ? [part.feature] : [],
    );
    expect(silent).toEqual([]);
  });
});

/** `{env}` and `{env2}` in a command become the example's first two environments. */
function withEnvironment(payload: Record<string, unknown>, example: Example): Record<string, unknown> {
  const text = readFileSync(join(ROOT, "examples", `${example.example}.yml`), "utf8");
  const names = checkConfigText(text, `${example.owner}/${example.repo}`).config?.environments.map((env) => env.name) ?? [];
  const [first = "production", second = first] = names;
  return JSON.parse(JSON.stringify(payload).split("{env2}").join(second).split("{env}").join(first)) as Record<string, unknown>;
}
