// What the facts file's answers are read against: the file itself, the defaults leaned on so
// far, and the event's own settings (its time, its repository's default branch, its config).
import type { LoadedConfig } from "../config.js";
import type { RepoRef } from "../../policy/plan.js";
import type { Assumptions, PlanFacts } from "./schema.js";

export interface JsonWorld {
  readonly facts: PlanFacts;
  readonly assumed: Assumptions;
  readonly config: LoadedConfig;
  readonly defaultBranch: string;
  /** The event's repository, for the addresses GitHub would answer. */
  readonly repo: RepoRef;
  /** The permission a person has when the file gives none: a command's needed one, else write. */
  readonly permissionFallback: string;
  /** The --config file's text, what `.github/release-pilot.yml` holds when `files` does not say. */
  readonly configText?: string;
  /** The event's payload: a default may be what the event itself says (the check run that finished). */
  readonly event?: Readonly<Record<string, unknown>>;
}

export const FULL_SHA = /^[0-9a-f]{40}$/i;
