import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../../src/policy/config/index.js";
import { describeConfig } from "../../../src/policy/config-check.js";

const context = { repo: "octo-org/widget" };

function errorsOf(yaml: string) {
  const result = parseConfig(parse(yaml), context);
  return result.ok ? [] : result.errors;
}

describe("release-line rules", () => {
  it.each([
    [
      "backports with forward_port: true",
      'release_branch: "release-{version}"\nbackports: {}\nforward_port: true',
      {
        path: "forward_port",
        message:
          "cannot be true while backports are on: fixes would be ported both ways between the default branch and the same release branches; remove forward_port (backports turn it off) or remove backports",
      },
    ],
    [
      "a backport label without {branch}",
      'release_branch: "release-{version}"\nbackports: { label: backport }',
      { path: "backports.label", message: "backport must hold {branch} exactly once, as in 'backport {branch}'" },
    ],
    [
      "backports without release branches",
      "backports: {}",
      { path: "backports", message: "needs release_branch to know which branches a backport label may name, e.g. release_branch: release-{version}" },
    ],
    [
      "two different release-branch names",
      'release_branch: "release-{version}"\nchecklist: { template: t.md, release_branch: "release/v{version}" }',
      { path: "checklist.release_branch", message: "differs from release_branch (release-{version}); give the branch name once, at the top level" },
    ],
    [
      "a release branch without {version}",
      'release_branch: "maintenance"',
      { path: "release_branch", message: "needs {version} (the minor series, as in release/v{version}) to tell which version a branch is for" },
    ],
    [
      "release branches with calver",
      'versioning: { scheme: calver, calver: "YYYY.MM.DD" }\nrelease_branch: "release-{version}"',
      { path: "release_branch", message: "needs versioning.scheme semver or pep440: a calver version has no minor series to name a branch by" },
    ],
  ])("refuses %s", (_name, yaml, expected) => {
    expect(errorsOf(yaml)).toContainEqual(expected);
  });

  it("turns forward-porting off when backports are on, and keeps it on by default", () => {
    const on = parseConfig(parse('release_branch: "{version}.x"\nbackports: {}'), context);
    const off = parseConfig(parse('release_branch: "{version}.x"'), context);
    expect(on.ok && on.config.lines).toEqual({
      releaseBranch: "{version}.x",
      cutOnBranch: true,
      forwardPort: false,
      backports: { label: "backport {branch}" },
      pointers: [],
    });
    expect(off.ok && off.config.lines.forwardPort).toBe(true);
  });

  it("lets the checklist follow the top-level release branch", () => {
    const parsed = parseConfig(parse('release_branch: "{version}.x"\nchecklist: { template: t.md }'), context);
    expect(parsed.ok && parsed.config.checklist?.releaseBranch).toBe("{version}.x");
  });
});

describe("the config check's summary of release lines", () => {
  it("says where releases of a line are cut and where backports go, and lists /backport", () => {
    const parsed = parseConfig(parse('release_branch: "release-{version}"\nbackports: {}'), context);
    if (!parsed.ok) throw new Error("config refused");
    const said = describeConfig(parsed.config);
    expect(said).toContain("/release of a version whose branch release-{version} exists → commit, tag and publish it on that branch");
    expect(said).toContain('merged PR labelled "backport {branch}" (or /backport <branch> on it) → cherry-pick PR into that branch');
    expect(said.some((line) => line.startsWith("commands:") && line.includes("/backport"))).toBe(true);
    expect(said.some((line) => line.includes("forward-port"))).toBe(false);
  });
});
