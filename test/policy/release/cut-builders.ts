// Facts for `/release` policy tests: the real process configs and GWCelery's real changelog head.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { parseConfig, type Config } from "../../../src/policy/config/index.js";
import type { CutReleaseFacts } from "../../../src/policy/release/cut-facts.js";
import { GWCELERY, UKRDC } from "../config/process-configs.js";

export const GWCELERY_CHANGES = readFileSync(new URL("../../fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", import.meta.url), "utf8");

export function config(yaml: string, repo: string): Config {
  const parsed = parseConfig(parse(yaml), { repo });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

export const gwceleryConfig = config(GWCELERY, "emfollow/gwcelery");
export const ukrdcConfig = config(UKRDC, "renalreg/ukrdc-services");

export function checklistBody(version: string, ticked: boolean): string {
  const box = ticked ? "x" : " ";
  return `<!-- release-pilot:checklist v=${version} -->\n## Basics\n\n1.  [${box}] Update the changelog\n2.  [${box}] Deploy to playground\n`;
}

export function gwceleryFacts(overrides: Partial<CutReleaseFacts> = {}): CutReleaseFacts {
  return {
    repo: { owner: "emfollow", repo: "gwcelery" },
    repoUrl: "https://github.com/emfollow/gwcelery",
    config: gwceleryConfig,
    command: { name: "release" },
    commentId: 99,
    author: "leo",
    issue: { number: 880, title: "Release version 2.6.0", body: checklistBody("2.6.0", true), labels: ["release"] },
    defaultBranch: "main",
    headSha: "a".repeat(40),
    now: "2024-12-03T15:04:05.000Z",
    changelog: GWCELERY_CHANGES,
    versionFiles: {},
    tags: ["v2.5.2", "v2.5.1", "v2.5.1rc1"],
    releases: [],
    ...overrides,
  };
}

export function ukrdcFacts(overrides: Partial<CutReleaseFacts> = {}): CutReleaseFacts {
  return {
    repo: { owner: "renalreg", repo: "ukrdc-services" },
    repoUrl: "https://github.com/renalreg/ukrdc-services",
    config: ukrdcConfig,
    command: { name: "release", level: "rc" },
    commentId: 7,
    author: "joel",
    issue: { number: 12, title: "Release 10.8.5", body: "", labels: [] },
    defaultBranch: "master",
    headSha: "b".repeat(40),
    now: "2024-12-03T15:04:05.000Z",
    changelog: undefined,
    versionFiles: { "ukrdc/services/__init__.py": '__version__ = "10.8.4"\n' },
    tags: ["v10.8.4"],
    releases: [],
    ...overrides,
  };
}
