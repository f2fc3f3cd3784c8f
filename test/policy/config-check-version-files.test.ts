// A version file the proposed config names is read at the pull request's head: missing, or with
// no version where its pattern or key points, it would fail the next release half-way.
import { describe, expect, it } from "vitest";
import { planConfigCheck } from "../../src/policy/config-check.js";
import { versionFilesToRead } from "../../src/policy/config-check-version-files.js";
import type { CheckRun } from "../../src/policy/plan.js";

const repo = { owner: "octo", repo: "charts" };
const headSha = "b".repeat(40);
const CONFIG = `version_files:
  - { path: charts/web/Chart.yaml, key: appVersion }
  - { path: Makefile, pattern: "VERSION := {version}" }
apps:
  api:
    version_files: [api/Cargo.toml]
`;

function check(files: Record<string, string | undefined>): CheckRun {
  const plan = planConfigCheck({
    repo,
    headSha,
    yamlText: CONFIG,
    repoName: "octo/charts",
    workflows: new Map(),
    versionFiles: new Map(Object.entries(files).map(([path, text]) => [path, { text }])),
  });
  const [action] = plan.actions;
  if (action?.kind !== "check-run") throw new Error("expected one check run");
  return action;
}

describe("version files in the config check", () => {
  it("reads each file the config names once, an app's own list included", () => {
    expect(versionFilesToRead(CONFIG)).toEqual(["charts/web/Chart.yaml", "Makefile", "api/Cargo.toml"]);
    expect(versionFilesToRead("version_files: [setup.cfg, { path: x.cfg, key: a }]\n")).toEqual([]);
    expect(versionFilesToRead("version_files: [unclosed\n")).toEqual([]);
  });

  it("passes when every file has a version where the config says", () => {
    const run = check({
      "charts/web/Chart.yaml": 'version: 0.1.0\nappVersion: "1.16.0"\n',
      Makefile: "VERSION := 1.16.0\n",
      "api/Cargo.toml": '[package]\nversion = "1.16.0"\n',
    });
    expect(run.conclusion).toBe("success");
  });

  it("fails on the config's line for a missing file and for a key or pattern that finds nothing", () => {
    const run = check({ "charts/web/Chart.yaml": "version: 0.1.0\n", Makefile: "VERSION = 1.0\n", "api/Cargo.toml": undefined });
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual([
      expect.objectContaining({
        line: 2,
        message: "version_files[0]: charts/web/Chart.yaml: it has no plain value at appVersion; a release could not write its version there",
      }),
      expect.objectContaining({
        line: 3,
        message: 'version_files[1]: Makefile: no line matches "VERSION := {version}"; a release could not write its version there',
      }),
      expect.objectContaining({
        line: 6,
        message: `apps.api.version_files[0]: api/Cargo.toml is not in the repository at bbbbbbb, so a release could not write its version; add it or remove it from version_files`,
      }),
    ]);
  });

  it("leaves a file it was not given unchecked (offline, the facts may not say)", () => {
    const run = check({ Makefile: "VERSION := 1.0\n" });
    expect(run.conclusion).toBe("success");
  });
});
