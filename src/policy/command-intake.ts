// Whether a comment is a command the bot obeys, decided from facts gathered by the handler:
// the parsed command, the commenter's permission (read from the API at processing time, never
// from the payload), and the config's state. Every refusal reaches the person as a reply.
import { permissionAtLeast, type Permission } from "./commands/permission.js";
import { isError, type CommandError, type ParsedCommand } from "./commands/types.js";
import { nothing, type Action, type Comment, type Plan, type RepoRef } from "./plan.js";
import { mention } from "./markdown/inert.js";

export interface CommentFacts {
  readonly repo: RepoRef;
  readonly issueNumber: number;
  readonly commentId: number;
  readonly author: string;
  readonly authorIsBot: boolean;
  readonly parsed: ParsedCommand | CommandError | undefined;
  /** The commenter's repository permission from the collaborator API; undefined when not asked yet. */
  readonly permission: string | undefined;
  readonly needed: Permission;
  /** The config's problem in one message, when it is broken; commands are answered with it. */
  readonly configError?: string;
}

export type Intake =
  | { readonly kind: "ignore"; readonly plan: Plan }
  | { readonly kind: "need-permission" }
  | { readonly kind: "answer"; readonly plan: Plan }
  | { readonly kind: "run"; readonly command: ParsedCommand; readonly acknowledge: readonly Action[] };

export function replyKey(facts: Pick<CommentFacts, "commentId">): string {
  return `reply:${facts.commentId}`;
}

/** The bot's one answer to a command comment, edited as work goes on. */
export function reply(facts: Pick<CommentFacts, "repo" | "issueNumber" | "commentId" | "author">, text: string): Comment {
  return {
    kind: "comment",
    key: replyKey(facts),
    repo: facts.repo,
    issueNumber: facts.issueNumber,
    body: `${mention(facts.author)} ${text}`,
    editable: true,
  };
}

function eyes(facts: CommentFacts): Action {
  return { kind: "react", key: `eyes:${facts.commentId}`, repo: facts.repo, commentId: facts.commentId, content: "eyes" };
}

export function takeCommand(facts: CommentFacts): Intake {
  const { parsed } = facts;
  if (parsed === undefined) return { kind: "ignore", plan: nothing("event-not-relevant", "The comment is not a command.") };
  // Bots (this one included) never drive the bot: no loops, no commands smuggled through integrations.
  if (facts.authorIsBot) return { kind: "ignore", plan: nothing("not-permitted", `Comments by bots (${facts.author}) are not obeyed.`) };
  if (facts.permission === undefined) return { kind: "need-permission" };
  if (!permissionAtLeast(facts.permission, facts.needed)) {
    const text = `sorry, only people with ${facts.needed} access to this repository can run commands; you have ${facts.permission}.`;
    return { kind: "answer", plan: { reason: "not-permitted", summary: text, actions: [reply(facts, text)] } };
  }
  if (facts.configError !== undefined) {
    const text = `I can't run commands until .github/release-pilot.yml is fixed:\n\n${facts.configError}`;
    return { kind: "answer", plan: { reason: "config-invalid", summary: "The config is invalid.", actions: [eyes(facts), reply(facts, text)] } };
  }
  if (isError(parsed)) {
    return { kind: "answer", plan: { reason: "bad-command", summary: parsed.message, actions: [eyes(facts), reply(facts, parsed.message)] } };
  }
  return { kind: "run", command: parsed, acknowledge: [eyes(facts)] };
}
