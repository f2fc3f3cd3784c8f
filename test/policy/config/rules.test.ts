import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig, type ConfigIssue } from "../../../src/policy/config/index.js";

const context = { repo: "octo-org/widget" };

function issuesOf(yaml: string): { errors: readonly ConfigIssue[]; warnings: readonly ConfigIssue[] } {
  const result = parseConfig(parse(yaml), context);
  return result.ok ? { errors: [], warnings: result.warnings } : { errors: result.errors, warnings: [] };
}

const deploy = "deploy: { workflow: deploy.yml }";

describe("cross-field rules", () => {
  it.each([
    [
      "requires names an environment that exists",
      `environments: { production: { requires: [stagin], ${deploy} }, staging: { ${deploy} } }`,
      { path: "environments.production.requires[0]", message: "names no environment; did you mean staging?" },
    ],
    [
      "requires has no cycles",
      `environments: { a: { requires: [b], ${deploy} }, b: { requires: [c], ${deploy} }, c: { requires: [a], ${deploy} } }`,
      { path: "environments.a.requires", message: "environments require each other in a cycle: a → b → c → a" },
    ],
    [
      "an environment cannot require itself",
      `environments: { a: { requires: [a], ${deploy} } }`,
      { path: "environments.a.requires", message: "environments require each other in a cycle: a → a" },
    ],
    [
      "apps of an environment exist",
      `apps: { api: { tag: "api-{version}" }, web: { tag: "web-{version}" } }\nenvironments: { a: { apps: [apii], ${deploy} } }`,
      { path: "environments.a.apps[0]", message: "names no app; did you mean api?" },
    ],
    [
      "deploy inputs are checked templates",
      `environments: { production: { deploy: { workflow: d.yml, inputs: { tag: "{shaa}" } } } }`,
      { path: "environments.production.deploy.inputs.tag", message: "unknown token {shaa}; did you mean {sha}?" },
    ],
    [
      "a notes line may not use deploy-only tokens",
      `notes: { line: "- {title} on {env}" }`,
      { path: "notes.line", message: expect.stringMatching(/^token \{env\} cannot be used here; use one of \{title\}/) },
    ],
    [
      "a tag cannot name the person releasing",
      `tag: "v{version}-{actor}"`,
      { path: "tag", message: expect.stringMatching(/^token \{actor\} cannot be used here/) },
    ],
    [
      "a changelog heading has a valid date format",
      `changelog: { file: CHANGES.rst, heading: "{version} ({date:YYYY-QQ})" }`,
      { path: "changelog.heading", message: "bad date format {date:YYYY-QQ}; use letters from YYYY MM DD HH mm ss" },
    ],
    [
      "{codename} needs codenames",
      `changelog: { file: CHANGES.rst, heading: '{version} "{codename}"' }`,
      { path: "changelog.heading", message: "uses {codename}, but no codenames are configured; add codenames (e.g. codenames: cryptids)" },
    ],
    [
      "a pointer tag cannot have the form of a release tag",
      `environments: { production: { pointer_tag: v2.0.0, ${deploy} } }`,
      { path: "environments.production.pointer_tag", message: "v2.0.0 has the form of the release tag v{version}; pick a name no release can have" },
    ],
    [
      "a pointer tag cannot have the form of an app's release tag",
      `apps: { api: { tag: "api-{version}" } }\nenvironments: { production: { pointer_tag: api-1, ${deploy} } }`,
      { path: "environments.production.pointer_tag", message: "api-1 has the form of the release tag api-{version}; pick a name no release can have" },
    ],
    [
      "a pointer tag is a valid tag name",
      `environments: { production: { pointer_tag: "in production", ${deploy} } }`,
      { path: "environments.production.pointer_tag", message: '"in production" is not a valid git tag name' },
    ],
    [
      "scheme calver needs versioning.calver",
      `versioning: { scheme: calver }`,
      { path: "versioning.calver", message: "is required when scheme is calver, e.g. YYYY.MM.DD.HH.mm.ss" },
    ],
    [
      "versioning.calver is a date format",
      `versioning: { scheme: calver, calver: YYYY.WW }`,
      {
        path: "versioning.calver",
        message: 'calver format "YYYY.WW" has an unknown part at "WW"; use YYYY, YY, MM, DD, HH, mm, ss and a trailing MICRO or N counter.',
      },
    ],
    [
      "versioning.calver sorts by date",
      `versioning: { scheme: calver, calver: DD.MM.YYYY }`,
      {
        path: "versioning.calver",
        message:
          'calver format "DD.MM.YYYY" does not sort by date (it must start with the year and go down one unit at a time, with any counter last); use YYYY.MM.DD.',
      },
    ],
    [
      "changelog has file or path, not both",
      `changelog: { file: CHANGES.rst, path: "docs/{version}.md" }`,
      { path: "changelog", message: "give file (one changelog with a section per release) or path (a file per release), not both" },
    ],
    [
      "changelog has file or path",
      `changelog: { heading: "{version}" }`,
      { path: "changelog", message: "needs file (one changelog with a section per release) or path (a file per release)" },
    ],
    [
      "an app's changelog override still ends up with a file or path",
      `apps: { api: { tag: "api-{version}", changelog: { via: commit } } }`,
      { path: "apps.api.changelog", message: "needs file (one changelog with a section per release) or path (a file per release)" },
    ],
    [
      "follows gives a branch or a release, not both",
      `environments: { a: { follows: { branch: main, release: published }, ${deploy} } }`,
      { path: "environments.a.follows", message: "give branch or release, not both" },
    ],
    [
      "deploy gives a workflow or a repository_dispatch, not both",
      `environments: { a: { deploy: { workflow: d.yml, repository_dispatch: deploy } } }`,
      { path: "environments.a.deploy", message: "give workflow or repository_dispatch, not both" },
    ],
    [
      "a workflow takes inputs, not a payload",
      `environments: { a: { deploy: { workflow: d.yml, payload: { x: y } } } }`,
      { path: "environments.a.deploy.payload", message: "belongs to repository_dispatch; a workflow takes inputs" },
    ],
    [
      "a per-release changelog file changes with each release",
      `changelog: { path: "docs/{app}.md" }`,
      {
        path: "changelog.path",
        message: "needs a token that changes with each release, such as {version} or {date:YYYY-MM-DD}, or every release overwrites one file",
      },
    ],
    [
      "a release branch names its version",
      `checklist: { template: t.md, release_branch: release }`,
      { path: "checklist.release_branch", message: "needs {version} (the minor series, as in release/v{version}) to tell which version a branch is for" },
    ],
    [
      "two apps cannot share a tag without {app}",
      `apps: { api: { paths: ["api/**"] }, web: { paths: ["web/**"] } }`,
      { path: "tag", message: "apps api and web would both be tagged v{version}; give each app its own tag or put {app} in it" },
    ],
  ])("%s", (_rule, yaml, error) => {
    expect(issuesOf(yaml).errors).toEqual([error]);
  });

  it.each([
    ["a pointer tag that no release can have", `environments: { production: { pointer_tag: production, ${deploy} } }`],
    ["a pointer tag that only looks like v{version} by its letter", `environments: { production: { pointer_tag: vnext, ${deploy} } }`],
    ["apps sharing a tag with {app}", `tag: "{app}-v{version}"\napps: { api: {}, web: {} }`],
    ["{codename} with codenames", `codenames: cryptids\nchangelog: { file: CHANGES.rst, heading: '{version} "{codename}"' }`],
    ["a repository_dispatch with a payload", `environments: { a: { deploy: { repository_dispatch: "deploy-{env}", payload: { tag: "rel-{version}" } } } }`],
    ["a level resolved from Conventional Commit titles", "versioning: { resolve: { from: conventional-commits } }"],
    ["a level resolved from labels", "versioning: { resolve: { from: labels, labels: { major: [breaking-change] } } }"],
  ])("accepts %s", (_name, yaml) => {
    expect(issuesOf(yaml)).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    [
      "approvals_within without approvals",
      `environments: { a: { approvals_within: 24h, ${deploy} } }`,
      { path: "environments.a.approvals_within", message: "has no effect while approvals is 0" },
    ],
    [
      "a calver format with another scheme",
      `versioning: { scheme: semver, calver: YYYY.MM }`,
      { path: "versioning.calver", message: "is ignored because scheme is semver" },
    ],
    [
      "a resolved level under calver",
      `versioning: { scheme: calver, calver: YYYY.MM.DD, resolve: { from: labels } }`,
      { path: "versioning.resolve", message: "is ignored because scheme is calver: a calendar version is the date, not a level" },
    ],
  ])("warns about %s", (_name, yaml, warning) => {
    expect(issuesOf(yaml)).toEqual({ errors: [], warnings: [warning] });
  });
});
