// The webhook route on its own: a real HTTP server, an in-memory queue, Probot's own signature
// check. What each request answers and what it stores.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIntake, repoKeyOf } from "../../src/runtime/intake.js";
import type { NewJob } from "../../src/runtime/queue/index.js";
import { sign } from "../e2e/harness.js";

const SECRET = "intake-secret";
const LIMIT = 1_024;
const stored: NewJob[] = [];
const seen = new Set<string>();
let failing = false;
let accepting = true;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let server: Server;
let url: string;

beforeAll(async () => {
  const intake = createIntake({
    queue: {
      enqueue: async (job) => {
        if (failing) throw new Error("disk full");
        if (seen.has(job.id)) return { accepted: false };
        seen.add(job.id);
        stored.push(job);
        return { accepted: true };
      },
    },
    verify: (body, signature) => verify(SECRET, body, signature),
    log: silent,
    maxBodyBytes: LIMIT,
    accepting: () => accepting,
  });
  server = createServer((req, res) => {
    void intake(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  stored.length = 0;
  failing = false;
  accepting = true;
});

const payload = { action: "published", repository: { full_name: "acme/web" }, installation: { id: 1 } };

async function send(options: { body?: string; signature?: string | null; id?: string; path?: string; headers?: Record<string, string> } = {}) {
  const body = options.body ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "release",
    "x-github-delivery": options.id ?? randomUUID(),
    ...options.headers,
  };
  if (options.signature !== null) headers["x-hub-signature-256"] = options.signature ?? sign(SECRET, body);
  const res = await fetch(`${url}${options.path ?? "/api/github/webhooks"}`, { method: "POST", headers, body });
  await res.text();
  return res.status;
}

describe("createIntake", () => {
  it("stores a signed event as a job of its repository and answers 202", async () => {
    const id = randomUUID();
    expect(await send({ id })).toBe(202);
    expect(stored).toEqual([{ id, name: "release", payload, repoKey: "acme/web" }]);
  });

  it("answers 202 to a delivery id it already holds, and stores it once", async () => {
    const id = randomUUID();
    expect([await send({ id }), await send({ id }), await send({ id })]).toEqual([202, 202, 202]);
    expect(stored).toHaveLength(1);
  });

  it("refuses a request without a signature with 400", async () => {
    expect(await send({ signature: null })).toBe(400);
    expect(stored).toEqual([]);
  });

  it("refuses a wrong signature with 401", async () => {
    expect(await send({ signature: sign("another-secret", JSON.stringify(payload)) })).toBe(401);
    expect(stored).toEqual([]);
  });

  it("refuses a signed body that is JSON but not an object with 400, storing nothing", async () => {
    expect([await send({ body: "null" }), await send({ body: "[]" }), await send({ body: "7" }), await send({ body: '"x"' })]).toEqual([400, 400, 400, 400]);
    expect(stored).toEqual([]);
  });

  it("refuses a signed body that is not JSON with 400", async () => {
    expect(await send({ body: "{oops" })).toBe(400);
    expect(stored).toEqual([]);
  });

  it("refuses a declared length over the limit with 413", async () => {
    expect(await send({ body: JSON.stringify({ pad: "x".repeat(LIMIT) }), signature: "sha256=00" })).toBe(413);
    expect(stored).toEqual([]);
  });

  it("refuses a streamed body once it passes the limit, with no length declared", async () => {
    const chunk = new TextEncoder().encode("x".repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "release", "x-github-delivery": randomUUID(), "x-hub-signature-256": "sha256=00" },
      body,
      duplex: "half",
    } as RequestInit);
    await res.text();
    expect(res.status).toBe(413);
  });

  it("refuses another content type with 415", async () => {
    expect(await send({ headers: { "content-type": "application/x-www-form-urlencoded" } })).toBe(415);
  });

  it("answers 503 when the event cannot be stored, so GitHub records a failure to redeliver", async () => {
    failing = true;
    expect(await send()).toBe(503);
  });

  it("answers 503 while shutting down", async () => {
    accepting = false;
    expect(await send()).toBe(503);
    expect(stored).toEqual([]);
  });

  it("leaves other paths to the next handler", async () => {
    expect(await send({ path: "/health" })).toBe(404);
  });

  it("takes a signed event posted to the root, where Probot's setup flow registers the webhook", async () => {
    const id = randomUUID();
    expect(await send({ id, path: "/" })).toBe(202);
    expect(stored.map((job) => job.id)).toEqual([id]);
    expect(await send({ path: "/", signature: "sha256=00" })).toBe(401);
  });
});

describe("repoKeyOf", () => {
  it.each<[string, unknown, string]>([
    ["a repository's full name", { repository: { full_name: "acme/web" } }, "acme/web"],
    ["app for an event without a repository", { installation: { id: 1 } }, "app"],
    ["app for a repository without a name", { repository: {} }, "app"],
    ["app for a body that is not an object", [1, 2], "app"],
  ])("takes %s", (_name, body, key) => {
    expect(repoKeyOf(body)).toBe(key);
  });
});
