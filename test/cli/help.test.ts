// The command line as people expect it: --help on every command, "did you mean" for a typo,
// problems in line order, and no raw ENOENT, zod dump or stack.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/help.js";
import { run } from "./io.js";

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-help-")), name);
  writeFileSync(file, text);
  return file;
}

describe("--help", () => {
  it.each(Object.keys(COMMANDS))("%s --help prints its own usage and exits 0", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const result = await run([command, flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith(`usage: release-pilot ${command}`)).toBe(true);
      expect(result.stderr).toBe("");
    }
    expect((await run(["help", command])).stdout).toBe((await run([command, "--help"])).stdout);
  });

  it("lists the events plan takes, from the registry", async () => {
    const { stdout } = await run(["plan", "--help"]);
    expect(stdout).toMatch(/^events: release, push, issue_comment, .*, timer$/m);
    expect(stdout).toContain("examples/payloads/push.json");
  });

  it("prints every command's line at the top level", async () => {
    const { stdout, code } = await run(["--help"]);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(stdout).toContain(`  ${name}`);
  });
});

describe("mistakes", () => {
  it("suggests the command a typo was near", async () => {
    const result = await run(["valdate", "x.yml"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("unknown command valdate; did you mean validate?");
    expect((await run(["frobnicate"])).stderr.split("\n")[0]).toBe("unknown command frobnicate; the commands are validate, schema, docs, plan, jobs.");
    expect((await run(["help", "pln"])).stderr).toBe("unknown command pln; did you mean plan?\n");
  });

  it("names a missing file or a folder in words, without the absolute path or the errno", async () => {
    const missing = await run(["plan", "--event", "push", "--payload", "nope.json"]);
    expect(missing.stderr).toBe("there is no file nope.json; give the path from this folder\n");
    const folder = await run(["validate", "examples"]);
    expect(folder.stderr).toBe("examples is a folder; give a file in it\n");
  });

  it("prints a config's problems in line order, errors and warnings together", async () => {
    const file = temp(
      "release-pilot.yml",
      "environments:\n  production:\n    deploy: { workflow: deploy.yml }\n    requires: [nowhere]\n    approvals: two\ntag: v{versoin}\n",
    );
    const { stderr } = await run(["validate", file]);
    const lines = stderr
      .trim()
      .split("\n")
      .filter((line) => line.startsWith(file))
      .map((line) => Number(line.slice(file.length + 1).split(":")[0]));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("says what is wrong with a facts file one problem a line, not as a JSON dump", async () => {
    const facts = temp("facts.json", JSON.stringify({ tags: "v1", now: 5 }));
    const { stderr, code } = await run([
      "plan",
      "--event",
      "push",
      "--payload",
      "examples/payloads/push.json",
      "--config",
      "examples/openverse.yml",
      "--facts",
      facts,
    ]);
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe(`${facts} is not a facts file (its keys are listed in docs/cli.md):`);
    expect(stderr).toMatch(/^ {2}now: /m);
    expect(stderr).toMatch(/^ {2}tags: /m);
    expect(stderr).not.toContain("[{");
  });
});
