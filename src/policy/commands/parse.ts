// Slash commands, parsed into data, like github/branch-deploy's analyzeIssueCommand: pure, and
// the reply, the reaction and the work are actions planned elsewhere. Only the first non-blank
// line of a comment is the command, so people may explain themselves on the lines below it.

import { lockDuration } from "../deploy/lock.js";
import {
  appOrError,
  environmentOrError,
  fail,
  findName,
  isSafeReason,
  isSafeRef,
  isReleaseVersion,
  isVersion,
  looksLikeVersion,
  nearest,
  quote,
  stripV,
  unknownApp,
} from "./arguments.js";
import { COMMAND_NAMES, USAGE, isError, type CommandError, type CommandName, type KnownNames, type ParsedCommand, type ReleaseLevel } from "./types.js";

const LEVELS: readonly ReleaseLevel[] = ["major", "minor", "patch", "alpha", "beta", "rc", "final"];
/** Longer first lines are not commands anyone typed; refusing them bounds the work. */
const MAX_LINE = 1000;

type Result = ParsedCommand | CommandError;

export function parseCommand(body: string, known: KnownNames): ParsedCommand | undefined | CommandError {
  const line = commandLine(body);
  if (line === undefined) return undefined;
  const [head = "", ...args] = line.split(/\s+/);
  // `/usr/bin/env is broken` or `// TODO` are prose, not typos of a command.
  if (!/^\/[A-Za-z][A-Za-z0-9_-]*$/.test(head)) return undefined;
  const word = head.slice(1).toLowerCase();
  const name = COMMAND_NAMES.find((candidate) => candidate === word);
  if (name === undefined) return unknownCommand(word);
  if (line.length > MAX_LINE) return fail(`the /${name} command is too long; use ${USAGE[name]}`);
  switch (name) {
    case "release":
      return parseRelease(args, known);
    case "checklist":
      return parseChecklist(args, known);
    case "deploy":
      return parseDeploy(args, known);
    case "rollback":
      return parseRollback(args, known);
    case "promote":
      return parsePromote(args, known);
    case "lock":
      return parseLock(args, known);
    case "unlock":
      return parseUnlock(args, known);
    case "freeze":
      return parseFreeze(args, known);
    case "unfreeze": {
      const environment = environmentOrError(known, args[0], (env) => `/unfreeze ${env}`);
      if (isError(environment)) return environment;
      return args.length > 1 ? fail(`too many arguments for /unfreeze; use /unfreeze ${environment}`) : { name: "unfreeze", environment };
    }
    case "status":
      return parseStatus(args, known);
    case "backport":
      return parseBackport(args);
    case "help":
      return args.length === 0 ? { name: "help" } : tooMany("help");
  }
}

/**
 * The comment's first line when it is a command as people see it: prose, not code. A line
 * indented by a tab or four spaces is an indented code block, and a fence (```), a quote (`>`)
 * or an HTML comment (`<!--`) does not start with `/`, so a command shown or quoted in any of
 * them never runs (CommonMark: https://spec.commonmark.org/0.31.2/#indented-code-blocks).
 */
/** The comment's command line as the parser reads it: its first non-blank line, not indented as code. */
export function commandLine(body: string): string | undefined {
  const first = body.split(/\r?\n|\r/).find((candidate) => candidate.trim() !== "");
  if (first === undefined) return undefined;
  const indent = /^[ \t]*/.exec(first)?.[0] ?? "";
  if (indent.includes("\t") || indent.length >= 4) return undefined;
  const line = first.trim();
  return line.startsWith("/") ? line : undefined;
}

/** Words joined with single spaces, leaving out the absent ones. */
function form(...parts: readonly (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part !== "").join(" ");
}

function unknownCommand(word: string): CommandError {
  const shown = word.length > 30 ? `${word.slice(0, 27)}...` : word;
  const guess = nearest(COMMAND_NAMES, word);
  return guess === undefined
    ? fail(`unknown command /${shown}; type /help for the list of commands.`)
    : fail(`unknown command /${shown}; did you mean /${guess}? (type /help for the list)`);
}

function tooMany(name: CommandName): CommandError {
  return fail(`too many arguments for /${name}; use ${USAGE[name]}`);
}

/** `1.2` → `1.2.0`, so the suggestion is the version the person most likely meant. */
function versionExample(token: string): string {
  const parts = stripV(token).split(".");
  if (parts.length > 0 && parts.length < 3 && parts.every((part) => /^\d{1,9}$/.test(part))) {
    return [...parts, "0", "0"].slice(0, 3).join(".");
  }
  return "1.2.0";
}

function notAVersion(command: "release" | "checklist", token: string): CommandError {
  return fail(`${quote(token)} is not a version; use X.Y.Z, e.g. /${command} ${versionExample(token)}`);
}

/** The optional leading version (or level) of /release and /checklist, then an optional app. */
function parseVersionAndApp(
  command: "release" | "checklist",
  args: readonly string[],
  known: KnownNames,
): { level?: ReleaseLevel; version?: string; app?: string } | CommandError {
  const [first, second, ...rest] = args;
  if (rest.length > 0) return tooMany(command);
  let level: ReleaseLevel | undefined;
  let version: string | undefined;
  let appToken: string | undefined = second;
  if (first !== undefined) {
    const asLevel = command === "release" ? LEVELS.find((candidate) => candidate === first.toLowerCase()) : undefined;
    if (asLevel !== undefined) level = asLevel;
    else if (command === "release" ? isReleaseVersion(first) : isVersion(first)) version = stripV(first);
    else if (looksLikeVersion(first)) return notAVersion(command, first);
    else if (second === undefined && findName(known.apps, first) !== undefined) appToken = first;
    // `/release api minor`: the right words in the wrong order.
    else if (findName(known.apps, first) !== undefined) return appGoesLast(command, second ?? "", findName(known.apps, first));
    else return badFirstArgument(command, first, known);
  }
  if (appToken === undefined) return { ...(level && { level }), ...(version && { version }) };
  const app = appOrError(known, appToken, (candidate) => form(`/${command}`, first === appToken ? undefined : first, candidate));
  if (isError(app)) return app;
  return { ...(level && { level }), ...(version && { version }), app };
}

function appGoesLast(command: "release" | "checklist", second: string, app: string | undefined): CommandError {
  // Echo the other word only when it is a valid level or version, never unchecked text.
  const valid =
    (command === "release" ? isReleaseVersion(second) : isVersion(second)) || (command === "release" && LEVELS.some((level) => level === second.toLowerCase()));
  const other = valid ? second : command === "release" ? "patch" : "1.2.0";
  return fail(`the app goes last; use ${form(`/${command}`, other, app)}`);
}

function badFirstArgument(command: "release" | "checklist", token: string, known: KnownNames): CommandError {
  // With apps configured a stray word is most likely a misspelt app; without, a misspelt level.
  if (known.apps.length > 0 && (command === "checklist" || nearest(LEVELS, token) === undefined)) {
    return unknownApp(known, token, (candidate) => form(`/${command}`, candidate));
  }
  if (command === "checklist") return notAVersion(command, token);
  const level = nearest(LEVELS, token) ?? "patch";
  return fail(
    `${quote(token)} is not a release level or version; use major, minor, patch, alpha, beta, rc, final or a version such as 1.2.0 — try /release ${level}`,
  );
}

function parseRelease(all: readonly string[], known: KnownNames): Result {
  const flags = options(all, ["--dry-run"], "/release");
  if (isError(flags)) return flags;
  const parsed = parseVersionAndApp("release", flags.positional, known);
  return isError(parsed) ? parsed : { name: "release", ...parsed, ...(flags.flags.has("--dry-run") && { dryRun: true }) };
}

function parseChecklist(args: readonly string[], known: KnownNames): Result {
  const parsed = parseVersionAndApp("checklist", args, known);
  if (isError(parsed)) return parsed;
  return { name: "checklist", ...(parsed.version && { version: parsed.version }), ...(parsed.app && { app: parsed.app }) };
}

/** Editors that "smarten" punctuation turn `--` into an em or en dash; those read as the flag too. */
function isFlag(arg: string): boolean {
  return arg.startsWith("--") || arg.startsWith("—") || arg.startsWith("–");
}

/** The options after a command's words, each one of `allowed`; or the sentence naming the unknown one. */
function options(
  args: readonly string[],
  allowed: readonly string[],
  example: string,
): { readonly positional: readonly string[]; readonly flags: ReadonlySet<string> } | CommandError {
  const flags = new Set<string>();
  for (const raw of args.filter(isFlag)) {
    const flag = raw.replace(/^(?:—|–-?)/, "--").toLowerCase();
    if (!allowed.includes(flag)) return fail(`unknown option ${quote(raw)}; the options are ${allowed.join(", ")} — try ${example} ${allowed[0] ?? ""}`.trim());
    flags.add(flag);
  }
  return { positional: args.filter((arg) => !isFlag(arg)), flags };
}

/** `--dry-run` and `--force` as the command's fields, present only when typed. */
function runFlags(flags: ReadonlySet<string>): { dryRun?: true; force?: true } {
  return { ...(flags.has("--dry-run") && { dryRun: true as const }), ...(flags.has("--force") && { force: true as const }) };
}

function parseDeploy(args: readonly string[], known: KnownNames): Result {
  const environment = environmentOrError(known, args.filter((arg) => !isFlag(arg))[0], (env) => `/deploy ${env}`);
  if (isError(environment)) return environment;
  const parsed = options(args, ["--with-migrations", "--dry-run", "--force"], `/deploy ${environment}`);
  if (isError(parsed)) return parsed;
  const { positional, flags } = parsed;
  const withMigrations = flags.has("--with-migrations");
  const run = runFlags(flags);
  const [, first, second, ...rest] = positional;
  if (rest.length > 0) return tooMany("deploy");
  // A lone word that names an app is the app; anything else in that place is what to deploy.
  const lone = first !== undefined && second === undefined ? findName(known.apps, first) : undefined;
  if (lone !== undefined) return { name: "deploy", environment, app: lone, withMigrations, ...run };
  if (first !== undefined && !isSafeRef(first)) {
    return fail(
      `${quote(first)} is not a valid ref; use a branch, tag, SHA or version made of letters, digits and . _ / - — e.g. /deploy ${environment} v1.2.0`,
    );
  }
  const ref = first;
  if (second === undefined) return { name: "deploy", environment, ...(ref && { ref }), withMigrations, ...run };
  const app = appOrError(known, second, (candidate) => form("/deploy", environment, first, candidate));
  if (isError(app)) return app;
  return { name: "deploy", environment, ...(ref && { ref }), app, withMigrations, ...run };
}

function parseRollback(all: readonly string[], known: KnownNames): Result {
  const environment = environmentOrError(known, all.filter((arg) => !isFlag(arg))[0], (env) => `/rollback ${env}`);
  if (isError(environment)) return environment;
  const parsed = options(all, ["--dry-run", "--force"], `/rollback ${environment}`);
  if (isError(parsed)) return parsed;
  const args = parsed.positional;
  const run = runFlags(parsed.flags);
  const rest = args.slice(1);
  const toAt = rest.findIndex((arg) => arg.toLowerCase() === "to");
  const before = toAt < 0 ? rest : rest.slice(0, toAt);
  const after = toAt < 0 ? [] : rest.slice(toAt + 1);
  if (before.length > 1 || after.length > 1) return tooMany("rollback");
  const [appToken] = before;
  let app: string | undefined;
  if (appToken !== undefined) {
    app = findName(known.apps, appToken);
    // `/rollback production v1.2.0` is a rollback to a tag that forgot its `to`.
    if (app === undefined && (known.apps.length === 0 || looksLikeVersion(appToken)) && isSafeRef(appToken)) {
      return fail(`missing "to" before ${quote(appToken)}; use /rollback ${environment} to ${appToken}`);
    }
    if (app === undefined) return unknownApp(known, appToken, (candidate) => form("/rollback", environment, candidate));
  }
  if (toAt < 0) return { name: "rollback", environment, ...(app && { app }), ...run };
  const [tag] = after;
  if (tag === undefined) return fail(`missing tag after "to"; use /rollback ${form(environment, app)} to v1.2.0`);
  if (!isSafeRef(tag)) {
    return fail(`${quote(tag)} is not a valid tag; use letters, digits and . _ / - — e.g. /rollback ${form(environment, app)} to v1.2.0`);
  }
  return { name: "rollback", environment, ...(app && { app }), to: tag, ...run };
}

function parsePromote(all: readonly string[], known: KnownNames): Result {
  const parsed = options(all, ["--dry-run", "--force"], "/promote");
  if (isError(parsed)) return parsed;
  const run = runFlags(parsed.flags);
  const [fromToken, toToken, appToken, ...rest] = parsed.positional;
  if (rest.length > 0) return tooMany("promote");
  const [only] = known.environments;
  if (known.environments.length === 1 && only !== undefined) {
    return fail(`/promote needs two environments and this repository has only ${only}; use /deploy ${only}`);
  }
  const last = known.environments[known.environments.length - 1] ?? "";
  const first = known.environments[0] ?? "";
  const from = environmentOrError(known, fromToken, (env) => `/promote ${env} ${env === last ? first : last}`);
  if (isError(from)) return from;
  const other = known.environments.find((env) => env !== from) ?? from;
  const to = environmentOrError(known, toToken, (env) => `/promote ${from} ${env === from ? other : env}`);
  if (isError(to)) return to;
  if (to === from) return fail(`cannot promote ${from} to itself; name two environments — try /promote ${from} ${other}`);
  if (appToken === undefined) return { name: "promote", from, to, ...run };
  const app = appOrError(known, appToken, (candidate) => form("/promote", from, to, candidate));
  return isError(app) ? app : { name: "promote", from, to, app, ...run };
}

function parseLock(args: readonly string[], known: KnownNames): Result {
  const environment = environmentOrError(known, args[0], (env) => `/lock ${env}`);
  if (isError(environment)) return environment;
  let words = args.slice(1);
  let durationMs: number | undefined;
  const last = words[words.length - 1];
  const forAt = words.length - 2;
  // `for 2h` ends the reason only when it looks like a duration: "waiting for alice" is a reason,
  // but `for -5h`, `for 1.5h` or `for 5` are durations written wrong, never part of a reason.
  if (forAt >= 0 && words[forAt]?.toLowerCase() === "for" && last !== undefined && /^[-+]?[.,]?\d/.test(last)) {
    durationMs = lockDuration(last);
    if (durationMs === undefined) return badDuration(last, environment);
    words = words.slice(0, -2);
  } else if (
    forAt >= 1 &&
    words[forAt - 1]?.toLowerCase() === "for" &&
    /^[-+]?\d/.test(words[forAt] ?? "") &&
    last !== undefined &&
    /^(?:min(?:ute)?s?|hours?|hrs?|days?)$/i.test(last)
  ) {
    // `for 2 hours`: the person meant a duration; say how to write it rather than keep it as a reason.
    return badDuration(`${words[forAt] ?? ""} ${last}`, environment);
  }
  const reason = words.join(" ");
  if (reason !== "" && !isSafeReason(reason)) {
    return fail(
      `the lock reason ${quote(reason)} has characters a lock cannot hold; use letters, digits, spaces and . , : ! ? ' ( ) # / _ + = % @ - — e.g. /lock ${environment} release freeze for 2h`,
    );
  }
  return { name: "lock", environment, ...(reason !== "" && { reason }), ...(durationMs !== undefined && { durationMs }) };
}

function badDuration(text: string, environment: string): CommandError {
  return fail(
    `${quote(text)} is not a lock duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /lock ${environment} for 2h`,
  );
}

/** `/freeze <env> [for <duration>] <reason>`: the duration right after the environment, then the reason. */
function parseFreeze(args: readonly string[], known: KnownNames): Result {
  const environment = environmentOrError(known, args[0], (env) => `/freeze ${env} for 2h release week`);
  if (isError(environment)) return environment;
  let words = args.slice(1);
  let durationMs: number | undefined;
  if (words[0]?.toLowerCase() === "for" && words[1] !== undefined && /^[-+]?[.,]?\d/.test(words[1])) {
    durationMs = lockDuration(words[1]);
    if (durationMs === undefined) {
      return fail(
        `${quote(words[1])} is not a freeze duration; use a whole number of minutes, hours or days up to 30d, such as 30m, 2h or 1d — e.g. /freeze ${environment} for 2h release week`,
      );
    }
    words = words.slice(2);
  }
  const reason = words.join(" ");
  if (reason === "") return fail(`a freeze needs a reason, shown to whoever it holds up; use /freeze ${environment} for 2h release week`);
  if (!isSafeReason(reason)) {
    return fail(
      `the freeze reason ${quote(reason)} has characters a freeze cannot hold; use letters, digits, spaces and . , : ! ? ' ( ) # / _ + = % @ - — e.g. /freeze ${environment} for 2h release week`,
    );
  }
  return { name: "freeze", environment, reason, ...(durationMs !== undefined && { durationMs }) };
}

function parseUnlock(args: readonly string[], known: KnownNames): Result {
  const environment = environmentOrError(known, args[0], (env) => `/unlock ${env}`);
  if (isError(environment)) return environment;
  return args.length > 1 ? fail(`too many arguments for /unlock; use /unlock ${environment}`) : { name: "unlock", environment };
}

/** The branch is checked against the release-branch name later, where the config is known. */
function parseBackport(args: readonly string[]): Result {
  const [branch, ...rest] = args;
  if (branch === undefined) return fail(`name the release branch to backport to; use ${USAGE.backport}, e.g. /backport release-1.4`);
  if (rest.length > 0) return tooMany("backport");
  if (!isSafeRef(branch)) return fail(`${quote(branch)} is not a branch name; use ${USAGE.backport}, e.g. /backport release-1.4`);
  return { name: "backport", branch };
}

function parseStatus(args: readonly string[], known: KnownNames): Result {
  const [appToken, ...rest] = args;
  if (rest.length > 0) return tooMany("status");
  if (appToken === undefined) return { name: "status" };
  const app = appOrError(known, appToken, (candidate) => form("/status", candidate));
  return isError(app) ? app : { name: "status", app };
}
