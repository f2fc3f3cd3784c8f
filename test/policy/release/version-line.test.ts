// Issue #12 item 6: a release (or a checklist) must be newer than the newest release of its line.
import { describe, expect, it } from "vitest";
import type { Action } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { checklistVersionRefusal, nextValidVersions } from "../../../src/policy/release/version-line.js";
import { semverScheme, pep440Scheme, calverScheme } from "../../../src/policy/versions/index.js";
import { OPENVERSE } from "../config/process-configs.js";
import { checklistBody, config, gwceleryConfig, gwceleryFacts, ukrdcFacts } from "./cut-builders.js";

const kinds = (actions: readonly Action[]) => actions.map((a) => a.kind);
const replyOf = (actions: readonly Action[]) => actions.flatMap((a) => (a.kind === "comment" ? [a.body] : [])).join("\n");
const plainIssue = { number: 3, title: "Cut", body: "", labels: [] };

describe("/release of a version not above the newest release", () => {
  it.each([
    [
      "a candidate of the published 2.5.2",
      gwceleryFacts({ command: { name: "release", version: "2.5.2rc1" }, issue: plainIssue }),
      "2.5.2rc1 is older than 2.5.2",
    ],
    [
      "an older patch, which would rename the unreleased section",
      gwceleryFacts({ command: { name: "release", version: "2.4.5" }, issue: plainIssue }),
      "2.4.5 is older than 2.5.2",
    ],
    [
      "the newest release itself, tagged on a commit that is not its release",
      gwceleryFacts({ command: { name: "release", version: "2.6.0" }, issue: plainIssue, tags: ["v2.6.0", "v2.5.2"] }),
      "The tag v2.6.0 is already taken by 2.6.0",
    ],
    [
      "the changelog's unreleased version when it is behind the tags",
      gwceleryFacts({ command: { name: "release" }, issue: plainIssue, tags: ["v2.6.3", "v2.5.2"] }),
      "2.6.0 is older than 2.6.3",
    ],
    [
      "a checklist's version already overtaken",
      gwceleryFacts({ issue: { number: 880, title: "", body: checklistBody("2.6.0", true), labels: [] }, tags: ["v2.7.0"] }),
      "2.6.0 is older than 2.7.0",
    ],
    ["UKRDC's candidate of a released version", ukrdcFacts({ command: { name: "release", version: "10.8.4rc1" } }), "10.8.4rc1 is older than 10.8.4"],
  ])("is refused for %s, naming the newest and the next valid versions", (_name, facts, start) => {
    const { plan } = planCutRelease(facts);
    expect(plan.reason).toBe("gate-refused");
    expect(kinds(plan.actions)).toEqual(["comment"]);
    const text = replyOf(plan.actions);
    expect(text).toContain(start);
    expect(text).toMatch(/the newest release of \S+/);
    expect(text).toMatch(/name a newer version: .* \(for example \/release \S+\)\./);
  });

  it("names the newest tag and every next version in one sentence", () => {
    const text = replyOf(planCutRelease(gwceleryFacts({ command: { name: "release", version: "2.5.2rc1" }, issue: plainIssue })).plan.actions);
    expect(text).toContain(
      "2.5.2rc1 is older than 2.5.2, the newest release of gwcelery (tag v2.5.2), so I will not cut it; name a newer version: 2.5.3, 2.6.0rc1, 2.6.0 or 3.0.0 (for example /release 2.5.3).",
    );
  });

  it("still cuts a version above the newest, and a candidate of the next release", () => {
    expect(planCutRelease(gwceleryFacts({ command: { name: "release", version: "2.5.3" }, issue: plainIssue })).plan.reason).toBe("planned");
    expect(planCutRelease(gwceleryFacts({ command: { name: "release", version: "2.6.0rc1" }, issue: plainIssue })).plan.reason).toBe("planned");
    expect(planCutRelease(gwceleryFacts({ tags: ["v2.5.2", "v2.6.0rc1"] })).plan.reason).toBe("planned");
  });

  it("still resumes a cut that died after its commit and tag", () => {
    const first = planCutRelease(gwceleryFacts());
    const commit = first.plan.actions.find((a) => a.kind === "commit-files");
    const content = commit?.kind === "commit-files" ? commit.files[0]?.content : undefined;
    const resumed = planCutRelease(gwceleryFacts({ changelog: content ?? "", tags: ["v2.5.2", "v2.6.0"] }));
    expect(resumed.plan.reason).toBe("planned");
    expect(kinds(resumed.plan.actions)).toEqual(["comment", "create-release", "commit-files"]);
  });

  it("reads the line of the app named, in a monorepo with per-app tags", () => {
    const openverse = config(OPENVERSE, "WordPress/openverse");
    const facts = gwceleryFacts({
      config: openverse,
      command: { name: "release", version: "2024.01.01.00.00.00", app: "api" },
      issue: plainIssue,
      changelog: undefined,
      tags: ["api-2024.02.01.00.00.00", "frontend-2023.01.01.00.00.00"],
    });
    const text = replyOf(planCutRelease(facts).plan.actions);
    expect(text).toContain("2024.01.01.00.00.00 is older than 2024.02.01.00.00.00, the newest release of api (tag api-2024.02.01.00.00.00)");
    expect(text).toContain("(for example /release 2024.12.03.15.04.05 api)");
    // The frontend's tags are another line.
    expect(planCutRelease({ ...facts, command: { name: "release", version: "2024.01.01.00.00.00", app: "frontend" } }).plan.reason).toBe("planned");
  });
});

describe("/checklist of a version not above the newest release", () => {
  const now = "2024-12-03T15:04:05.000Z";
  it.each([
    [
      "2.5.2",
      "The tag v2.5.2 is already taken by 2.5.2, the newest release of gwcelery, so I will not open a checklist for it; name a newer version: 2.5.3, 2.6.0 or 3.0.0 (for example /checklist 2.5.3).",
    ],
    [
      "v2.4",
      "2.4.0 is older than 2.5.2, the newest release of gwcelery (tag v2.5.2), so I will not open a checklist for it; name a newer version: 2.5.3, 2.6.0 or 3.0.0 (for example /checklist 2.5.3).",
    ],
  ])("refuses %s", (version, sentence) => {
    expect(checklistVersionRefusal({ config: gwceleryConfig, app: "gwcelery", version, tags: ["v2.5.2", "v2.5.1"], now })).toBe(sentence);
  });

  it("suggests only final versions, since a checklist is for a final release", () => {
    expect(checklistVersionRefusal({ config: gwceleryConfig, app: "gwcelery", version: "2.5.0", tags: ["v2.6.0rc1"], now })).toContain(
      "name a newer version: 2.6.0 or 3.0.0 (for example /checklist 2.6.0).",
    );
  });

  it.each([["2.6.0"], ["2.6.0rc1"], ["2.6.1"]])("lets %s through", (version) => {
    expect(checklistVersionRefusal({ config: gwceleryConfig, app: "gwcelery", version, tags: ["v2.5.2", "v2.6.0rc1"], now })).toBeUndefined();
  });
});

describe("nextValidVersions", () => {
  it("gives every bump above the newest, oldest first, in each scheme", () => {
    const now = "2024-12-03T15:04:05.000Z";
    expect(nextValidVersions(semverScheme.parse("1.2.3")!, semverScheme, now)).toEqual(["1.2.4", "1.3.0-rc.1", "1.3.0", "2.0.0"]);
    expect(nextValidVersions(pep440Scheme.parse("2.6.0rc1")!, pep440Scheme, now)).toEqual(["2.6.0rc2", "2.6.0", "3.0.0"]);
    const cal = calverScheme();
    expect(nextValidVersions(cal.parse("2024.01.01.00.00.00")!, cal, now)).toEqual(["2024.12.03.15.04.05"]);
    expect(nextValidVersions(cal.parse("2025.01.01.00.00.00")!, cal, now)).toEqual([]);
  });
});
