// Issue #12 item 17: a deploy by hand to an environment whose templates name a release
// (`rel-{version}`, GWCelery's `ref: "{tag}"`) ships the release of the commit, or says which to name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig, type Config, type EnvironmentConfig } from "../../../src/policy/config/index.js";
import { renderRequest, type DeployRequest } from "../../../src/policy/deploy/decide-deploy.js";
import { choosePromotion } from "../../../src/policy/deploy/promote.js";
import { redeployOf } from "../../../src/policy/deploy/settings.js";
import { PEELED_TAGS, releaseNeededBy, releaseOfCommit, releaseOfRequest, releaseTagReads } from "../../../src/policy/deploy/release-of-commit.js";

function example(file: string, repo: string): Config {
  const parsed = parseConfig(parse(readFileSync(`examples/${file}`, "utf8")), { repo });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

const openverse = example("openverse.yml", "WordPress/openverse");
const hca = example("hca-ingest.yml", "ebi-ait/ingest-core");
const gwcelery = example("gwcelery.yml", "emfollow/gwcelery");
const HEAD = "c".repeat(40);
const RELEASED = "d".repeat(40);
const envOf = (config: Config, name: string): EnvironmentConfig => config.environments.find((env) => env.name === name)!;

function request(config: Config, env: string, extra: Partial<DeployRequest> = {}): DeployRequest {
  return {
    env: envOf(config, env),
    sha: HEAD,
    trigger: { kind: "comment", id: 1 },
    requester: "alice",
    issueNumber: 3,
    withMigrations: false,
    approvals: [],
    defaultBranch: "main",
    ...extra,
  };
}

describe("which deploys need the release of their commit", () => {
  it("is every environment naming {version} or {tag} when the request carries neither", () => {
    expect(releaseNeededBy(openverse, request(openverse, "production", { app: "api" }))).toEqual({
      path: "environments.production.image_tag",
      template: "rel-{version}",
    });
    expect(releaseNeededBy(gwcelery, request(gwcelery, "production"))).toEqual({ path: "environments.production.deploy.inputs.ref", template: "{tag}" });
  });

  it("is none of HCA's environments nor Openverse's staging, whose images name the commit", () => {
    for (const env of hca.environments) expect(releaseNeededBy(hca, request(hca, env.name))).toBeUndefined();
    expect(releaseNeededBy(openverse, request(openverse, "staging", { app: "api" }))).toBeUndefined();
  });

  it("is not a request that has its version, or a rollback's image of the environment's form", () => {
    expect(
      releaseNeededBy(openverse, request(openverse, "production", { app: "api", version: "2024.01.01.00.00.00", tag: "api-2024.01.01.00.00.00" })),
    ).toBeUndefined();
    expect(releaseNeededBy(openverse, request(openverse, "production", { app: "api", image: "rel-2024.01.01.00.00.00" }))).toBeUndefined();
    // Staging's image is a SHA, not production's form: a promotion still needs the release.
    expect(releaseNeededBy(openverse, request(openverse, "production", { app: "api", image: HEAD }))).toBeDefined();
  });
});

describe("releaseOfCommit", () => {
  const tags = [
    { name: "api-2024.01.01.00.00.00", sha: RELEASED },
    { name: "api-2023.12.14.09.01.44", sha: "e".repeat(40) },
    { name: "frontend-2024.03.01.00.00.00", sha: HEAD },
  ];

  it("finds the app's release tag on the commit, and the deploy then renders rel-{version}", () => {
    const asked = request(openverse, "production", { app: "api", sha: RELEASED, image: RELEASED });
    const found = releaseOfCommit(openverse, asked, tags);
    expect(found).toEqual({ ok: true, version: "2024.01.01.00.00.00", tag: "api-2024.01.01.00.00.00" });
    if (!found.ok) return;
    const rendered = renderRequest(
      openverse,
      { ...asked, version: found.version, tag: found.tag },
      { owner: "WordPress", repo: "openverse" },
      "main",
      "2024-06-01T00:00:00Z",
    );
    expect(rendered).toMatchObject({
      ok: true,
      imageTag: "rel-2024.01.01.00.00.00",
      dispatch: { kind: "repository", payload: { tag: "rel-2024.01.01.00.00.00" } },
    });
  });

  it("without a release on the commit, names the newest release of that app (not another app's tag on it)", () => {
    expect(releaseOfCommit(openverse, request(openverse, "production", { app: "api" }), tags)).toEqual({
      ok: false,
      error:
        "environments.production.image_tag (rel-{version}) names a release, and ccccccc is not tagged as a release of api (no tag like api-{version} points at it); name the release to deploy, e.g. /deploy production api-2024.01.01.00.00.00 api.",
    });
  });

  it("says to cut one first when the app has no release at all", () => {
    const found = releaseOfCommit(gwcelery, request(gwcelery, "production"), []);
    expect(found).toEqual({
      ok: false,
      error:
        "environments.production.deploy.inputs.ref ({tag}) names a release, and ccccccc is not tagged as a release of gwcelery (no tag like v{version} points at it); cut a release first with /release, then /deploy production <its tag>.",
    });
  });

  it("gives GWCelery's production its tag as the ref input", () => {
    const found = releaseOfCommit(gwcelery, request(gwcelery, "production"), [
      { name: "v2.6.0", sha: HEAD },
      { name: "v2.6.0rc1", sha: HEAD },
    ]);
    expect(found).toEqual({ ok: true, version: "2.6.0", tag: "v2.6.0" });
  });
});

describe("releaseTagReads", () => {
  it("lists only the app's tags, by the literal start of its pattern", () => {
    expect(releaseTagReads(openverse, { app: "ingestion_server" }).prefix).toBe("ingestion_server-");
    expect(releaseTagReads(gwcelery, {}).prefix).toBe("v");
  });

  it("peels the newest annotated release tags first, a bounded number of them", () => {
    const names = Array.from({ length: 30 }, (_, i) => `v2.${i}.0`).concat(["v-not-a-version", "v2.3.0rc1"]);
    const peeled = releaseTagReads(gwcelery, {}).toPeel(names);
    expect(peeled).toHaveLength(PEELED_TAGS);
    expect(peeled.slice(0, 2)).toEqual(["v2.29.0", "v2.28.0"]);
    expect(peeled).not.toContain("v-not-a-version");
  });
});

describe("the release a /promote carries from its deployment's payload", () => {
  const ukrdc = example("ukrdc.yml", "renalreg/ukrdc-services");

  it("is the release_tag staging's deployment recorded, so production renders {version} without reading tags", () => {
    const promoted = choosePromotion({
      from: "staging",
      history: [{ id: 4, sha: RELEASED, ref: RELEASED, state: "success", createdAt: "2024-12-01T00:00:00Z", releaseTag: "v10.8.5rc1" }],
    });
    if ("error" in promoted) throw new Error(promoted.error);
    const asked = request(ukrdc, "production", { ...redeployOf(promoted) });
    expect(asked.tag).toBe("v10.8.5rc1");
    expect(releaseNeededBy(ukrdc, asked)).toBeDefined();
    expect(releaseOfRequest(ukrdc, asked)).toEqual({ version: "10.8.5rc1", tag: "v10.8.5rc1" });
  });

  it("is nothing when the named tag is not one of the app's releases", () => {
    expect(releaseOfRequest(ukrdc, request(ukrdc, "production", { tag: "production" }))).toBeUndefined();
    expect(releaseOfRequest(ukrdc, request(ukrdc, "production"))).toBeUndefined();
  });
});
