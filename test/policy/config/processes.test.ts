import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig, type Config } from "../../../src/policy/config/index.js";
import { GREEN_WEB, GWCELERY, HCA, OPENVERSE, PROCESS_CONFIGS, UKRDC } from "./process-configs.js";

function valid(yaml: string, repo: string): Config {
  const result = parseConfig(parse(yaml), { repo });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  expect(result.warnings).toEqual([]);
  return result.config;
}

describe("the five processes", () => {
  it.each(PROCESS_CONFIGS)("%s validates without errors or warnings", (_name, yaml, repo) => {
    expect(() => valid(yaml, repo)).not.toThrow();
  });

  it("GWCelery keeps one rst changelog file finalised by commit and closing the issue", () => {
    const config = valid(GWCELERY, "emfollow/gwcelery");
    expect(config.changelog).toMatchObject({ target: { kind: "file", file: "CHANGES.rst" }, format: "rst", via: "commit", closesIssue: true });
    expect(config.codenames).toMatchObject({ source: "cryptids", per: "minor" });
    expect(config.codenames?.names).toEqual(expect.arrayContaining(["Bigfoot", "Bunyip", "Cactus cat", "Sheepsquatch"]));
    expect(config.apps).toEqual([expect.objectContaining({ name: "gwcelery", paths: ["**"], tag: "v{version}" })]);
  });

  it("UKRDC raises the downstream pin on its release branch", () => {
    const config = valid(UKRDC, "renalreg/ukrdc-services");
    expect(config.downstream).toEqual([
      { repo: { owner: "renalreg", repo: "ukrdc-webapi" }, file: "requirements.txt", branch: "release", package: "ukrdc-services" },
    ]);
    expect(config.environments.map((e) => [e.name, e.follows])).toEqual([
      ["development", { kind: "branch", branch: "master" }],
      ["staging", { kind: "release", on: "prereleased" }],
      ["production", { kind: "release", on: "published" }],
    ]);
  });

  it("Green Web Foundation serialises deploys and knows its migrations check", () => {
    const production = valid(GREEN_WEB, "thegreenwebfoundation/admin-portal").environments.find((e) => e.name === "production");
    expect(production).toMatchObject({ queue: true, lockTimeoutMs: 30 * 60_000, migrations: { check: "pending-migrations" } });
  });

  it("Openverse has four apps sharing a calver {app}-{version} tag and a changelog file per release", () => {
    const config = valid(OPENVERSE, "WordPress/openverse");
    expect(config.apps.map((a) => [a.name, a.tag])).toEqual([
      ["api", "{app}-{version}"],
      ["frontend", "{app}-{version}"],
      ["catalog", "{app}-{version}"],
      ["ingestion_server", "{app}-{version}"],
    ]);
    expect(config.apps[3]?.changelog).toMatchObject({ target: { kind: "path" }, format: "markdown", backToDevelopment: null });
    expect(config.environments[1]?.deploy).toMatchObject({ kind: "workflow", repo: { owner: "WordPress", repo: "openverse-infrastructure" } });
  });

  it("HCA promotes to prod only from staging with two fresh approvals", () => {
    const prod = valid(HCA, "ebi-ait/ingest-core").environments.find((e) => e.name === "prod");
    expect(prod).toMatchObject({ follows: null, requires: ["staging"], approvals: 2, approvalsWithinMs: 24 * 3_600_000 });
  });
});
