// `docker build` cannot run on these machines, so the Dockerfile is checked the next best way:
// its shape is read, and the build stage's commands run as plain shell in a clean copy of the
// files it COPYs. The pruned result must still load the app with production dependencies only.
import { execFileSync, execSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: readonly { readonly op: string; readonly args: string }[];
}

function stages(text: string): Stage[] {
  const result: { from: string; name?: string; instructions: { op: string; args: string }[] }[] = [];
  // Continuation lines join their instruction; comments and blanks carry nothing.
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  for (const line of lines) {
    const [op = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (op.toUpperCase() === "FROM") {
      const [image = "", as, name] = args.split(/\s+/);
      result.push({ from: image, ...(as?.toUpperCase() === "AS" && name ? { name } : {}), instructions: [] });
    } else {
      result.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return result;
}

const dockerfile = stages(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const build = dockerfile[0]!;
const run = dockerfile.at(-1)!;
const work = mkdtempSync(join(tmpdir(), "rp-docker-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the Dockerfile", () => {
  it("builds in one stage and runs from another, as a non-root user, with probot run", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    expect(run.instructions.filter((i) => i.op === "COPY").every((i) => i.args.startsWith("--from=") || !i.args.includes("src"))).toBe(true);
    const user = run.instructions.filter((i) => i.op === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(run.instructions.find((i) => i.op === "CMD")?.args).toMatch(/probot.*run.*\.\/dist\/index\.js/);
  });

  it("copies only files that exist in a checkout", () => {
    const sources = build.instructions.filter((i) => i.op === "COPY" && !i.args.startsWith("--from")).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
  });

  it("runs its build stage's commands as plain shell on a clean copy, and the pruned app loads", () => {
    for (const { op, args } of build.instructions) {
      if (op === "COPY") {
        const parts = args.split(/\s+/);
        const target = parts.at(-1)!;
        for (const source of parts.slice(0, -1)) {
          // As in Docker: a target ending in "/" receives each source by its name.
          const destination = target.endsWith("/") ? join(work, target, basename(source)) : join(work, target);
          cpSync(join(ROOT, source), destination, { recursive: true });
        }
      }
      // System packages are the image's business; the machine running the tests has them.
      if (op === "RUN" && !args.startsWith("apt-get")) execSync(args, { cwd: work, stdio: "pipe", env: { ...process.env, CI: "true" } });
    }
    expect(existsSync(join(work, "dist/index.js"))).toBe(true);
    expect(existsSync(join(work, "node_modules/vitest"))).toBe(false);
    const loaded = execFileSync(process.execPath, ["--input-type=module", "-e", "const m = await import('./dist/index.js'); console.log(typeof m.default)"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(loaded.trim()).toBe("function");
  }, 600_000);
});
