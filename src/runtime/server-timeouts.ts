// How long a client may take to send its request headers, set on the HTTP server Probot starts.
// Node cuts a connection whose headers are not in after `headersTimeout` with 408 (and the whole
// request after `requestTimeout`), but checks only every `connectionsCheckingInterval` (30 s by
// default), and Probot keeps its http.Server to itself
// (https://nodejs.org/api/http.html#serverheaderstimeout). So the next server to listen after the
// runtime starts, which under `probot run` is Probot's own, gets the bounds just before it
// listens; the hook then removes itself.
import { Server } from "node:http";

export interface ServerTimeouts {
  readonly headersTimeoutMs: number;
  /** The intake's own body timeout; Node's whole-request timeout is set a little past both. */
  readonly bodyTimeoutMs: number;
}

export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  // Past headers + body, so the intake's own 408 (with a reason) comes first.
  server.requestTimeout = timeouts.headersTimeoutMs + timeouts.bodyTimeoutMs + 5_000;
  // Checked often enough that a bound of a few seconds holds to within a second. The documented
  // form is createServer's `connectionsCheckingInterval` option; Node reads the same property
  // when the server starts listening, which is why this must run before listen.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    250,
    Math.min(1_000, Math.floor(timeouts.headersTimeoutMs / 2)),
  );
}

/** Applies the timeouts to the next http.Server that listens in this process. Returns an undo. */
export function boundNextServer(timeouts: ServerTimeouts): () => void {
  const prototype = Server.prototype as unknown as { listen: (...args: unknown[]) => unknown };
  const original = prototype.listen;
  const own = Object.hasOwn(prototype, "listen");
  const restore = () => {
    if (prototype.listen !== hooked) return;
    if (own) prototype.listen = original;
    else delete (prototype as { listen?: unknown }).listen;
  };
  const hooked = function (this: Server, ...args: unknown[]): unknown {
    restore();
    applyServerTimeouts(this, timeouts);
    return original.apply(this, args);
  };
  prototype.listen = hooked;
  return restore;
}
