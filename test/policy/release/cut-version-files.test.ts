// /release writes the version into every file the config names, whichever form names it: a Helm
// chart's version and appVersion, a Makefile line; and the current version is read from them.
import { describe, expect, it } from "vitest";
import type { CommitFiles } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { config, ukrdcFacts } from "./cut-builders.js";

const CHART = 'apiVersion: v2\nname: web\nversion: 10.8.4 # the chart\nappVersion: "10.8.4"\n';
const MAKEFILE = "IMAGE = web\nVERSION := 10.8.4\n";
const chartConfig = config(
  `versioning: { scheme: pep440 }
version_files:
  - charts/web/Chart.yaml
  - { path: charts/web/Chart.yaml, key: appVersion }
  - { path: Makefile, pattern: "VERSION := {version}" }
`,
  "acme/web",
);

describe("/release with version files named by pattern or key", () => {
  it("commits one change per file with each version written where the config says", () => {
    const facts = ukrdcFacts({
      config: chartConfig,
      command: { name: "release", level: "minor" },
      tags: [],
      versionFiles: { "charts/web/Chart.yaml": CHART, Makefile: MAKEFILE },
    });
    const commit = planCutRelease(facts).plan.actions.find((action): action is CommitFiles => action.kind === "commit-files");
    expect(commit?.files).toEqual([
      { path: "charts/web/Chart.yaml", content: 'apiVersion: v2\nname: web\nversion: 10.9.0 # the chart\nappVersion: "10.9.0"\n' },
      { path: "Makefile", content: "IMAGE = web\nVERSION := 10.9.0\n" },
    ]);
  });

  it("refuses before writing anything when a key finds no version, naming the file and key", () => {
    const facts = ukrdcFacts({
      config: chartConfig,
      command: { name: "release", level: "minor" },
      tags: [],
      versionFiles: { "charts/web/Chart.yaml": "apiVersion: v2\nversion: 10.8.4\n", Makefile: MAKEFILE },
    });
    const { plan } = planCutRelease(facts);
    expect(plan.actions.map((action) => action.kind)).toEqual(["comment"]);
    const reply = plan.actions[0];
    expect(reply?.kind === "comment" ? reply.body : "").toContain("charts/web/Chart.yaml: it has no plain value at appVersion.");
  });
});
