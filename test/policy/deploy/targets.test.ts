// Which environments a published release deploys: GitHub sends `published` for candidates and
// finals alike, so `follows: { release: published }` must skip candidates and
// `follows: { release: prereleased }` must take both.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { noPushDeploy, pushDeploys, releaseDeploys, releaseDeploysAfter } from "../../../src/policy/deploy/targets.js";
import { checkConfigText } from "../../../src/policy/config-check.js";

function example(name: string, repo: string) {
  const config = checkConfigText(readFileSync(`examples/${name}.yml`, "utf8"), repo).config;
  if (config === undefined) throw new Error(`examples/${name}.yml does not validate`);
  return config;
}

const envNames = (result: ReturnType<typeof releaseDeploys>) => (result.kind === "deploy" ? result.envs.map((env) => env.name) : result.kind);

describe("releaseDeploys", () => {
  const ukrdc = example("ukrdc", "renalreg/ukrdc-services");

  it("deploys a candidate only where candidates are followed", () => {
    expect(envNames(releaseDeploys(ukrdc, { tag: "v10.8.5rc1", draft: false, prerelease: true }))).toEqual(["staging"]);
  });

  it("deploys a final where candidates are followed now, and where finals are followed once what they require succeeded", () => {
    const final = releaseDeploys(ukrdc, { tag: "v10.8.5", draft: false, prerelease: false });
    expect(envNames(final)).toEqual(["staging"]);
    expect(final.kind === "deploy" ? final.waiting.map((env) => env.name) : []).toEqual(["production"]);
    expect(envNames(releaseDeploysAfter(ukrdc, "staging", { tag: "v10.8.5", prerelease: false }))).toEqual(["production"]);
  });

  it("carries a candidate no further than the environments that take candidates", () => {
    expect(envNames(releaseDeploysAfter(ukrdc, "staging", { tag: "v10.8.5rc1", prerelease: true }))).toEqual([]);
    expect(envNames(releaseDeploysAfter(ukrdc, "development", { tag: "v10.8.5", prerelease: false }))).toEqual([]);
  });

  it("deploys a candidate, and never a final, to an environment that takes only prereleases (issue #17 item 6)", () => {
    const beta = checkConfigText(
      [
        "environments:",
        "  beta:",
        "    follows: { release: prerelease-only }",
        '    deploy: { workflow: deploy.yml, inputs: { tag: "{tag}" } }',
        "  production:",
        "    follows: { release: published }",
        '    deploy: { workflow: deploy.yml, inputs: { tag: "{tag}" } }',
      ].join("\n"),
      "acme/shop",
    ).config!;
    expect(envNames(releaseDeploys(beta, { tag: "v1.1.0rc1", draft: false, prerelease: true }))).toEqual(["beta"]);
    expect(envNames(releaseDeploys(beta, { tag: "v1.1.0", draft: false, prerelease: false }))).toEqual(["production"]);
  });

  it("deploys nothing for a draft", () => {
    expect(releaseDeploys(ukrdc, { tag: "v10.8.5", draft: true, prerelease: false })).toEqual({ kind: "none" });
  });

  it("keeps a candidate away from an environment that follows finals only", () => {
    const openverse = example("openverse", "WordPress/openverse");
    const candidate = releaseDeploys(openverse, { tag: "api-2024.03.01.12.00.00", draft: false, prerelease: true });
    expect(candidate).toEqual({ kind: "none" });
    expect(envNames(releaseDeploys(openverse, { tag: "api-2024.03.01.12.00.00", draft: false, prerelease: false }))).toEqual(["production"]);
  });

  it("runs Openverse's image tagging before production when the example's commented images step is switched on", () => {
    const text = readFileSync("examples/openverse.yml", "utf8");
    const commented = /# {3}images:\n((?: {2}#.*\n)+?) {2}# and under/.exec(text)?.[1];
    expect(commented).toBeDefined();
    const images = commented!
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => `  ${line.replace(/^ {2}# {3}/, "")}`)
      .join("\n");
    const yaml = text.replace("  production:\n", `  images:\n${images}\n  production:\n    requires: [images]\n`);
    expect(parse(yaml)).toMatchObject({ environments: { images: { follows: { release: "published" } }, production: { requires: ["images"] } } });
    const config = checkConfigText(yaml, "WordPress/openverse").config!;
    const tag = "api-2024.03.01.12.00.00";
    const published = releaseDeploys(config, { tag, draft: false, prerelease: false });
    expect(envNames(published)).toEqual(["images"]);
    expect(published.kind === "deploy" ? published.waiting.map((env) => env.name) : []).toEqual(["production"]);
    expect(envNames(releaseDeploysAfter(config, "images", { tag, prerelease: false }))).toEqual(["production"]);
  });
});

// GitHub sends a push for every ref the app's own token creates or moves (issue #14 item 11):
// the release commits on the branch an environment follows deploy nothing, or each /release
// would deploy (or refuse, as an untrusted author) the bot's changelog and version commits.
describe("pushDeploys", () => {
  const gwcelery = example("gwcelery", "emfollow/gwcelery");
  const push = { ref: "refs/heads/main", after: "a".repeat(40), deleted: false, requester: "leo", defaultBranch: "main", commits: [] };

  it("deploys what a person pushes to a followed branch", () => {
    expect(pushDeploys(gwcelery, push).map((d) => d.env.name)).toEqual(["playground"]);
  });

  it("deploys nothing for this app's own push (its release commits), and says so", () => {
    expect(pushDeploys(gwcelery, { ...push, requester: "release-pilot[bot]", byThisApp: true })).toEqual([]);
    expect(noPushDeploy(push.ref, false, true)).toBe("The push to main is this app's own (a release commit, a lock ref or a tag); it deploys nothing.");
  });
});
