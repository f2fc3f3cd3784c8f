// statusReport: which release is each app's last, which merged pull requests are unreleased and
// whose, and which open issues are checklists, decided from the reads alone.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfigText } from "../../../src/policy/config-check.js";
import type { Config } from "../../../src/policy/config/index.js";
import { statusEnvironments, statusReport, type StatusReads } from "../../../src/policy/status/index.js";

function example(name: string, repo: string): Config {
  const config = checkConfigText(readFileSync(`examples/${name}.yml`, "utf8"), repo).config;
  if (config === undefined) throw new Error(`examples/${name}.yml is not valid`);
  return config;
}

const OPENVERSE = example("openverse", "WordPress/openverse");
const GWCELERY = example("gwcelery", "emfollow/gwcelery");

function reads(overrides: Partial<StatusReads> = {}): StatusReads {
  return {
    repo: "o/r",
    now: "2024-01-03T12:00:00Z",
    environments: [],
    releases: [],
    pulls: { pulls: [], full: false },
    checklistIssues: undefined,
    ...overrides,
  };
}

const pull = (number: number, labels: string[], mergedAt: string | null) => ({ number, title: `PR ${number}`, url: `u/${number}`, labels, mergedAt });
const release = (tag: string, publishedAt: string | null, draft = false) => ({ tag, url: `r/${tag}`, draft, publishedAt });

describe("statusReport", () => {
  it("takes each app's newest published release by its tag, ignoring drafts and other apps' tags", () => {
    const status = statusReport(
      OPENVERSE,
      reads({
        releases: [
          release("api-2024.01.02.00.00.00", null, true),
          release("frontend-2024.01.02.00.00.00", "2024-01-02T00:00:00Z"),
          release("api-2024.01.01.00.00.00", "2024-01-01T00:00:00Z"),
          release("api-2023.12.01.00.00.00", "2023-12-01T00:00:00Z"),
        ],
      }),
    );
    expect(status.apps.find((app) => app.name === "api")?.lastRelease).toEqual({
      tag: "api-2024.01.01.00.00.00",
      publishedAt: "2024-01-01T00:00:00Z",
      url: "r/api-2024.01.01.00.00.00",
    });
    expect(status.apps.find((app) => app.name === "catalog")?.lastRelease).toBeUndefined();
  });

  it.each([
    { name: "a monorepo app owns the pull requests with its label, merged after its release", app: "api", count: 1, numbers: [3] },
    { name: "an app without a release counts every merged pull request with its label", app: "frontend", count: 1, numbers: [4] },
  ])("$name", ({ app, count, numbers }) => {
    const status = statusReport(
      OPENVERSE,
      reads({
        releases: [release("api-2024.01.01.00.00.00", "2024-01-01T00:00:00Z")],
        pulls: {
          pulls: [
            pull(3, ["🧱 stack: api"], "2024-01-02T00:00:00Z"),
            pull(2, ["🧱 stack: api"], "2023-12-31T00:00:00Z"),
            pull(4, ["🧱 stack: frontend"], "2023-12-30T00:00:00Z"),
            pull(5, ["🧱 stack: api"], null),
          ],
          full: false,
        },
      }),
    );
    const found = status.apps.find((candidate) => candidate.name === app);
    expect(found?.mergedSince).toBe(count);
    expect(found?.unreleased?.map((p) => p.number)).toEqual(numbers);
  });

  it("says the count is a lower bound only when the page was full and every pull request read was unreleased", () => {
    const full = (pulls: ReturnType<typeof pull>[]) => statusReport(GWCELERY, reads({ pulls: { pulls, full: true } })).apps[0]?.capped;
    expect(full([pull(1, [], "2024-01-02T00:00:00Z")])).toBe(true);
    const released = statusReport(
      GWCELERY,
      reads({
        releases: [release("v2.6.0", "2024-01-01T00:00:00Z")],
        pulls: { pulls: [pull(1, [], "2024-01-02T00:00:00Z"), pull(2, [], "2023-12-01T00:00:00Z")], full: true },
      }),
    );
    expect(released.apps[0]?.capped).toBe(false);
  });

  it("lists only the issues carrying a checklist marker, of the app asked about, with their progress", () => {
    const status = statusReport(
      OPENVERSE,
      reads({
        app: "api",
        checklistIssues: [
          { number: 1, title: "api", url: "i/1", body: "<!-- release-pilot:checklist v=1.0.0 app=api -->\n- [x] a\n- [ ] b" },
          { number: 2, title: "frontend", url: "i/2", body: "<!-- release-pilot:checklist v=1.0.0 app=frontend -->\n- [ ] a" },
          { number: 3, title: "no marker", url: "i/3", body: "- [ ] a" },
        ],
      }),
    );
    expect(status.checklists).toEqual([{ number: 1, title: "api", url: "i/1", done: 1, total: 2 }]);
  });

  it("covers only the environments with an app asked about, and says what each requires", () => {
    expect(statusEnvironments(OPENVERSE, "api").map((env) => env.name)).toEqual(["staging", "production"]);
    const status = statusReport(GWCELERY, reads());
    expect(status.environments.map((env) => [env.name, env.apps.map((app) => app.deployed)])).toEqual([
      ["playground", [undefined]],
      ["production", [undefined]],
    ]);
  });
});
