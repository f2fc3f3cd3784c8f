// What a slash command means, as data: the handler turns a comment into one of these, and the
// policy for that command turns it into a plan. Every string here passed the strict patterns in
// arguments.ts, because refs, tags, versions, app names and reasons later reach refs, workflow
// inputs and files.

export type ReleaseLevel = "major" | "minor" | "patch" | "alpha" | "beta" | "rc" | "final";

export interface ReleaseCommand {
  readonly name: "release";
  /** A level to bump by; absent when an exact version is given or nothing is. */
  readonly level?: ReleaseLevel;
  /** An exact version, without a leading `v`. */
  readonly version?: string;
  readonly app?: string;
  /** `--dry-run`: answer with what the release would do, write nothing else. */
  readonly dryRun?: boolean;
}

export interface ChecklistCommand {
  readonly name: "checklist";
  readonly version?: string;
  readonly app?: string;
}

export interface DeployCommand {
  readonly name: "deploy";
  readonly environment: string;
  /** A branch, tag, SHA or version; the environment's default source when absent. */
  readonly ref?: string;
  readonly app?: string;
  readonly withMigrations: boolean;
  /** `--dry-run`: answer with what would happen, write nothing else. */
  readonly dryRun?: boolean;
  /** `--force`: past a freeze or outside a window, for an override holder. */
  readonly force?: boolean;
}

export interface RollbackCommand {
  readonly name: "rollback";
  readonly environment: string;
  readonly app?: string;
  /** `to <tag>`: the version to go back to; the one before the current when absent. */
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

export interface PromoteCommand {
  readonly name: "promote";
  readonly from: string;
  readonly to: string;
  readonly app?: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

export interface LockCommand {
  readonly name: "lock";
  readonly environment: string;
  readonly reason?: string;
  /** `for <duration>` in milliseconds; the caller's default when absent. */
  readonly durationMs?: number;
}

export interface UnlockCommand {
  readonly name: "unlock";
  readonly environment: string;
}

/** `/freeze <env> [for <duration>] <reason>`: stop automatic deploys (not people's) for a while. */
export interface FreezeCommand {
  readonly name: "freeze";
  readonly environment: string;
  readonly reason: string;
  readonly durationMs?: number;
}

export interface UnfreezeCommand {
  readonly name: "unfreeze";
  readonly environment: string;
}

export interface StatusCommand {
  readonly name: "status";
  readonly app?: string;
}

/** `/backport <branch>` on a merged pull request: cherry-pick it into that release branch. */
export interface BackportCommand {
  readonly name: "backport";
  readonly branch: string;
}

export interface HelpCommand {
  readonly name: "help";
}

export type ParsedCommand =
  | ReleaseCommand
  | ChecklistCommand
  | DeployCommand
  | RollbackCommand
  | PromoteCommand
  | LockCommand
  | UnlockCommand
  | FreezeCommand
  | UnfreezeCommand
  | StatusCommand
  | BackportCommand
  | HelpCommand;

export type CommandName = ParsedCommand["name"];

/** One sentence naming the problem and the nearest valid form; posted as the bot's answer. */
export interface CommandError {
  readonly kind: "error";
  readonly message: string;
}

/** What this repository has, so arguments can be checked against it. */
export interface KnownNames {
  readonly environments: readonly string[];
  readonly apps: readonly string[];
}

export const COMMAND_NAMES: readonly CommandName[] = [
  "release",
  "checklist",
  "deploy",
  "rollback",
  "promote",
  "lock",
  "unlock",
  "freeze",
  "unfreeze",
  "status",
  "backport",
  "help",
];

/** The usage line of each command, shared by /help and the error sentences. */
export const USAGE: Readonly<Record<CommandName, string>> = {
  release: "/release [major|minor|patch|alpha|beta|rc|final|version] [app] [--dry-run]",
  checklist: "/checklist [X.Y.Z] [app]",
  deploy: "/deploy <env> [ref|tag|version] [app] [--with-migrations] [--dry-run] [--force]",
  rollback: "/rollback <env> [app] [to <tag>] [--dry-run] [--force]",
  promote: "/promote <from> <to> [app] [--dry-run] [--force]",
  lock: "/lock <env> [reason] [for <duration>]",
  unlock: "/unlock <env>",
  freeze: "/freeze <env> [for <duration>] <reason>",
  unfreeze: "/unfreeze <env>",
  status: "/status [app]",
  backport: "/backport <branch>",
  help: "/help",
};

export function isError(value: unknown): value is CommandError {
  return typeof value === "object" && value !== null && "kind" in value && value.kind === "error";
}
