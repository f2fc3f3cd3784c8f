import { describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../../src/policy/config/types.js";
import { appsToDeploy, matchesGlob } from "../../../src/policy/deploy/paths.js";
import { imageTagIsPortable, renderDispatch, type RenderDispatchFacts } from "../../../src/policy/deploy/render-dispatch.js";
import { renderRequest } from "../../../src/policy/deploy/decide-deploy.js";
import { releaseDeploy } from "../../../src/policy/deploy/targets.js";
import { checkConfigText } from "../../../src/policy/config-check.js";
import { readFileSync } from "node:fs";

const SHA = "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5";
const CALVER = { scheme: "calver", calver: "YYYY.MM.DD.HH.mm.ss" } as const;
const PEP440 = { scheme: "pep440", calver: null } as const;
// 2024-10-21T12:05:45Z, the HCA example's epoch.
const NOW = new Date(1729512345 * 1000).toISOString();

function env(overrides: Partial<EnvironmentConfig> = {}): RenderDispatchFacts["env"] {
  return {
    name: "staging",
    deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: { tag: "{sha}" } },
    imageTag: null,
    migrations: null,
    ...overrides,
  };
}

function facts(overrides: Partial<RenderDispatchFacts> = {}): RenderDispatchFacts {
  return {
    env: env(),
    repo: { owner: "org", repo: "app" },
    defaultRef: "main",
    sha: SHA,
    actor: "alice",
    now: NOW,
    withMigrations: false,
    versioning: CALVER,
    ...overrides,
  };
}

describe("renderDispatch refuses values that are not what the config says they are", () => {
  it("refuses a pull request's head branch that would run as code in {branch}, and passes a plain one with {pr}", () => {
    const byBranch = env({
      deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: { branch: "{branch}", pr: "{pr}", ref: "{ref}" } },
    });
    const injected = 'zzz";echo${IFS}"hello";#';
    expect(renderDispatch(facts({ env: byBranch, source: { ref: injected, branch: injected, pr: 12 } }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the (ref|branch) .* is not a safe ref name: /),
    });
    expect(renderDispatch(facts({ env: byBranch, source: { ref: "feature/login", branch: "feature/login", pr: 12 } }))).toMatchObject({
      ok: true,
      dispatch: { inputs: { branch: "feature/login", pr: "12", ref: "feature/login" } },
    });
    // A deploy of no pull request has no {pr}: the template says so rather than passing a blank.
    expect(renderDispatch(facts({ env: byBranch, source: { ref: "main", branch: "main" } }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("needs {pr}"),
    });
  });

  const ukrdc = env({
    name: "production",
    deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: { environment: "{env}", version: "{version}" } },
  });
  const injected = '10.8.5rc1";echo${IFS}hello;#';

  it("refuses a release's version that carries a shell command, saying why", () => {
    const result = renderDispatch(facts({ env: ukrdc, versioning: PEP440, version: injected, tag: `v${injected}` }));
    expect(result).toEqual({ ok: false, error: `the version ${JSON.stringify(injected)} is not a pep440 version, so it is not passed to the deploy workflow` });
  });

  it("refuses a ref that renders to a commit, which GitHub does not dispatch on, naming the fix", () => {
    const bySha = env({ deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: "{sha}", inputs: {} } });
    const result = renderDispatch(facts({ env: bySha }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("GitHub runs a workflow only on a branch or tag") });
    const byBranch = env({ deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: "release", inputs: { sha: "{sha}" } } });
    expect(renderDispatch(facts({ env: byBranch }))).toMatchObject({ ok: true, dispatch: { ref: "release", inputs: { sha: SHA } } });
  });

  it("passes a version of the configured scheme", () => {
    expect(renderDispatch(facts({ env: ukrdc, versioning: PEP440, version: "10.8.5rc1" }))).toMatchObject({
      ok: true,
      dispatch: { inputs: { version: "10.8.5rc1" } },
    });
  });

  it("refuses a version of another scheme", () => {
    expect(renderDispatch(facts({ env: ukrdc, versioning: CALVER, version: "10.8.5rc1" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the version "10\.8\.5rc1" is not a calver version/),
    });
  });

  it.each([
    ["a tag with a quote and $", 'v1";$(id)'],
    ["a tag with ..", "v1..2"],
    ["a tag with a space", "v1 2"],
    ["a tag ending in .lock", "v1.lock"],
    ["a tag starting with -", "-v1"],
  ])("refuses %s as {tag}", (_name, tag) => {
    const byTag = env({ deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: "{tag}", inputs: {} } });
    expect(renderDispatch(facts({ env: byTag, tag }))).toMatchObject({ ok: false, error: expect.stringMatching(/^the tag .* is not a safe ref name: /) });
  });

  it("refuses a commit that is not a SHA and a login that is not a login", () => {
    const both = env({ deploy: { kind: "repository-dispatch", eventType: "deploy", repo: null, payload: { sha: "{sha8}", by: "{actor}" } } });
    expect(renderDispatch(facts({ env: both, sha: "main;rm" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the commit "main;rm" is not a full commit SHA/),
    });
    expect(renderDispatch(facts({ env: both, actor: "a`id`" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the login "a`id`" is not a GitHub login/),
    });
  });

  it("checks only the values the templates use", () => {
    // The tag is never passed on here, so a strange one does not stop a deploy by SHA.
    expect(renderDispatch(facts({ tag: "weird;tag" }))).toMatchObject({ ok: true, dispatch: { inputs: { tag: SHA } } });
  });

  it("refuses a version captured back out of a rollback's image", () => {
    const production = env({
      name: "production",
      imageTag: "rel-{version}",
      deploy: { kind: "workflow", workflow: "d.yml", repo: null, ref: null, inputs: { v: "{version}" } },
    });
    expect(renderDispatch(facts({ env: production, image: "rel-1;id" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the image "rel-1;id" is not an image name/),
    });
  });
});

describe("renderRequest refuses a release whose tag is not a safe ref name", () => {
  const config = checkConfigText(readFileSync("examples/ukrdc.yml", "utf8"), "renalreg/ukrdc-services").config!;
  const staging = config.environments.find((candidate) => candidate.name === "staging")!;
  const release = (tag: string) => ({ id: 5, tag, prerelease: true, draft: false, requester: "joel", defaultBranch: "master" });

  it("even when no template uses {tag}: the tag travels in the deployment's payload", () => {
    const tag = "v10.8.5rc1;id";
    const request = releaseDeploy(config, staging, { app: "ukrdc-services", version: "10.8.5rc1" }, release(tag), SHA);
    expect(renderRequest(config, request, { owner: "renalreg", repo: "ukrdc-services" }, "master", NOW)).toEqual({
      ok: false,
      error:
        'the release tag "v10.8.5rc1;id" is not a safe ref name: it has characters other than letters, digits and . _ / -, so it is not passed to the deploy workflow',
    });
  });

  it("renders a release with an ordinary tag", () => {
    const request = releaseDeploy(config, staging, { app: "ukrdc-services", version: "10.8.5rc1" }, release("v10.8.5rc1"), SHA);
    expect(renderRequest(config, request, { owner: "renalreg", repo: "ukrdc-services" }, "master", NOW)).toMatchObject({
      ok: true,
      dispatch: { inputs: { version: "10.8.5rc1" } },
    });
  });
});

describe("renderDispatch", () => {
  it("renders workflow inputs in this repository on its default branch when the config names neither", () => {
    const result = renderDispatch(
      facts({
        app: "api",
        env: env({ deploy: { kind: "workflow", workflow: "deploy-staging.yml", repo: null, ref: null, inputs: { app: "{app}", tag: "{sha}" } } }),
      }),
    );
    expect(result).toEqual({
      ok: true,
      dispatch: { kind: "workflow", repo: { owner: "org", repo: "app" }, workflow: "deploy-staging.yml", ref: "main", inputs: { app: "api", tag: SHA } },
    });
  });

  it("renders Openverse's production repository_dispatch with the release's rel- tag", () => {
    const production = env({
      name: "production",
      imageTag: "rel-{version}",
      deploy: {
        kind: "repository-dispatch",
        eventType: "deploy_production_{app}",
        repo: { owner: "WordPress", repo: "openverse-infrastructure" },
        payload: { actor: "{actor}", tag: "rel-{version}" },
      },
    });
    const result = renderDispatch(facts({ env: production, app: "api", version: "2024.01.01.19.52.14" }));
    expect(result).toEqual({
      ok: true,
      imageTag: "rel-2024.01.01.19.52.14",
      dispatch: {
        kind: "repository",
        repo: { owner: "WordPress", repo: "openverse-infrastructure" },
        eventType: "deploy_production_api",
        payload: { actor: "alice", tag: "rel-2024.01.01.19.52.14" },
      },
    });
  });

  it("renders the HCA image tag from the environment, the short SHA and the time", () => {
    const template = "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}";
    const result = renderDispatch(
      facts({
        env: env({
          name: "prod",
          imageTag: template,
          deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: { image: template } },
        }),
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      imageTag: "prod-1c1f6ab9-21-10-2024.1729512345",
      dispatch: { inputs: { image: "prod-1c1f6ab9-21-10-2024.1729512345" } },
    });
  });

  it("reuses a rollback's image of this environment's form and recovers its version for the other fields", () => {
    const production = env({
      name: "production",
      imageTag: "rel-{version}",
      deploy: { kind: "workflow", workflow: "d.yml", repo: null, ref: null, inputs: { tag: "rel-{version}", v: "{version}" } },
    });
    const result = renderDispatch(facts({ env: production, image: "rel-2024.01.01.19.52.14" }));
    expect(result).toMatchObject({
      ok: true,
      imageTag: "rel-2024.01.01.19.52.14",
      dispatch: { inputs: { tag: "rel-2024.01.01.19.52.14", v: "2024.01.01.19.52.14" } },
    });
  });

  it("passes the HCA image a rollback names instead of dating a new one", () => {
    const template = "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}";
    const prod = env({
      name: "prod",
      imageTag: template,
      deploy: { kind: "workflow", workflow: "deploy.yml", repo: null, ref: null, inputs: { image: template } },
    });
    const result = renderDispatch(facts({ env: prod, image: "prod-1c1f6ab9-01-01-2024.1704067200" }));
    expect(result).toMatchObject({
      ok: true,
      imageTag: "prod-1c1f6ab9-01-01-2024.1704067200",
      dispatch: { inputs: { image: "prod-1c1f6ab9-01-01-2024.1704067200" } },
    });
  });

  it("adds the migrations inputs only to a deploy with migrations", () => {
    const production = env({ name: "production", migrations: { check: "migrations", inputs: { migrate: "true" } } });
    expect(renderDispatch(facts({ env: production, withMigrations: true }))).toMatchObject({ ok: true, dispatch: { inputs: { tag: SHA, migrate: "true" } } });
    expect(renderDispatch(facts({ env: production }))).toMatchObject({ ok: true, dispatch: { inputs: { tag: SHA } } });
  });

  it("refuses with the config path when a template needs a value this deploy does not have", () => {
    const production = env({ name: "production", deploy: { kind: "workflow", workflow: "d.yml", repo: null, ref: null, inputs: { tag: "rel-{version}" } } });
    const result = renderDispatch(facts({ env: production }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^environments\.production\.deploy\.inputs\.tag: .*\{version\}/);
  });
});

describe("imageTagIsPortable", () => {
  it.each([
    ["rel-{version}", true],
    ["{sha}", true],
    ["{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}", false],
    [null, false],
  ])("%s → %s", (template, portable) => {
    expect(imageTagIsPortable(template)).toBe(portable);
  });
});

describe("appsToDeploy", () => {
  const apps = [
    { name: "api", paths: ["api/**"] },
    { name: "frontend", paths: ["frontend/**", "packages/*.json"] },
  ];

  it.each([
    [["api/src/views.py"], ["api"]],
    [
      ["frontend/a.vue", "api/b.py"],
      ["api", "frontend"],
    ],
    [["packages/x.json"], ["frontend"]],
    [["packages/deep/x.json"], []],
    [["README.md"], []],
  ])("a push changing %j deploys %j", (files, expected) => {
    expect(appsToDeploy(apps, [{ modified: files }])).toEqual(expected);
  });

  it("deploys every app when the push carries as many commits as GitHub lists", () => {
    expect(
      appsToDeploy(
        apps,
        Array.from({ length: 20 }, () => ({ modified: ["README.md"] })),
      ),
    ).toEqual(["api", "frontend"]);
  });

  it("matches ** at any depth, including none", () => {
    expect(matchesGlob("api", "api/**")).toBe(true);
    expect(matchesGlob("a/b/c.py", "**/*.py")).toBe(true);
    expect(matchesGlob("c.py", "**/*.py")).toBe(true);
    expect(matchesGlob("apix/a", "api/**")).toBe(false);
  });
});
