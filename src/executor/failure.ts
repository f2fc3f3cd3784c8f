// A plan that stopped, as data: what GitHub answered the action that failed (status, whether it
// said when to retry, requests left), so policy can decide what the person hears.
import { statusOf } from "../github/client.js";
import type { ActionFailure } from "../policy/effect.js";
import { type ActionFailedError, RefusedError } from "./port.js";

export function failureOf(error: ActionFailedError): ActionFailure {
  const headers = (error.cause as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers ?? {};
  const remaining = headers["x-ratelimit-remaining"];
  return {
    action: error.action,
    status: statusOf(error.cause),
    retryAfter: headers["retry-after"] !== undefined,
    rateLimitRemaining: remaining === undefined ? undefined : String(remaining),
    message: error.cause instanceof Error ? error.cause.message : String(error.cause),
    ...(error.cause instanceof RefusedError ? { refused: true } : {}),
  };
}
