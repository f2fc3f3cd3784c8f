// Counts every GitHub API call a handler makes, for /metrics. Probot builds a new Octokit for
// each handler of each event, so each is hooked as the handler starts (countApiCalls), and the
// counts go to the one sink the runtime set; without a runtime (tests, Actions mode) nothing is
// hooked.
import type { GitHub } from "../github/client.js";

export type ApiCallSink = (method: string, status: number, rateLimitRemaining: number | undefined) => void;

let sink: ApiCallSink | undefined;
const hooked = new WeakSet<object>();

export function setApiCallSink(next: ApiCallSink | undefined): void {
  sink = next;
}

function remainingOf(headers: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const value = Number(headers?.["x-ratelimit-remaining"]);
  return Number.isFinite(value) && headers?.["x-ratelimit-remaining"] !== undefined ? value : undefined;
}

export function countApiCalls(octokit: GitHub): void {
  if (sink === undefined || hooked.has(octokit)) return;
  hooked.add(octokit);
  octokit.hook.after("request", (response, options) => {
    sink?.(options.method, response.status, remainingOf(response.headers as Record<string, unknown>));
  });
  octokit.hook.error("request", (error, options) => {
    const failed = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
    sink?.(options.method, typeof failed.status === "number" ? failed.status : 0, remainingOf(failed.response?.headers));
    throw error;
  });
}
