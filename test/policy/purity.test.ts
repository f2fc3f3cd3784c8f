// Policy is pure: facts in, plan out. These rules are what make policy testable as tables and
// safe to run in `release-pilot plan` with no network, so they are checked on every file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../src/policy");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const FORBIDDEN: [string, RegExp][] = [
  ["imports probot or octokit", /from\s+["'](probot|@octokit\/[^"']+|octokit)["']/],
  ["imports the file system, network or process I/O", /from\s+["'](node:)?(fs|fs\/promises|http|https|net|child_process|dgram)["']/],
  ["imports a logger, database or queue", /from\s+["'](pino|better-sqlite3|ioredis|bullmq|undici)["']/],
  ["reads the clock", /Date\.now\(|new Date\(\)|performance\.now\(/],
  ["uses randomness", /Math\.random\(|randomUUID\(|randomBytes\(/],
  ["reads the environment", /process\.env/],
];

const sources = files(ROOT).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

describe("src/policy stays pure", () => {
  it("has policy files to check", () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each(FORBIDDEN)("no policy file %s", (_rule, pattern) => {
    const offenders = sources.filter((source) => pattern.test(source.text)).map((source) => source.path);
    expect(offenders).toEqual([]);
  });

  it("detects an offending line, so the rules above can fail", () => {
    const sample = 'import { Probot } from "probot";\nconst t = Date.now();';
    expect(FORBIDDEN.filter(([, pattern]) => pattern.test(sample)).map(([rule]) => rule)).toEqual(["imports probot or octokit", "reads the clock"]);
  });
});
