// A job that ended failed must reach a person: the log gets it with its delivery id, and when
// the event came from an issue or pull request, that thread gets one comment saying what failed
// and how to run it again. One failure is one comment: for a command, the report is written into
// the bot's reply to that command (the comment the command's handler already answered in, found
// by the same key), and for any other event into one comment per delivery, so a retried job that
// fails again edits its report instead of adding another.
import { reply } from "../policy/command-intake.js";
import { codeBlock } from "../policy/markdown/inert.js";
import type { Comment } from "../policy/plan.js";
import type { Job } from "./queue/index.js";

/** Writes one comment action through the executor (found by its key, edited when it exists). */
export interface CommentPort {
  writeComment(action: Comment): Promise<unknown>;
}

export interface FailureLogger {
  error(obj: object, msg: string): void;
}

export interface ReportFailureOptions {
  readonly log: FailureLogger;
  /** The installation's Octokit (`app.auth(installationId)`). */
  readonly octokitFor: (installationId: number) => Promise<CommentPort>;
}

export interface Thread {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/** Longest error text quoted in a comment: enough to act on, short enough to read. */
const MAX_MESSAGE = 500;

export function reportFailure(options: ReportFailureOptions) {
  return async (job: Job, error: unknown): Promise<void> => {
    const message = job.lastError ?? (error instanceof Error ? error.message : String(error));
    options.log.error({ delivery: job.id, event: job.name, repo: job.repoKey, attempts: job.attempts, error: message }, "job failed");
    const thread = threadOf(job.payload);
    if (!thread) return;
    try {
      const octokit = await options.octokitFor(thread.installationId);
      await octokit.writeComment(failureReport(job, message, thread));
    } catch (commentError) {
      // The log line above already carries the failure; this one says the person was not told.
      options.log.error(
        { delivery: job.id, error: commentError instanceof Error ? commentError.message : String(commentError) },
        "could not report the failed job on its thread",
      );
    }
  };
}

export function failureComment(job: Job, message: string): string {
  const what = job.name === "issue_comment" ? "your command" : `this \`${job.name}\` event`;
  const quoted = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
  return [
    `Release Pilot could not finish ${what} after ${job.attempts} ${job.attempts === 1 ? "attempt" : "attempts"}:`,
    "",
    codeBlock(quoted),
    "",
    `Once the cause is fixed, \`release-pilot jobs retry ${job.id}\` runs it again (delivery \`${job.id}\`).`,
  ].join("\n");
}

/**
 * The one comment that reports the failed job: the reply to the command (key `reply:<comment
 * id>`, as src/policy/command-intake.ts writes it) for a command, else one per delivery.
 */
export function failureReport(job: Job, message: string, thread: Thread): Comment {
  const text = failureComment(job, message);
  const repo = { owner: thread.owner, repo: thread.repo };
  const commentId = numberAt(job.payload, "comment", "id");
  const author = stringAt(job.payload, "comment", "user", "login") ?? stringAt(job.payload, "sender", "login");
  if (job.name === "issue_comment" && commentId !== undefined && author !== undefined) {
    return reply({ repo, issueNumber: thread.number, commentId, author }, text);
  }
  return { kind: "comment", key: `job-failed:${job.id}`, repo, issueNumber: thread.number, body: text, editable: true };
}

/** The issue or pull request an event belongs to, for the events that have one. */
export function threadOf(payload: unknown): Thread | undefined {
  const installationId = numberAt(payload, "installation", "id");
  const owner = stringAt(payload, "repository", "owner", "login");
  const repo = stringAt(payload, "repository", "name");
  const number = numberAt(payload, "issue", "number") ?? numberAt(payload, "pull_request", "number");
  if (installationId === undefined || owner === undefined || repo === undefined || number === undefined) return undefined;
  return { installationId, owner, repo, number };
}

function at(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || !(key in current)) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

function numberAt(value: unknown, ...keys: string[]): number | undefined {
  const found = at(value, keys);
  return typeof found === "number" ? found : undefined;
}

function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = at(value, keys);
  return typeof found === "string" ? found : undefined;
}
