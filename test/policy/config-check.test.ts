import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfigText, describeConfig, planConfigCheck } from "../../src/policy/config-check.js";
import type { CheckRun } from "../../src/policy/plan.js";

const repo = { owner: "WordPress", repo: "openverse" };
const headSha = "a".repeat(40);
const openverse = readFileSync(new URL("../../examples/openverse.yml", import.meta.url), "utf8");

function checkRun(yamlText: string): CheckRun {
  const result = planConfigCheck({ repo, headSha, yamlText, repoName: "WordPress/openverse" });
  const [action] = result.actions;
  if (action?.kind !== "check-run") throw new Error("expected one check run");
  return action;
}

const BROKEN = `versioning: { scheme: semver }
environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy.yml }
  production:
    deploy: { workflow: deploy.yml }
    approvals: many
    aprovals: 2
`;

describe("planConfigCheck", () => {
  it("shows a pull request's keys and values inert: no mention, no HTML, no marker, no broken code span", () => {
    const run = checkRun('environments:\n  staging:\n    "@org/team`<!-- release-pilot:key=x -->": 1\n    deploy: { workflow: deploy.yml }\n');
    expect(run.conclusion).toBe("failure");
    // The key is shown as code (where GitHub links no mention), in a fence its backtick cannot close.
    expect(run.summary).toContain("``environments.staging.@org/team`<\u200d!-- release-pilot:key=x -->``: unknown key");
    expect(run.summary).not.toContain("<!--");
  });

  it("fails the check with each error annotated at its line", () => {
    const run = checkRun(BROKEN);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ".github/release-pilot.yml",
          line: 8,
          level: "failure",
          message: expect.stringContaining("environments.production.approvals"),
        }),
        expect.objectContaining({ line: 9, message: expect.stringContaining("did you mean approvals?") }),
      ]),
    );
    expect(run.summary).toContain("- line 8: `environments.production.approvals`");
  });

  it("places a YAML syntax error on its line", () => {
    const run = checkRun("tag: v{version}\nenvironments:\n  staging: [unclosed\n");
    expect(run.conclusion).toBe("failure");
    expect(run.annotations[0]).toMatchObject({ level: "failure", message: expect.stringContaining("YAML syntax") });
    expect(run.annotations[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("passes a valid config with a summary of what it will do", () => {
    const run = checkRun(openverse);
    expect(run).toMatchObject({ conclusion: "success", title: "The config is valid", name: "Release Pilot config", headSha, key: `config-check:${headSha}` });
    expect(run.summary).toContain("push to main → deploy staging (api, frontend, catalog, ingestion_server)");
    expect(run.summary).toContain("release published → changelog PR (api, frontend, catalog, ingestion_server), deploy production");
  });

  it("says which environments take candidates and which wait for another's success", () => {
    const run = checkRun(readFileSync("examples/ukrdc.yml", "utf8"));
    expect(run.summary).toContain("release published → deploy production once staging succeeded");
    expect(run.summary).toContain("release prereleased → deploy staging (candidates and finals)");
  });

  it("annotates warnings at their line without failing", () => {
    const run = checkRun("changelog:\n  file: CHANGES.txt\n");
    expect(run.conclusion).toBe("success");
    expect(run.annotations).toEqual([expect.objectContaining({ level: "warning", line: 2 })]);
  });

  it("points at an item inside a list by its index", () => {
    const checked = checkConfigText("notes:\n  categories:\n    - { title: A, labels: [a] }\n    - { labels: [b] }\n", "acme/web");
    expect(checked.errors).toEqual([expect.objectContaining({ path: "notes.categories[1].title", line: 4 })]);
  });

  it("finds environment names that contain dots", () => {
    const checked = checkConfigText("environments:\n  eu.prod:\n    deploy: { workflow: d.yml }\n    queue: maybe\n", "acme/web");
    expect(checked.errors).toEqual([expect.objectContaining({ path: "environments.eu.prod.queue", line: 4 })]);
  });
});

describe("describeConfig", () => {
  it("lists an environment that takes only prereleases under the prereleased event, as candidates only", () => {
    const checked = checkConfigText("environments:\n  beta:\n    follows: { release: prerelease-only }\n    deploy: { workflow: deploy.yml }\n", "acme/shop");
    expect(describeConfig(checked.config!)).toContain("release prereleased → deploy beta (candidates only)");
  });

  it("names the commands with their environments and permission", () => {
    const checked = checkConfigText(openverse, "WordPress/openverse");
    const lines = describeConfig(checked.config!);
    expect(lines.at(-1)).toBe(
      "commands: /release, /checklist, /deploy staging|production, /rollback, /promote, /lock staging|production, /unlock, /freeze, /unfreeze, /status, /help (write permission)",
    );
  });
});

describe("describeConfig in a single-app repository", () => {
  it("names no apps, since there is only one", () => {
    const checked = checkConfigText("environments:\n  staging: { follows: { branch: main }, deploy: { workflow: d.yml } }\n", "acme/web");
    expect(describeConfig(checked.config!)[0]).toBe("push to main → deploy staging");
  });
});
