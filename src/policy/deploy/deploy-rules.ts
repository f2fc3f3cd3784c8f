// Who may deploy an environment, whose approvals count, and who may force a deploy past a freeze
// or outside a window: people named by login or through a team (`org/team`), read through
// GitHub's team membership. The repository permission (commands.permission) stays the floor: the
// intake refused anyone below it before these run.
import { ask, type Decision } from "../ask.js";
import { permissionAtLeast } from "../commands/permission.js";
import type { EnvironmentConfig } from "../config/index.js";
import { mention } from "../markdown/inert.js";
import { closedAt, closedText } from "./deploy-window.js";
import type { ApprovalFact } from "./gates.js";

function isTeam(entry: string): boolean {
  return entry.includes("/");
}

/** Whether the person is in the list, by login (no read) or else through a team, asked in order until one says yes. */
export function* isListed(list: readonly string[], login: string): Decision<boolean> {
  const lower = login.toLowerCase();
  if (list.some((entry) => !isTeam(entry) && entry.toLowerCase() === lower)) return true;
  for (const team of list.filter(isTeam)) if (yield* ask("teamMember", { team, login })) return true;
  return false;
}

/** The list as a person reads it: plain logins (a mention would ping everyone refused), teams by slug. */
export function listText(list: readonly string[]): string {
  return list.join(", ");
}

/** The refusal when the requester is not among the environment's deployers; undefined when they may deploy. */
export function* deployerRefusal(env: EnvironmentConfig, requester: string): Decision<string | undefined> {
  const { deployers } = env.rules;
  if (deployers.length === 0 || (yield* isListed(deployers, requester))) return undefined;
  return `${requester} may not deploy to ${env.name}; its deployers are ${listText(deployers)}: ask one of them to deploy it (or to add you to environments.${env.name}.deployers).`;
}

/** The approvals that count: all of them, or only the approvers' when the environment names approvers. */
export function* countedApprovals(env: EnvironmentConfig, approvals: readonly ApprovalFact[]): Decision<ApprovalFact[]> {
  const { approvers } = env.rules;
  if (approvers.length === 0) return [...approvals];
  const counted: ApprovalFact[] = [];
  const seen = new Map<string, boolean>();
  for (const approval of approvals) {
    const login = approval.login.toLowerCase();
    let listed = seen.get(login);
    if (listed === undefined) {
      listed = yield* isListed(approvers, approval.login);
      seen.set(login, listed);
    }
    if (listed) counted.push(approval);
  }
  return counted;
}

/** Who may force past a freeze or window, as a refusal names them. */
function overrideText(env: EnvironmentConfig): string {
  return env.rules.override.length === 0 ? "a repository admin" : `one of ${listText(env.rules.override)}`;
}

/** Whether the person may --force: listed in override, or with no list a repository admin. */
function* mayOverride(env: EnvironmentConfig, requester: string): Decision<boolean> {
  if (env.rules.override.length > 0) return yield* isListed(env.rules.override, requester);
  return permissionAtLeast(yield* ask("permission", { login: requester }), "admin");
}

export type TimeDecision = { readonly refusal: string } | { readonly warnings: readonly string[] };

/**
 * A manual deploy during a freeze or outside a window: refused with the reason, unless typed with
 * --force by someone who may override; then it goes ahead and the reply says what it forced.
 */
export function* manualTimeGate(env: EnvironmentConfig, requester: string, now: string, force: boolean, command: string): Decision<TimeDecision> {
  const closed = closedAt(env.rules, now);
  if (closed === undefined) return { warnings: [] };
  const why = closedText(env.name, env.rules, closed);
  if (!force) return { refusal: `${why}; ${overrideText(env)} may deploy anyway with ${command} --force.` };
  if (!(yield* mayOverride(env, requester))) {
    return { refusal: `${why}, and only ${overrideText(env)} may force a deploy past that; ask them to type ${command} --force.` };
  }
  return { warnings: [`Forced by ${mention(requester)}: ${why}.`] };
}
