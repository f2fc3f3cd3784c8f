// The webhook route: check, store, answer 202. Nothing of the event's work happens here, because
// GitHub gives up after 10 s and never retries on its own; once the job is stored the event
// survives a crash and the workers do the work at their pace.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "./queue/index.js";

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

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
  readonly path?: string;
  readonly maxBodyBytes?: number;
  /** Told of each event stored for the first time (metrics). */
  readonly onAccepted?: (name: string) => void;
  /** False while shutting down: new events are refused so GitHub records a failure to redeliver. */
  readonly accepting?: () => boolean;
}

type Reply = readonly [status: number, message: string];

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/iu;

export function createIntake(options: IntakeOptions) {
  const path = options.path ?? "/api/github/webhooks";
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== "POST" || pathOf(request.url) !== path) return false;
    const [status, message] = await accept(request);
    // A refused body may still be arriving: close the connection rather than read it all.
    const close = status === 413 ? { connection: "close" } : {};
    response.writeHead(status, { "content-type": "application/json", ...close });
    response.end(JSON.stringify(status < 300 ? { ok: true, message } : { error: message }));
    if (status === 413) request.resume();
    return true;
  };

  async function accept(request: IncomingMessage): Promise<Reply> {
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
    const body = await readBody(request, limit);
    if (body === undefined) return [413, `payload larger than ${limit} bytes`];
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
}

/** Resolves undefined as soon as the body passes `limit`, without keeping the rest. */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
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
