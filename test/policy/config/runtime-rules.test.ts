// Configs the schema used to accept that then failed at a release or a deploy (issue #12, items
// 11 and 13): each is now refused by the config check, on its line, with what to write instead.
import { describe, expect, it } from "vitest";
import { checkConfigText, planConfigCheck } from "../../../src/policy/config-check.js";
import { parseHeadingText } from "../../../src/policy/changelog/heading.js";

const ENV = (extra: string, follows = "") => `environments:
  production:${follows}
    deploy: { workflow: deploy.yml }
${extra}`;

function errors(yaml: string, repo = "octo/app") {
  return checkConfigText(yaml, repo).errors.map(({ path, line, message }) => ({ path, line, message }));
}

describe("durations in the config have a maximum", () => {
  it.each([
    [
      "verify.timeout",
      "    verify: { url: https://example.org/v, expect: '{sha}', timeout: 99999d }\n",
      "environments.production.verify.timeout",
      "must be at most 1h",
    ],
    ["lock_timeout", "    lock_timeout: 99999999999999999999d\n", "environments.production.lock_timeout", "must be at most 30d"],
    ["approvals_within", "    approvals: 1\n    approvals_within: 400d\n", "environments.production.approvals_within", "must be at most 30d"],
    ["a sum of units", "    lock_timeout: 29d24h1s\n", "environments.production.lock_timeout", "must be at most 30d"],
    ["more digits than a number holds", `    lock_timeout: ${"9".repeat(400)}s\n`, "environments.production.lock_timeout", "must be at most 30d"],
  ])("refuses %s beyond it, naming the limit", (_name, extra, path, message) => {
    expect(errors(ENV(extra))).toEqual([{ path, line: extra.split("\n").length + 2, message }]);
  });

  it("accepts durations at the limit", () => {
    const yaml = ENV(
      "    lock_timeout: 30d\n    approvals: 1\n    approvals_within: 720h\n    verify: { url: https://example.org/v, expect: '{sha}', timeout: 60m }\n",
    );
    expect(errors(yaml)).toEqual([]);
    const env = checkConfigText(yaml, "octo/app").config?.environments[0];
    expect(env).toMatchObject({ lockTimeoutMs: 30 * 86_400_000, approvalsWithinMs: 720 * 3_600_000, verify: { timeoutMs: 3_600_000 } });
  });
});

describe("accepted configs that failed at run time", () => {
  it("refuses a version file the bot cannot write, naming the ones it can", () => {
    expect(errors("version_files: [pkg/__init__.py, Makefile]\n")).toEqual([
      {
        path: "version_files[1]",
        line: 1,
        message: expect.stringMatching(/^Release Pilot cannot write a version into Makefile; it writes __init__\.py, .*pattern: "VERSION = \{version\}"`$/),
      },
    ]);
  });

  it("accepts a version file given with a pattern or a key, and names what is wrong with one that cannot work", () => {
    expect(errors('version_files: [{ path: Makefile, pattern: "VERSION := {version}" }, { path: charts/web/Chart.yaml, key: appVersion }]\n')).toEqual([]);
    expect(errors('version_files:\n  - { path: setup.cfg, key: metadata.version }\n  - { path: Makefile, pattern: "VERSION" }\n')).toEqual([
      { path: "version_files[0].key", line: 2, message: expect.stringContaining("setup.cfg: key works in a YAML or TOML file") },
      { path: "version_files[1].pattern", line: 3, message: expect.stringContaining("pattern must hold {version} exactly once") },
    ]);
    expect(errors("apps:\n  api:\n    version_files: [api/setup.cfg]\n")).toEqual([
      { path: "apps.api.version_files[0]", line: 3, message: expect.stringContaining("cannot write a version into api/setup.cfg") },
    ]);
  });

  it("refuses {tag} and {version} in an environment a push deploys, which has neither", () => {
    const yaml = `environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy.yml, inputs: { tag: "{tag}", sha: "{sha}" } }
    image_tag: "rel-{version}"
`;
    expect(errors(yaml)).toEqual([
      {
        path: "environments.staging.deploy.inputs.tag",
        line: 4,
        message: expect.stringMatching(/^\{tag\} is not known when a push to main deploys staging; use \{env\}, .*\{sha\}/),
      },
      { path: "environments.staging.image_tag", line: 5, message: expect.stringContaining("{version} is not known when a push to main deploys staging") },
    ]);
  });

  it("refuses {number} where no issue asked for the deploy, and {codename} in any deploy", () => {
    const yaml = `codenames: cryptids
environments:
  production:
    follows: { release: published }
    deploy: { workflow: deploy.yml, inputs: { pr: "{number}", tag: "{tag}", name: "{codename}" } }
`;
    expect(errors(yaml)).toEqual([
      { path: "environments.production.deploy.inputs.name", line: 5, message: expect.stringContaining("token {codename} cannot be used here") },
      {
        path: "environments.production.deploy.inputs.pr",
        line: 5,
        message: expect.stringContaining("{number} is not known when a release deploys production"),
      },
    ]);
    // By hand (/deploy in an issue) the number is known.
    expect(errors(`environments:\n  production:\n    deploy: { workflow: deploy.yml, inputs: { pr: "{number}" } }\n`)).toEqual([]);
  });

  it.each(["__proto__", "constructor", "toString"])("refuses an environment named %s", (name) => {
    expect(errors(`environments:\n  ${name}:\n    deploy: { workflow: deploy.yml }\n`)).toEqual([
      { path: `environments.${name}`, line: 2, message: `${name} cannot be used as a name: JavaScript objects already have it; pick another name` },
    ]);
  });

  it("refuses __proto__ as an app name or an input name too", () => {
    const yaml = `apps:\n  __proto__: { tag: "a-{version}" }\nenvironments:\n  p:\n    deploy: { workflow: deploy.yml, inputs: { __proto__: "{sha}" } }\n`;
    expect(errors(yaml).map((e) => e.path)).toEqual(["apps.__proto__", "environments.p.deploy.inputs.__proto__"]);
  });

  it("refuses _extends of this very file and _extends Probot cannot read", () => {
    expect(errors("_extends: octo/app\n")).toEqual([
      { path: "_extends", line: 1, message: expect.stringContaining("is this file itself, which Probot refuses as a recursion") },
    ]);
    expect(errors("_extends: App\n")).toEqual([expect.objectContaining({ path: "_extends", message: expect.stringContaining("this file itself") })]);
    expect(errors("_extends: octo/app:.github/release-pilot.yml\n")).toHaveLength(1);
    expect(errors('_extends: "octo/app x"\n')).toEqual([
      { path: "_extends", line: 1, message: '"octo/app x" is not a repository Probot can read; write repo, owner/repo or owner/repo:path.yml' },
    ]);
    // Another repository, or another file of this one, is fine.
    expect(errors("_extends: .github\n")).toEqual([]);
    expect(errors("_extends: octo/app:.github/base.yml\n")).toEqual([]);
  });

  it("accepts an unreleased heading that repeats {version}, and reads it back", () => {
    const yaml = 'changelog: { file: CHANGES.md, unreleased: "{version} (was {version})" }\n';
    expect(errors(yaml)).toEqual([]);
    expect(parseHeadingText("2.6.0 (was 2.6.0)", { unreleased: "{version} (was {version})" })).toEqual({
      text: "2.6.0 (was 2.6.0)",
      version: "2.6.0",
      unreleased: true,
    });
    expect(parseHeadingText("2.6.0 (was 2.5.0)", { unreleased: "{version} (was {version})" }).unreleased).toBe(false);
  });
});

describe("every YAML problem becomes a failed check run on its line", () => {
  const anchors = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const name of ["b", "c", "d", "e", "f", "g"])
    anchors.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
        .join(", ")}]`,
    );
  it.each([
    ["an alias to no anchor", "tag: v{version}\nnotes: *nope\n", 2, "YAML alias *nope names no anchor before it; define &nope first"],
    ["a merge of no anchor", "<<: *base\n", 1, "YAML alias *base names no anchor before it; define &base first"],
    ["an alias bomb", `${anchors.join("\n")}\n`, 2, "YAML aliases expand to too many nodes (over 100 uses); write the values out"],
    [
      "deep flow nesting",
      `tag: v{version}\nnotes: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
      2,
      "the file nests deeper than 32 levels; a config needs only a few",
    ],
    [
      "deep block nesting",
      `tag: v{version}\n${Array.from({ length: 40 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} 1\n`,
      34,
      "the file nests deeper than 32 levels; a config needs only a few",
    ],
    ["a file too big", `# ${"x".repeat(300 * 1024)}\n`, 1, "the file is 301 KB; a config must be under 256 KB"],
  ])("%s", (_name, yaml, line, message) => {
    const result = planConfigCheck({ repo: { owner: "octo", repo: "app" }, headSha: "a".repeat(40), yamlText: yaml, repoName: "octo/app" });
    const [run] = result.actions;
    expect(run).toMatchObject({
      kind: "check-run",
      conclusion: "failure",
      annotations: [{ path: ".github/release-pilot.yml", line, level: "failure", message }],
    });
  });

  it("never says 'Maximum call stack size exceeded'", () => {
    const yaml = `a: ${"{x: ".repeat(3000)}1${"}".repeat(3000)}\n`;
    expect(errors(yaml)).toEqual([{ path: "", line: 1, message: "the file nests deeper than 32 levels; a config needs only a few" }]);
  });
});
