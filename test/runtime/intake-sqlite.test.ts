// The webhook route over the real SQLite queue, whose commits are shared by the deliveries that
// arrive together: each request still answers for its own delivery, 202 only once it is stored.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verify } from "@octokit/webhooks-methods";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIntake } from "../../src/runtime/intake.js";
import { createSqliteQueue } from "../../src/runtime/queue/sqlite.js";
import type { JobQueue } from "../../src/runtime/queue/types.js";
import { sign } from "../e2e/harness.js";

const SECRET = "intake-sqlite-secret";
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dataDir = "";
let queue: JobQueue;
let server: Server;
let url = "";

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "rp-intake-sqlite-"));
  queue = createSqliteQueue({ dataDir });
  const intake = createIntake({ queue, verify: (body, signature) => verify(SECRET, body, signature), log: silent });
  server = createServer((req, res) => {
    void intake(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queue.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function send(id: string, repo = "acme/web"): Promise<number> {
  const body = JSON.stringify({ action: "published", repository: { full_name: repo } });
  const res = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "release", "x-github-delivery": id, "x-hub-signature-256": sign(SECRET, body) },
    body,
  });
  await res.text();
  return res.status;
}

describe("the webhook route over the SQLite queue", () => {
  it("stores each of many deliveries sent at once, a redelivered one once, and answers each 202", async () => {
    const ids = Array.from({ length: 24 }, () => randomUUID());
    const twice = ids[5] ?? "";

    const statuses = await Promise.all([...ids, twice].map((id, i) => send(id, `acme/repo-${i % 3}`)));

    expect(statuses).toEqual(Array.from({ length: 25 }, () => 202));
    const stored = await queue.list();
    expect(stored.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(stored.filter((job) => job.id === twice)).toHaveLength(1);
  });

  it("answers each delivery 503 and stores none when the store's commits fail", async () => {
    // What a failing disk looks like from SQLite: the transaction is rolled back as a whole.
    const db = new Database(join(dataDir, "jobs.sqlite"));
    db.exec("CREATE TRIGGER broken BEFORE INSERT ON jobs BEGIN SELECT RAISE(ROLLBACK, 'disk I/O error'); END");
    db.close();

    const statuses = await Promise.all(Array.from({ length: 12 }, () => send(randomUUID())));

    expect(statuses).toEqual(Array.from({ length: 12 }, () => 503));
    expect(await queue.list()).toEqual([]);
  });
});
