import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/policy/commands/parse.js";
import type { KnownNames } from "../../../src/policy/commands/types.js";

const known: KnownNames = { environments: ["staging", "production"], apps: ["api", "frontend", "ingestion_server"] };
const single: KnownNames = { environments: ["staging", "production"], apps: [] };

describe("parseCommand", () => {
  it.each([
    ["hello there", undefined],
    ["", undefined],
    ["   \n\n  ", undefined],
    ["thanks!\n/deploy production", undefined],
    ["> /deploy production", undefined],
    ["// just a code comment", undefined],
    ["/usr/bin/env is broken", undefined],
  ])("ignores an ordinary comment %j", (body, expected) => {
    expect(parseCommand(body, known)).toBe(expected);
  });

  it.each([
    ["/release", { name: "release" }],
    ["/release minor", { name: "release", level: "minor" }],
    ["/release RC", { name: "release", level: "rc" }],
    ["/release final api", { name: "release", level: "final", app: "api" }],
    ["/release 1.2.0", { name: "release", version: "1.2.0" }],
    ["/release v10.8.5rc1", { name: "release", version: "10.8.5rc1" }],
    ["/release 2.0.0 frontend", { name: "release", version: "2.0.0", app: "frontend" }],
    ["/release api", { name: "release", app: "api" }],
    ["/release beta", { name: "release", level: "beta" }],
    ["/release Alpha api", { name: "release", level: "alpha", app: "api" }],
    // Any scheme's form reaches the scheme, which says whether it is one of its versions.
    ["/release 1.3.0-rc1", { name: "release", version: "1.3.0-rc1" }],
    ["/release 1.2", { name: "release", version: "1.2" }],
    ["/release v3", { name: "release", version: "3" }],
    ["/release 1!2.0", { name: "release", version: "1!2.0" }],
    ["/release 1.2.3+build.7", { name: "release", version: "1.2.3+build.7" }],
    ["/release 1.2.3rc1.post2.dev3+local.7", { name: "release", version: "1.2.3rc1.post2.dev3+local.7" }],
    ["/checklist", { name: "checklist" }],
    ["/checklist 1.4.0", { name: "checklist", version: "1.4.0" }],
    ["/checklist 1.4.0 API", { name: "checklist", version: "1.4.0", app: "api" }],
    ["/checklist api", { name: "checklist", app: "api" }],
    ["/deploy production", { name: "deploy", environment: "production", withMigrations: false }],
    ["/deploy Production", { name: "deploy", environment: "production", withMigrations: false }],
    ["/deploy production v1.2.0", { name: "deploy", environment: "production", ref: "v1.2.0", withMigrations: false }],
    ["/deploy production api", { name: "deploy", environment: "production", app: "api", withMigrations: false }],
    [
      "/deploy production rel-2024.01.01.19.52.14 api",
      { name: "deploy", environment: "production", ref: "rel-2024.01.01.19.52.14", app: "api", withMigrations: false },
    ],
    ["/deploy staging feature/login --with-migrations", { name: "deploy", environment: "staging", ref: "feature/login", withMigrations: true }],
    ["/deploy production —with-migrations", { name: "deploy", environment: "production", withMigrations: true }],
    ["/deploy production –with-migrations", { name: "deploy", environment: "production", withMigrations: true }],
    ["/deploy production --with-migrations api", { name: "deploy", environment: "production", app: "api", withMigrations: true }],
    ["/deploy production --dry-run", { name: "deploy", environment: "production", withMigrations: false, dryRun: true }],
    ["/deploy production main --force", { name: "deploy", environment: "production", ref: "main", withMigrations: false, force: true }],
    ["/deploy production —dry-run --FORCE", { name: "deploy", environment: "production", withMigrations: false, dryRun: true, force: true }],
    ["/rollback production --dry-run to v1.1.0", { name: "rollback", environment: "production", to: "v1.1.0", dryRun: true }],
    ["/promote staging production --dry-run", { name: "promote", from: "staging", to: "production", dryRun: true }],
    ["/freeze production for 2h release week", { name: "freeze", environment: "production", reason: "release week", durationMs: 7_200_000 }],
    ["/freeze production waiting for the audit", { name: "freeze", environment: "production", reason: "waiting for the audit" }],
    ["/unfreeze production", { name: "unfreeze", environment: "production" }],
    ["/release minor api --dry-run", { name: "release", level: "minor", app: "api", dryRun: true }],
    ["/rollback production", { name: "rollback", environment: "production" }],
    ["/rollback production api", { name: "rollback", environment: "production", app: "api" }],
    ["/rollback production to v1.1.0", { name: "rollback", environment: "production", to: "v1.1.0" }],
    ["/rollback production api to api-2024.01.01.19.52.14", { name: "rollback", environment: "production", app: "api", to: "api-2024.01.01.19.52.14" }],
    ["/promote staging production", { name: "promote", from: "staging", to: "production" }],
    ["/promote staging production api", { name: "promote", from: "staging", to: "production", app: "api" }],
    ["/lock production", { name: "lock", environment: "production" }],
    ["/lock production release freeze", { name: "lock", environment: "production", reason: "release freeze" }],
    ["/lock production for 2h", { name: "lock", environment: "production", durationMs: 7_200_000 }],
    ["/lock production db upgrade, see #12 for 30m", { name: "lock", environment: "production", reason: "db upgrade, see #12", durationMs: 1_800_000 }],
    ["/lock staging waiting for alice", { name: "lock", environment: "staging", reason: "waiting for alice" }],
    ["/lock staging for 1d", { name: "lock", environment: "staging", durationMs: 86_400_000 }],
    ["/unlock production", { name: "unlock", environment: "production" }],
    ["/status", { name: "status" }],
    ["/status frontend", { name: "status", app: "frontend" }],
    ["/help", { name: "help" }],
    ["  \n/HELP\nsome explanation below", { name: "help" }],
    ["/deploy production\r\nbecause the hotfix is ready", { name: "deploy", environment: "production", withMigrations: false }],
  ])("parses %j", (body, expected) => {
    expect(parseCommand(body, known)).toEqual(expected);
  });

  it.each([
    ["/deplyo production", "unknown command /deplyo; did you mean /deploy? (type /help for the list)"],
    ["/frobnicate", "unknown command /frobnicate; type /help for the list of commands."],
    ["/deploy prod", 'unknown environment "prod"; this repository has staging, production — try /deploy production'],
    ["/deploy stagign", 'unknown environment "stagign"; this repository has staging, production — try /deploy staging'],
    ["/deploy", "missing environment; this repository has staging, production — try /deploy production"],
    ["/release 1.2..0", '"1.2..0" is not a version; use X.Y.Z, e.g. /release 1.2.0'],
    ["/release v3.x!", '"v3.x!" is not a version; use X.Y.Z, e.g. /release 1.2.0'],
    ["/release 1.2.3;id", '"1.2.3;id" is not a version; use X.Y.Z, e.g. /release 1.2.0'],
    ["/release 1.2.3-$(id)", '"1.2.3-$(id)" is not a version; use X.Y.Z, e.g. /release 1.2.0'],
    ["/release 1.2.3-@octocat", expect.stringMatching(/^"1\.2\.3-@\u200doctocat" is not a version; use X\.Y\.Z/)],
    ["/checklist 2.x", '"2.x" is not a version; use X.Y.Z, e.g. /checklist 1.2.0'],
    ["/release apu", 'unknown app "apu"; this repository has api, frontend, ingestion_server — try /release api'],
    [
      "/release minro",
      '"minro" is not a release level or version; use major, minor, patch, alpha, beta, rc, final or a version such as 1.2.0 — try /release minor',
    ],
    ["/release 1.2.0 fronted", 'unknown app "fronted"; this repository has api, frontend, ingestion_server — try /release 1.2.0 frontend'],
    ["/release api minor", "the app goes last; use /release minor api"],
    ["/release minor api extra", "too many arguments for /release; use /release [major|minor|patch|alpha|beta|rc|final|version] [app] [--dry-run]"],
    [
      '/deploy production zzz";echo${IFS}"hello";#',
      '"zzz\\";echo${IFS}\\"hello\\";#" is not a valid ref; use a branch, tag, SHA or version made of letters, digits and . _ / - — e.g. /deploy production v1.2.0',
    ],
    ["/deploy production ../../etc", expect.stringMatching(/^"\.\.\/\.\.\/etc" is not a valid ref;/)],
    ["/deploy production -rf", expect.stringMatching(/^"-rf" is not a valid ref;/)],
    ["/deploy production /abs", expect.stringMatching(/^"\/abs" is not a valid ref;/)],
    ["/deploy production main@{1}", expect.stringMatching(/^"main@\{1\}" is not a valid ref;/)],
    ["/deploy production --yes", 'unknown option "--yes"; the options are --with-migrations, --dry-run, --force — try /deploy production --with-migrations'],
    ["/freeze production", "a freeze needs a reason, shown to whoever it holds up; use /freeze production for 2h release week"],
    [
      "/freeze production for 2 days",
      '"2" is not a freeze duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /freeze production for 2h release week',
    ],
    ["/freeze production for 1h `rm -rf`", expect.stringMatching(/^the freeze reason .* has characters a freeze cannot hold;/)],
    ["/rollback production --with-migrations", 'unknown option "--with-migrations"; the options are --dry-run, --force — try /rollback production --dry-run'],
    ["/promote staging production --now", 'unknown option "--now"; the options are --dry-run, --force — try /promote --dry-run'],
    ["/deploy production main apii", 'unknown app "apii"; this repository has api, frontend, ingestion_server — try /deploy production main api'],
    ["/rollback production v1.1.0", 'missing "to" before "v1.1.0"; use /rollback production to v1.1.0'],
    ["/rollback production to", 'missing tag after "to"; use /rollback production to v1.2.0'],
    ["/rollback production api to a;b", expect.stringMatching(/^"a;b" is not a valid tag; .* — e\.g\. \/rollback production api to v1\.2\.0$/)],
    ["/promote staging staging", "cannot promote staging to itself; name two environments — try /promote staging production"],
    ["/promote staging", "missing environment; this repository has staging, production — try /promote staging production"],
    ["/promote staging prod", 'unknown environment "prod"; this repository has staging, production — try /promote staging production'],
    [
      "/lock production for 2w",
      '"2w" is not a lock duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /lock production for 2h',
    ],
    [
      "/lock production for 90d",
      '"90d" is not a lock duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /lock production for 2h',
    ],
    ["/lock production `rm -rf` now", expect.stringMatching(/^the lock reason "`rm -rf` now" has characters a lock cannot hold;/)],
    ["/unlock production now", "too many arguments for /unlock; use /unlock production"],
    ["/help me", "too many arguments for /help; use /help"],
    ["/status nope", 'unknown app "nope"; this repository has api, frontend, ingestion_server — try /status api'],
  ])("refuses %j with one sentence", (body, message) => {
    expect(parseCommand(body, known)).toEqual({ kind: "error", message });
  });

  it("says there are no apps when the repository has none", () => {
    expect(parseCommand("/status api", single)).toEqual({
      kind: "error",
      message: 'unknown app "api"; this repository has no apps configured, so leave the app out — try /status',
    });
  });

  it("treats an unknown word after /release as a misspelt level when there are no apps", () => {
    expect(parseCommand("/release minro", single)).toEqual({
      kind: "error",
      message: '"minro" is not a release level or version; use major, minor, patch, alpha, beta, rc, final or a version such as 1.2.0 — try /release minor',
    });
  });

  it("asks for environments when the repository has none", () => {
    expect(parseCommand("/deploy production", { environments: [], apps: [] })).toEqual({
      kind: "error",
      message: "this repository has no environments yet; add them under environments in .github/release-pilot.yml.",
    });
  });

  it("explains that promotion needs two environments when there is one", () => {
    expect(parseCommand("/promote dev prod", { environments: ["dev"], apps: [] })).toEqual({
      kind: "error",
      message: "/promote needs two environments and this repository has only dev; use /deploy dev",
    });
  });

  it("takes a missing `to` tag for a rollback in a repository without apps", () => {
    expect(parseCommand("/rollback production main", single)).toEqual({
      kind: "error",
      message: 'missing "to" before "main"; use /rollback production to main',
    });
  });
});

describe("only a command on the comment's first line, outside code, counts", () => {
  it.each([
    ["four spaces: an indented code block", "    /deploy staging"],
    ["a tab: an indented code block", "\t/deploy staging"],
    ["spaces and a tab", "  \t/deploy staging"],
    ["an indented block after blank lines", "\n\n     /lock staging for 2h"],
    ["a fenced block", "```\n/deploy staging\n```"],
    ["a tilde fence", "~~~\n/deploy staging\n~~~"],
    ["a blockquote", "> /deploy staging"],
    ["a nested blockquote", ">> /deploy staging"],
    ["an HTML comment", "<!--\n/deploy staging\n-->"],
    ["an HTML comment on one line", "<!-- /deploy staging -->"],
    ["a command below prose", "see below\n/deploy staging"],
  ])("%s never runs", (_name, body) => {
    expect(parseCommand(body, known)).toBeUndefined();
  });

  it("still reads a command indented by fewer than four spaces, which is prose", () => {
    expect(parseCommand("   /deploy staging", known)).toEqual({ name: "deploy", environment: "staging", withMigrations: false });
  });

  it.each(["-5h", "+5h", "1.5h", "5", "0m", ".5h", "-1d"])("refuses /lock staging for %s with the valid forms, taking no lock", (duration) => {
    expect(parseCommand(`/lock staging for ${duration}`, known)).toEqual({
      kind: "error",
      message: `${JSON.stringify(duration)} is not a lock duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /lock staging for 2h`,
    });
  });

  it("refuses a duration in words rather than keeping it as the reason", () => {
    expect(parseCommand("/lock staging db work for 2 hours", known)).toEqual({
      kind: "error",
      message: '"2 hours" is not a lock duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /lock staging for 2h',
    });
  });

  it("echoes an argument without pinging anyone", () => {
    const parsed = parseCommand("/deploy @org/team", known);
    expect(parsed).toEqual({ kind: "error", message: expect.stringContaining('"@\u200dorg/team"') });
  });
});

describe("parseCommand on any input", () => {
  const word = fc.oneof(
    fc.constantFrom("deploy", "release", "rollback", "promote", "lock", "unlock", "status", "help", "checklist", "deplyo"),
    fc.constantFrom("staging", "production", "prod", "api", "to", "for", "--with-migrations", "2h", "1.2", "v1.2.0", "main"),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 20 }),
  );
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(word, { maxLength: 8 }).map((words) => `/${words.join(" ")}`),
    fc
      .tuple(fc.constantFrom(" ", "\n", "\t", ""), fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(" ", "  ", "\t"))
      .map(([lead, words, gap]) => `${lead}/${words.join(gap)}`),
  );
  const knowns = fc.constantFrom<KnownNames>(known, single, { environments: [], apps: [] }, { environments: ["dev"], apps: ["a"] });

  it("never throws, and every error is one sentence naming the problem and a way forward", () => {
    fc.assert(
      fc.property(body, knowns, (text, names) => {
        const result = parseCommand(text, names);
        if (result === undefined || !("kind" in result)) return;
        const { message } = result;
        expect(message).not.toMatch(/[\r\n]/);
        expect(message.length).toBeLessThanOrEqual(400);
        // The problem comes first, then after a semicolon what to do instead; quoted echoes of
        // the input may hold anything, so they are set aside first.
        const shape = message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
        expect(shape).toMatch(/^[^;]+?; /);
        expect(/[.)]$/.test(message) || /(?:try|use|e\.g\.) \/[a-z]+(?: [^;—]*)?$/.test(message), `ends with a period or a suggested form: ${message}`).toBe(
          true,
        );
      }),
      { numRuns: 10_000 },
    );
  });
});
