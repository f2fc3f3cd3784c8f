import { describe, expect, it } from "vitest";
import { releaseBranchChecklist, versionForTrigger } from "../../../src/policy/checklist/index.js";
import { config } from "../release/cut-builders.js";

describe("a checklist opened by a release branch of any shape", () => {
  it.each([
    ["{version}.x", "8.3.x", "8.3.0"],
    ["release-{version}", "release-1.4", "1.4.0"],
    ["release/v{version}", "release/v2.6", "2.6.0"],
  ])("with release_branch %s, the branch %s opens the checklist of %s", (template, branch, version) => {
    const yaml = `release_branch: "${template}"\nchecklist: { template: t.md, open_on: [release-branch] }`;
    const decided = releaseBranchChecklist(config(yaml, "acme/widget"), { ref: `refs/heads/${branch}`, created: true, deleted: false });
    expect(decided.kind).toBe("open");
    if (decided.kind !== "open") return;
    expect(versionForTrigger(decided.trigger)).toEqual({ version });
  });

  it("opens none for a branch the template does not name", () => {
    const yaml = 'release_branch: "release-{version}"\nchecklist: { template: t.md, open_on: [release-branch] }';
    expect(releaseBranchChecklist(config(yaml, "acme/widget"), { ref: "refs/heads/release/v1.4", created: true, deleted: false }).kind).toBe("none");
  });
});
