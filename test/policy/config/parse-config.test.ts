import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { ConfigError, formatConfigIssues, parseConfig, type ConfigIssue } from "../../../src/policy/config/index.js";
import { OPENVERSE } from "./process-configs.js";

const context = { repo: "octo-org/widget" };

function errorsOf(raw: unknown): readonly ConfigIssue[] {
  const result = parseConfig(raw, context);
  return result.ok ? [] : result.errors;
}

describe("parseConfig defaults", () => {
  it.each([null, undefined, {}])("treats %s as the all-defaults config", (raw) => {
    const result = parseConfig(raw, context);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        versioning: { scheme: "semver", calver: null },
        tag: "v{version}",
        tagMessage: "Version {version}",
        releaseName: "{tag}",
        apps: [{ name: "widget", paths: ["**"], labels: [], tag: "v{version}", versionFiles: [], changelog: null }],
        notes: null,
        changelog: null,
        versionFiles: [],
        codenames: null,
        checklist: null,
        downstream: [],
        environments: [],
        commands: { permission: "write" },
        dashboard: false,
        lines: { releaseBranch: null, cutOnBranch: false, forwardPort: true, backports: null, pointers: [] },
      },
    });
  });

  it("fills in every changelog, notes and checklist default", () => {
    const result = parseConfig(parse("changelog: { file: CHANGES.md }\nnotes: {}\nchecklist: { template: t.md }"), context);
    expect(result.ok && result.config.changelog).toEqual({
      target: { kind: "file", file: "CHANGES.md" },
      format: "markdown",
      heading: "{version} ({date:YYYY-MM-DD})",
      unreleased: "{version} (unreleased)",
      empty: "No changes yet.",
      via: "pull-request",
      branch: "changelog/{tag}",
      title: "Publish changelog for {tag}",
      labels: [],
      commitMessage: "Update changelog for version {version}",
      backToDevelopment: "Back to development.",
      closesIssue: false,
    });
    expect(result.ok && result.config.notes).toEqual({
      draft: true,
      line: "- {title} ([#{number}]({url})) by @{author}",
      categories: [],
      excludeLabels: [],
      contributors: false,
      maxPullRequests: 500,
    });
    expect(result.ok && result.config.checklist).toEqual({
      template: "t.md",
      title: "Release version {version}",
      labels: ["release"],
      openOn: ["command"],
      requireComplete: true,
      releaseBranch: "release/v{version}",
    });
  });

  it("fills in every environment default", () => {
    const result = parseConfig({ environments: { staging: { deploy: { workflow: "deploy.yml" } } } }, context);
    expect(result.ok && result.config.environments).toEqual([
      {
        name: "staging",
        follows: null,
        apps: ["widget"],
        deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: {} },
        requires: [],
        checks: [],
        approvals: 0,
        approvalsWithinMs: null,
        trusted: ["OWNER", "MEMBER", "COLLABORATOR"],
        imageTag: null,
        pointerTag: null,
        verify: null,
        migrations: null,
        queue: false,
        lockTimeoutMs: 3_600_000,
        url: null,
        rules: { allowForks: false, deployers: [], approvers: [], override: [], freezes: [], windows: null },
      },
    ]);
  });

  it("lets an app override part of the changelog", () => {
    const result = parseConfig(
      parse(`
changelog: { file: CHANGES.rst, via: commit }
apps:
  api: { paths: ["api/**"], tag: "api-{version}", changelog: { path: "docs/{app}/{version}.md" } }
  web: { paths: ["web/**"], tag: "web-{version}" }
`),
      context,
    );
    expect(result.ok && result.config.apps.map((a) => [a.name, a.changelog?.target, a.changelog?.format, a.changelog?.via])).toEqual([
      ["api", { kind: "path", path: "docs/{app}/{version}.md" }, "markdown", "commit"],
      ["web", { kind: "file", file: "CHANGES.rst" }, "rst", "commit"],
    ]);
  });

  it("warns when the changelog's format cannot be told from its name", () => {
    const result = parseConfig({ changelog: { file: "CHANGELOG" } }, context);
    expect(result.ok && result.warnings).toEqual([
      { path: "changelog.file", message: "cannot tell the format of CHANGELOG from its extension; assuming markdown (set format to silence this)" },
    ]);
  });

  it("accepts _extends, which a config read straight from a pull request still has", () => {
    expect(parseConfig({ _extends: ".github" }, context).ok).toBe(true);
  });

  it("gives an empty apps map the one default app", () => {
    const result = parseConfig({ apps: {}, environments: { prod: { apps: ["widget"], deploy: { workflow: "d.yml" } } } }, context);
    expect(result.ok && result.config.apps.map((a) => a.name)).toEqual(["widget"]);
  });

  it("resolves a custom codename list", () => {
    const result = parseConfig({ codenames: ["Ada", "Grace"], codename_per: "release" }, context);
    expect(result.ok && result.config.codenames).toEqual({ source: "custom", names: ["Ada", "Grace"], per: "release" });
  });
});

describe("parseConfig errors", () => {
  const BAD = `
tag: "v{verison}"
bogus: 1
versioning: { scheme: calver }
notes: { draft: "yes", categories: [{ title: Fixes, labels: [] }] }
codenames: 3
changelog: { file: CHANGES.rst, path: "docs/{version}.md" }
commands: { permission: writer }
environments:
  production:
    aprovals: 2
    requires: [staging, qa]
    apps: [web]
    deploy: { workflow: deploy.yml, inputs: { tag: "{shaa}" } }
  staging:
    requires: [production]
    lock_timeout: soon
    deploy: { repository_dispatch: deploy, inputs: { a: b } }
`;

  it("reports every error with its path in one message", () => {
    const result = parseConfig(parse(BAD), context);
    expect(result.ok).toBe(false);
    expect(formatConfigIssues(result.ok ? [] : result.errors)).toBe(
      [
        ".github/release-pilot.yml has 15 problems:",
        "- bogus: unknown key; valid keys here are _extends, versioning, tag, tag_message, release_name, apps, notes, changelog, version_files, codenames, codename_per, checklist, release_branch, forward_port, backports, pointers, downstream, environments, commands, dashboard",
        "- changelog: give file (one changelog with a section per release) or path (a file per release), not both",
        "- codenames: expected a built-in list (cryptids) or a list of names",
        '- commands.permission: "writer" is not one of read, triage, write, maintain, admin; did you mean write?',
        "- environments.production.apps[0]: names no app; the apps are widget",
        "- environments.production.aprovals: unknown key; did you mean approvals?",
        "- environments.production.deploy.inputs.tag: unknown token {shaa}; did you mean {sha}?",
        "- environments.production.requires: environments require each other in a cycle: production → staging → production",
        "- environments.production.requires[1]: names no environment; the environments are production, staging",
        "- environments.staging.deploy.inputs: belongs to a workflow; a repository_dispatch takes payload",
        "- environments.staging.lock_timeout: expected a duration such as 30m, 24h or 1h30m",
        "- notes.categories[0].labels: must list at least one label",
        "- notes.draft: expected true or false, got a string",
        "- tag: unknown token {verison}; did you mean {version}?",
        "- versioning.calver: is required when scheme is calver, e.g. YYYY.MM.DD.HH.mm.ss",
      ].join("\n"),
    );
  });

  it.each([
    [
      { environments: { production: { aprovals: 2, deploy: { workflow: "d.yml" } } } },
      "environments.production.aprovals",
      "unknown key; did you mean approvals?",
    ],
    [{ notes: { exclude_label: [] } }, "notes.exclude_label", "unknown key; did you mean exclude_labels?"],
    [{ apps: { api: { path: ["api/**"] } } }, "apps.api.path", "unknown key; did you mean paths?"],
    [{ changelog: { file: "C.md", heading_: "x" } }, "changelog.heading_", "unknown key; did you mean heading?"],
    [{ environments: { p: { deploy: { workflow: "d", input: {} } } } }, "environments.p.deploy.input", "unknown key; did you mean inputs?"],
    [
      { environments: { p: { follows: { branches: "main" }, deploy: { workflow: "d" } } } },
      "environments.p.follows.branches",
      "unknown key; did you mean branch?",
    ],
    [{ downstream: [{ repo: "o/r", file: "f", brnch: "x" }] }, "downstream[0].brnch", "unknown key; did you mean branch?"],
  ])("names an unknown key and the nearest valid one: %j", (raw, path, message) => {
    expect(errorsOf(raw)).toContainEqual({ path, message });
  });

  it.each([
    ["a string", "just text", "", "expected a map, got a string"],
    ["a list", [1, 2], "", "expected a map, got a list"],
    ["a number for tag", { tag: 3 }, "tag", "expected a string, got a whole number"],
    [
      "a fractional approvals",
      { environments: { p: { approvals: 1.5, deploy: { workflow: "d" } } } },
      "environments.p.approvals",
      "expected a whole number, got a number",
    ],
    ["an empty section", { notes: null }, "notes", "expected a map, got nothing; write {} to use the defaults"],
    ["a missing deploy", { environments: { p: {} } }, "environments.p.deploy", "is required"],
    ["a bad repo", { downstream: [{ repo: "nope", file: "f" }] }, "downstream[0].repo", 'expected a repository as "owner/name"'],
  ])("explains %s", (_name, raw, path, message) => {
    expect(errorsOf(raw)).toContainEqual({ path, message });
  });

  it("keeps checking the rest of an environment that has an unknown key", () => {
    const errors = errorsOf(parse(OPENVERSE.replace('image_tag: "rel-{version}"', 'image_tag: "rel-{vesion}"\n    bogus: 1')));
    expect(errors.map((e) => e.path)).toEqual(["environments.production.bogus", "environments.production.image_tag"]);
  });
});

describe("parseConfig on arbitrary input", () => {
  const sentence = (text: string) => text.length > 0 && !/[\n\r]/.test(text) && text.trim() === text;
  const plausible = fc.record(
    {
      tag: fc.oneof(fc.string(), fc.constantFrom("v{version}", "{shaa}", "{date:QQ}")),
      versioning: fc.record({ scheme: fc.constantFrom("semver", "calver", "x"), calver: fc.string() }, { requiredKeys: [] }),
      apps: fc.dictionary(fc.string(), fc.record({ paths: fc.array(fc.string()), tag: fc.string() }, { requiredKeys: [] })),
      changelog: fc.record({ file: fc.string(), path: fc.string(), heading: fc.string() }, { requiredKeys: [] }),
      environments: fc.dictionary(
        fc.constantFrom("a", "b", "c", "__proto__", "constructor"),
        fc.record(
          {
            requires: fc.array(fc.constantFrom("a", "b", "c", "d")),
            deploy: fc.record(
              { workflow: fc.string(), repository_dispatch: fc.string(), inputs: fc.dictionary(fc.string(), fc.string()) },
              { requiredKeys: [] },
            ),
            pointer_tag: fc.string(),
            follows: fc.jsonValue({ maxDepth: 2 }),
            apps: fc.array(fc.string()),
          },
          { requiredKeys: [] },
        ),
      ),
      codenames: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );

  it("never throws, and every error is a one-line sentence with a path", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), plausible), (raw) => {
        const result = parseConfig(raw, context);
        const issues = result.ok ? result.warnings : result.errors;
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        for (const issue of issues) {
          expect(sentence(issue.message), issue.message).toBe(true);
          expect(issue.path).not.toMatch(/[\n\r]/);
        }
      }),
      { numRuns: 10_000 },
    );
    // 10,000 parses take seconds on a quiet machine; the shared CI box is not always quiet.
  }, 180_000);
});

describe("ConfigError", () => {
  it("carries the issues and lists them in its message", () => {
    const issues = [{ path: "tag", message: "unknown token {shaa}; did you mean {sha}?" }];
    const error = new ConfigError(issues);
    expect(error.issues).toBe(issues);
    expect(error.message).toBe(".github/release-pilot.yml has 1 problem:\n- tag: unknown token {shaa}; did you mean {sha}?");
  });
});

describe("a workflow dispatch GitHub would refuse is a config error", () => {
  it("refuses a ref built from the commit, a workflow given as a path, and more than 25 inputs", () => {
    const inputs = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`i${i}`, "x"]));
    expect(errorsOf({ environments: { prod: { deploy: { workflow: "deploy.yml", ref: "{sha}" } } } })).toEqual([
      expect.objectContaining({ path: "environments.prod.deploy.ref", message: expect.stringContaining("only on a branch or tag") }),
    ]);
    expect(errorsOf({ environments: { prod: { deploy: { workflow: ".github/workflows/deploy.yml" } } } })).toEqual([
      expect.objectContaining({ path: "environments.prod.deploy.workflow", message: expect.stringContaining("not a path: e.g. deploy.yml") }),
    ]);
    expect(errorsOf({ environments: { prod: { deploy: { workflow: "deploy.yml", inputs } } } })).toEqual([
      expect.objectContaining({ path: "environments.prod.deploy.inputs", message: expect.stringContaining("at most 25") }),
    ]);
    expect(errorsOf({ environments: { prod: { deploy: { workflow: "deploy.yml", ref: "release-{version}", inputs: { sha: "{sha}" } } } } })).toEqual([]);
  });
});
