// What an unauthenticated sender can make the webhook route hold (item 10 of #12): bodies in
// flight are capped in bytes (503 beyond), a body that does not arrive in time gets 408 and the
// connection closed, and a sender hanging up mid-body is logged at info, never error. Raw
// sockets on 127.0.0.1, so each test controls exactly when bytes arrive.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIntake } from "../../src/runtime/intake.js";

const BUDGET = 10_000;
const TIMEOUT_MS = 400;
const logs: { level: string; msg: string }[] = [];
const handled: Promise<boolean>[] = [];
const record = (level: string) => (_: object, msg: string) => void logs.push({ level, msg });
let server: Server;
let port: number;

beforeAll(async () => {
  const intake = createIntake({
    queue: { enqueue: async () => ({ accepted: true }) },
    verify: async () => false,
    log: { info: record("info"), warn: record("warn"), error: record("error") },
    maxBodyBytes: 8_000,
    maxBytesInFlight: BUDGET,
    bodyTimeoutMs: TIMEOUT_MS,
  });
  server = createServer((req, res) => {
    const done = intake(req, res);
    handled.push(done);
    void done.then(
      (ok) => (ok ? undefined : res.writeHead(404).end()),
      () => undefined,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  logs.length = 0;
  handled.length = 0;
});

interface Upload {
  readonly socket: Socket;
  /** The first bytes the server writes back (the status line and headers). */
  readonly reply: Promise<string>;
  /** Everything the server wrote back, once it closes the connection. */
  readonly answer: Promise<string>;
}

/** Opens a webhook POST and sends its headers and `first` bytes of body; the rest is up to the test. */
function upload(length: number | "chunked", first: string): Upload {
  const socket = connect(port, "127.0.0.1");
  const framing = length === "chunked" ? "transfer-encoding: chunked" : `content-length: ${length}`;
  socket.write(
    `POST /api/github/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${framing}\r\n` +
      `x-github-event: push\r\nx-github-delivery: ${randomUUID()}\r\nx-hub-signature-256: sha256=00\r\n\r\n`,
  );
  if (first !== "") socket.write(length === "chunked" ? chunk(first) : first);
  let received = "";
  socket.on("data", (data) => (received += data.toString()));
  const reply = new Promise<string>((resolve) => socket.once("data", (data) => resolve(data.toString())));
  const answer = new Promise<string>((resolve) => {
    socket.on("close", () => resolve(received));
    socket.on("error", () => undefined);
  });
  return { socket, reply, answer };
}

const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("intake bounds", () => {
  it("answers 503 to a body that would pass the bytes in flight, and takes it once room is back", async () => {
    const first = upload(6_000, "x".repeat(100));
    await sleep(50);
    const second = upload(6_000, "");
    // Answered at once, before its body (which would then be read and dropped).
    const busy = await second.reply;
    expect(statusOf(busy)).toBe(503);
    expect(busy).toContain("too many webhook bodies arriving at once");
    second.socket.destroy();
    first.socket.end("x".repeat(5_900));
    // The first body is read whole and checked (the signature is wrong here), then its room is free.
    expect(statusOf(await first.reply)).toBe(401);
    first.socket.destroy();
    const third = upload(6_000, "x".repeat(6_000));
    third.socket.once("data", () => third.socket.destroy());
    expect(statusOf(await third.answer)).toBe(401);
  });

  it("cuts off a refused sender that never sends the body it declared", async () => {
    const first = upload(6_000, "x".repeat(100));
    await sleep(50);
    const refused = upload(6_000, "");
    expect(statusOf(await refused.reply)).toBe(503);
    await expect(Promise.race([refused.answer.then(() => "closed"), sleep(3_000).then(() => "still open")])).resolves.toBe("closed");
    first.socket.destroy();
  });

  it("counts a body without a declared length as it arrives", async () => {
    const first = upload(6_000, "x".repeat(6_000 - 1));
    await sleep(50);
    const streamed = upload("chunked", "y".repeat(3_000));
    streamed.socket.write(chunk("y".repeat(3_000)));
    expect(statusOf(await streamed.answer)).toBe(503);
    first.socket.destroy();
  });

  it("answers 408 and closes the connection when the body does not arrive in time", async () => {
    const slow = upload(1_000, "{");
    const dribble = setInterval(() => slow.socket.write(" "), 50);
    const answer = await slow.answer;
    clearInterval(dribble);
    expect(statusOf(answer)).toBe(408);
    expect(answer).toContain(`body not received within ${TIMEOUT_MS} ms`);
    expect(logs.filter((entry) => entry.level === "error")).toEqual([]);
  });

  it("logs a sender hanging up mid-body at info, not error, and frees its bytes", async () => {
    const gone = upload(6_000, "x".repeat(1_000));
    await sleep(50);
    gone.socket.destroy();
    await expect(Promise.race([handled[0], sleep(2_000).then(() => "hung")])).resolves.toBe(true);
    expect(logs).toContainEqual({ level: "info", msg: "webhook upload aborted by the sender" });
    expect(logs.filter((entry) => entry.level === "error")).toEqual([]);
    // 6,000 more bytes fit only if the 6,000 the abandoned upload declared were given back.
    const next = upload(6_000, "x".repeat(6_000));
    next.socket.once("data", () => next.socket.destroy());
    expect(statusOf(await next.answer)).toBe(401);
  });
});
