// The webhook route: check, store, answer 202. Nothing of the event's work happens here, because
// GitHub gives up after 10 s and never retries on its own; once the job is stored the event
// survives a crash and the workers do the work at their pace.
//
// Anyone can POST here, and the signature can only be checked once the whole body is in, so
// what an unauthenticated sender can make the process hold is bounded (item 10 of #12): bodies
// held at once are capped in bytes (503 beyond, before reading), each body must arrive within a
// time (408), and a sender that hangs up is logged at info, not error.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "./queue/index.js";

/**
 * GitHub caps webhook payloads at 25 MB and does not deliver larger ones
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap), so anything
 * larger is not from GitHub.
 */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** Bodies held at once, across requests: four full-size payloads. */
export const MAX_BYTES_IN_FLIGHT = 4 * MAX_BODY_BYTES;
/** GitHub itself gives a delivery 10 s; a body still arriving after 20 s is not worth waiting for. */
export const BODY_TIMEOUT_MS = 20_000;

export interface IntakeLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface IntakeOptions {
  readonly queue: Pick<JobQueue, "enqueue">;
  /** Checks `x-hub-signature-256` against the raw body with the webhook secret. */
  readonly verify: (body: string, signature: string) => Promise<boolean>;
  readonly log: IntakeLogger;
  /** Where webhooks are posted (Probot's route); `/` is taken too, see WEBHOOK_PATHS. */
  readonly path?: string;
  readonly maxBodyBytes?: number;
  /** Bytes of request bodies held at once; a request that would pass it is answered 503. */
  readonly maxBytesInFlight?: number;
  /** How long a body may take to arrive once the headers are in; 408 after. */
  readonly bodyTimeoutMs?: number;
  /** Told of each event stored for the first time (metrics). */
  readonly onAccepted?: (name: string) => void;
  /** False while shutting down: new events are refused so GitHub records a failure to redeliver. */
  readonly accepting?: () => boolean;
}

type Reply = readonly [status: number, message: string];

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/iu;

export function createIntake(options: IntakeOptions) {
  // Probot's setup flow registers the app's webhook at WEBHOOK_PROXY_URL or at the server's root
  // (`${baseUrl}/`, node_modules/probot/lib/manifest-creation.js), while Probot's own route is
  // /api/github/webhooks: both are taken, so an app registered through the README's steps
  // receives its events. Either way a delivery is only stored once its signature checks out.
  const paths = new Set(["/", options.path ?? "/api/github/webhooks"]);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const budget = options.maxBytesInFlight ?? MAX_BYTES_IN_FLIGHT;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  let inFlight = 0;

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== "POST" || !paths.has(pathOf(request.url))) return false;
    const held = { bytes: 0 };
    const reserve = (bytes: number): boolean => {
      if (inFlight + bytes > budget) return false;
      inFlight += bytes;
      held.bytes += bytes;
      return true;
    };
    let outcome: Reply | "aborted";
    try {
      outcome = await accept(request, reserve);
    } finally {
      inFlight -= held.bytes;
    }
    if (outcome === "aborted") return true;
    const [status, message] = outcome;
    // A refused body may still be arriving. Too large or too slow: close the connection rather
    // than read it all. Busy (503): the rest is read and dropped, holding no memory, so the
    // sender gets the answer instead of a reset connection and GitHub records a clean 503.
    const refusedEarly = status === 413 || status === 408 || status === 503;
    const close = status === 413 || status === 408 ? { connection: "close" } : {};
    const retry = status === 503 ? { "retry-after": "5" } : {};
    response.writeHead(status, { "content-type": "application/json", ...close, ...retry });
    response.end(JSON.stringify(status < 300 ? { ok: true, message } : { error: message }));
    if (refusedEarly && !request.complete) {
      // Let the sender finish and read the answer, but not for longer than a body may take;
      // one too slow already (408) gets the answer and the connection closed at once.
      request.resume();
      if (status === 408) response.once("finish", () => request.socket.end());
      const cutoff = setTimeout(() => request.socket.destroy(), status === 408 ? 1_000 : bodyTimeoutMs);
      cutoff.unref();
      // Cleared once the body is in: a request's own "close" can come first, when the answer ends.
      const clear = () => clearTimeout(cutoff);
      request.once("end", clear);
      request.socket.once("close", clear);
    }
    return true;
  };

  async function accept(request: IncomingMessage, reserve: (bytes: number) => boolean): Promise<Reply | "aborted"> {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return [413, `payload larger than ${limit} bytes`];
    if (!JSON_TYPE.test(header(request, "content-type") ?? "")) return [415, 'content-type must be "application/json"'];
    const id = header(request, "x-github-delivery");
    const name = header(request, "x-github-event");
    if (!id || !name) return [400, "x-github-delivery and x-github-event are required"];
    const signature = header(request, "x-hub-signature-256");
    if (!signature) {
      options.log.warn({ delivery: id, event: name }, "webhook refused: no x-hub-signature-256");
      return [400, "x-hub-signature-256 is required"];
    }
    if (Number.isFinite(declared) && !reserve(declared)) {
      options.log.warn({ delivery: id, event: name, bytes: declared }, "webhook refused: too many bytes in flight");
      return [503, BUSY];
    }
    // A declared length is reserved whole above; without one, each chunk is reserved as it comes.
    const read = await readBody(request, limit, bodyTimeoutMs, Number.isFinite(declared) ? () => true : reserve);
    if (read.kind !== "body") return refusal(read.kind, { delivery: id, event: name });
    const body = read.body;
    if (!(await options.verify(body, signature).catch(() => false))) {
      options.log.warn({ delivery: id, event: name }, "webhook refused: signature does not match");
      return [401, "signature does not match"];
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return [400, "body is not JSON"];
    }
    // Every webhook GitHub sends is a JSON object; `null`, a list or a number would reach every
    // handler as a payload without a single field.
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return [400, "body is not a JSON object"];
    if (options.accepting && !options.accepting()) return [503, "shutting down; redeliver later"];
    const repoKey = repoKeyOf(payload);
    try {
      const { accepted } = await options.queue.enqueue({ id, name, payload, repoKey });
      options.log.info({ delivery: id, event: name, repo: repoKey, duplicate: !accepted }, accepted ? "webhook accepted" : "webhook already accepted");
      if (accepted) options.onAccepted?.(name);
      return [202, accepted ? "accepted" : "duplicate"];
    } catch (error) {
      // Not stored means not promised: a 5xx makes GitHub record the failure, and the
      // reconciler asks for it again once the store is back.
      options.log.error({ delivery: id, event: name, err: error }, "webhook not stored");
      return [503, "could not store the event"];
    }
  }

  function refusal(kind: Exclude<Read["kind"], "body">, fields: { delivery: string; event: string }): Reply | "aborted" {
    switch (kind) {
      case "aborted":
        options.log.info(fields, "webhook upload aborted by the sender");
        return "aborted";
      case "too-large":
        return [413, `payload larger than ${limit} bytes`];
      case "busy":
        options.log.warn(fields, "webhook refused: too many bytes in flight");
        return [503, BUSY];
      case "timeout":
        options.log.info(fields, "webhook refused: body not received in time");
        return [408, `body not received within ${bodyTimeoutMs} ms`];
    }
  }
}

const BUSY = "too many webhook bodies arriving at once; redeliver later";

type Read = { readonly kind: "body"; readonly body: string } | { readonly kind: "too-large" | "busy" | "timeout" | "aborted" };

/**
 * The body, or why not, as soon as it is known: past `limit`, past the bytes-in-flight budget,
 * not complete within `timeoutMs`, or the sender gone. Nothing is kept once it is refused.
 */
function readBody(request: IncomingMessage, limit: number, timeoutMs: number, reserve: (bytes: number) => boolean): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (read: Read) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      chunks.length = 0;
      request.off("data", onData);
      resolve(read);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish({ kind: "too-large" });
      if (!reserve(chunk.length)) return finish({ kind: "busy" });
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => {
      if (done) return;
      const body = Buffer.concat(chunks).toString("utf8");
      finish({ kind: "body", body });
    });
    // A sender that hangs up mid-body (or a socket error) is the sender's business, not an error here.
    request.on("error", () => finish({ kind: "aborted" }));
    request.on("close", () => {
      if (!request.complete) finish({ kind: "aborted" });
    });
  });
}

/** Jobs of one repository run in order; events without one (installation, ...) share "app". */
export function repoKeyOf(payload: unknown): string {
  if (typeof payload !== "object" || payload === null || !("repository" in payload)) return "app";
  const repository = payload.repository;
  if (typeof repository !== "object" || repository === null || !("full_name" in repository)) return "app";
  return typeof repository.full_name === "string" && repository.full_name !== "" ? repository.full_name : "app";
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  return pathname.length > 1 ? pathname.replace(/\/+$/u, "") : pathname;
}
