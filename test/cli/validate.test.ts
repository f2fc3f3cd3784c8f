import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/policy/config/index.js";
import { run } from "./io.js";

const EXAMPLES = ["examples/gwcelery.yml", "examples/ukrdc.yml", "examples/greenweb.yml", "examples/openverse.yml", "examples/hca-ingest.yml"].filter((file) =>
  existsSync(join(import.meta.dirname, "../..", file)),
);

function broken(): string {
  const dir = mkdtempSync(join(tmpdir(), "release-pilot-cli-"));
  writeFileSync(
    join(dir, "release-pilot.yml"),
    "tag: v{version}\nenvironments:\n  production:\n    deploy: { workflow: deploy.yml }\n    approvals: two\n    requires: [staging]\n",
  );
  return join(dir, "release-pilot.yml");
}

describe("release-pilot validate", () => {
  it.each(EXAMPLES)("accepts %s and says what it will do", async (file) => {
    const result = await run(["validate", file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file} is valid. Release Pilot will:`);
  });

  it("exits 1 with each error on its line of a broken file", async () => {
    const file = broken();
    const result = await run(["validate", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:5: error: environments.production.approvals: expected a number, got a string`);
    expect(result.stderr).toMatch(new RegExp(`${file}:6: error: environments\\.production\\.requires\\[0\\]: names no environment`));
  });

  it("exits 1 when the file cannot be read", async () => {
    const result = await run(["validate", "no/such/file.yml"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("there is no file no/such/file.yml; give the path from this folder\n");
  });
});

describe("release-pilot schema", () => {
  it("prints the config's JSON Schema", async () => {
    const result = await run(["schema"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(configJsonSchema());
  });
});
