// Which handler failures are worth another run of the job. The queue retries only errors marked
// retryable, so this is where "GitHub was briefly unwell" is told apart from "this cannot work".
import { TransientError } from "./queue/index.js";

/** How deep to follow `cause`/`errors`/`failures`: a loop of causes must not hang a worker. */
const MAX_DEPTH = 8;

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

interface Verdict {
  readonly transient: boolean;
  readonly retryAfterMs?: number | undefined;
}

/**
 * The error to hand the queue: a `TransientError` (with the wait GitHub asked for) when any
 * failure inside it is transient, else the error unchanged, which the queue treats as final.
 * A job that ran several features fails as a whole, so one transient failure among permanent
 * ones still earns a retry: the features that did their work find it done and write nothing.
 */
export function classifyError(error: unknown, now: number): unknown {
  if (error instanceof TransientError) return error;
  const verdict = judge(error, now, 0);
  if (!verdict.transient) return error;
  const message = error instanceof Error ? error.message || error.name : String(error);
  return new TransientError(message, {
    cause: error,
    ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
  });
}

function judge(error: unknown, now: number, depth: number): Verdict {
  if (typeof error !== "object" || error === null || depth > MAX_DEPTH) return { transient: false };
  const own = judgeOne(error, now);
  if (own.transient) return own;
  // Wrappers: AggregateError from @octokit/webhooks (one per failed handler),
  // FeaturesFailedError (one per failed feature), ActionFailedError and others via `cause`.
  const inner = [...listOf(error, "errors"), ...listOf(error, "failures").map((f) => field(f, "error")), field(error, "cause")];
  let found: Verdict = { transient: false };
  for (const child of inner) {
    const verdict = judge(child, now, depth + 1);
    if (verdict.transient) found = { transient: true, retryAfterMs: later(found.retryAfterMs, verdict.retryAfterMs) };
  }
  return found;
}

function judgeOne(error: object, now: number): Verdict {
  if (field(error, "retryable") === true) {
    const after = field(error, "retryAfterMs");
    return { transient: true, retryAfterMs: typeof after === "number" ? after : undefined };
  }
  const status = field(error, "status");
  const headers = headersOf(error);
  if (typeof status === "number") {
    if (status >= 500) return { transient: true, retryAfterMs: waitFromHeaders(headers, now) };
    // A secondary rate limit answers 403 or 429, sometimes without `retry-after`; GitHub's docs
    // ("Rate limits for the REST API", Exceeding the rate limit,
    // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api) say: wait as
    // `retry-after` says, or until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, and
    // otherwise "wait for at least one minute before retrying". Its body says "secondary rate
    // limit"; a 403 that is neither is a missing permission, which no retry fixes.
    const rateLimited = headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0" || isSecondaryRateLimit(error);
    if (status === 429 || (status === 403 && rateLimited)) {
      return { transient: true, retryAfterMs: waitFromHeaders(headers, now) ?? SECONDARY_RATE_LIMIT_WAIT_MS };
    }
    return { transient: false };
  }
  const code = field(error, "code");
  if (typeof code === "string" && NETWORK_CODES.has(code)) return { transient: true };
  const name = field(error, "name");
  if (name === "AbortError" || name === "TimeoutError") return { transient: true };
  // fetch reports a dropped connection as `TypeError: fetch failed` with the reason in `cause`,
  // which the caller's walk reaches.
  return { transient: false };
}

/** GitHub's floor when a secondary rate limit names no wait. */
export const SECONDARY_RATE_LIMIT_WAIT_MS = 60_000;

/** The message GitHub's secondary rate limit answers with ("You have exceeded a secondary rate limit..."). */
function isSecondaryRateLimit(error: object): boolean {
  const data = field(field(error, "response"), "data");
  const message = field(data, "message") ?? field(error, "message");
  return typeof message === "string" && /secondary rate limit/i.test(message);
}

function waitFromHeaders(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

/** Octokit's RequestError keeps the answer's headers under `response.headers`. */
function headersOf(error: object): Readonly<Record<string, string>> {
  const raw = field(field(error, "response"), "headers");
  if (typeof raw !== "object" || raw === null) return {};
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
  }
  return headers;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined;
}

function listOf(value: unknown, key: string): readonly unknown[] {
  const list = field(value, key);
  return Array.isArray(list) ? list : [];
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
