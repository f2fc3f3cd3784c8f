// Runs an app exactly as `npm start` does (`probot run <app>`) in its own process, pointed at the
// emulator through GHE_HOST, and talks to it only over HTTP with signed webhooks, so an e2e test
// exercises the same startup, auth, signature check and config loading as production.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Emulator } from "../emulator/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface StartAppOptions {
  readonly emulator: Emulator;
  /** Module exporting the Probot app function, relative to the repository root. */
  readonly appPath?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the server to answer, in ms. */
  readonly startTimeoutMs?: number;
  /**
   * Have the emulator send this app the webhooks GitHub sends for every write, signed with its
   * secret (`gh.deliverTo`), so a story is a closed loop. Off unless a test turns it on.
   */
  readonly deliver?: boolean;
}

export interface SendOptions {
  readonly deliveryId?: string;
  /** Sign with this secret instead of the app's, to test signature rejection. */
  readonly secret?: string;
}

export interface SendResult {
  readonly status: number;
  readonly body: string;
  readonly deliveryId: string;
}

export interface AppProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** Every stdout and stderr line so far, in arrival order. */
  readonly logs: readonly string[];
  /** Log lines that parse as JSON (pino), for asserting on fields such as `msg` or `level`. */
  jsonLogs(): Record<string, unknown>[];
  /** pino lines at level error (50) or above. */
  errorLogs(): Record<string, unknown>[];
  send(eventName: string, payload: unknown, options?: SendOptions): Promise<SendResult>;
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /**
   * Resolve once the emulator has seen no API call for `quietMs`, and has no webhook delivery in
   * flight, to assert that something did not happen. Probot spaces writes a second apart, hence
   * the default of 1.5s.
   */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
  kill(): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

export function probotBin(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules/probot/package.json"), "utf8")) as { bin: { probot: string } };
  return join(ROOT, "node_modules/probot", pkg.bin.probot);
}

export function generatePrivateKey(): string {
  // PKCS#1 PEM is the format GitHub hands out for app keys.
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return privateKey;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until `predicate` returns something truthy; fail with `describe()` after the timeout. */
export async function waitUntil<T>(predicate: () => T | undefined | null | false, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs}ms\n${describe()}`);
    await sleep(25);
  }
}

function exitPromise(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once("exit", (code) => resolveExit(code));
  });
}

export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  const port = await freePort();
  const secret = `secret-${randomUUID()}`;
  const url = `http://127.0.0.1:${port}`;
  // A clean environment: inherited REDIS_URL, WEBHOOK_PROXY_URL or GHE settings would change
  // what the app talks to, so only what a process needs to run is passed through.
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "",
    APP_ID: "1",
    PRIVATE_KEY: generatePrivateKey(),
    WEBHOOK_SECRET: secret,
    GHE_HOST: options.emulator.host,
    GHE_PROTOCOL: "http",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    NODE_ENV: "test",
    // Each app its own job store unless a test shares one on purpose (a restart): a store left
    // by another run would take fixed delivery ids for redeliveries and skip them.
    DATA_DIR: options.env?.["DATA_DIR"] ?? mkdtempSync(join(tmpdir(), "release-pilot-data-")),
    ...options.env,
  };
  const child = spawn(process.execPath, [probotBin(), "run", options.appPath ?? "./dist/index.js"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null): void => {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) if (line.trim() !== "") logs.push(line);
    });
    stream?.on("end", () => {
      if (partial.trim() !== "") logs.push(partial);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = exitPromise(child);
  if (options.env?.["DATA_DIR"] === undefined) void exited.then(() => rmSync(env["DATA_DIR"]!, { recursive: true, force: true }));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const jsonLogs = (): Record<string, unknown>[] =>
    logs.flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return parsed && typeof parsed === "object" ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  const tail = (): string => `--- app logs (last 30 lines) ---\n${logs.slice(-30).join("\n")}`;

  const kill = async (): Promise<number | null> => {
    if (!hasExited) child.kill("SIGKILL");
    return exited;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  for (;;) {
    if (hasExited) throw new Error(`app exited before answering HTTP\n${tail()}`);
    try {
      const res = await fetch(`${url}/ping`);
      await res.text();
      break;
    } catch {
      if (Date.now() > deadline) {
        await kill();
        throw new Error(`app did not answer on ${url} in time\n${tail()}`);
      }
      await sleep(50);
    }
  }

  if (options.deliver) options.emulator.deliverTo({ url: `${url}/api/github/webhooks`, secret });

  return {
    url,
    port,
    pid: child.pid,
    logs,
    jsonLogs,
    errorLogs: () => jsonLogs().filter((entry) => typeof entry["level"] === "number" && entry["level"] >= 50),
    send: async (eventName, payload, sendOptions = {}) => {
      const deliveryId = sendOptions.deliveryId ?? randomUUID();
      const body = JSON.stringify(payload);
      const res = await fetch(`${url}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/emulator",
          "x-github-event": eventName,
          "x-github-delivery": deliveryId,
          "x-hub-signature-256": sign(sendOptions.secret ?? secret, body),
        },
        body,
      });
      const text = await res.text();
      // Recorded like GitHub's delivery log, so the app's redelivery logic has something to find.
      const p = payload as { action?: unknown; installation?: { id?: unknown }; repository?: { id?: unknown } };
      options.emulator.addHookDelivery({
        guid: deliveryId,
        event: eventName,
        action: typeof p.action === "string" ? p.action : null,
        status_code: res.status,
        installation_id: typeof p.installation?.id === "number" ? p.installation.id : null,
        repository_id: typeof p.repository?.id === "number" ? p.repository.id : null,
      });
      return { status: res.status, body: text, deliveryId };
    },
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(predicate, timeoutMs, tail),
    settle: async (quietMs = 1_500, timeoutMs = 30_000) => {
      const activity = (): number => options.emulator.calls.length + options.emulator.deliveries.length;
      let count = activity();
      let since = Date.now();
      await waitUntil(
        () => {
          if (activity() !== count || options.emulator.deliveriesInFlight() > 0) {
            count = activity();
            since = Date.now();
          }
          return Date.now() - since >= quietMs;
        },
        timeoutMs,
        tail,
      );
    },
    stop: async (graceMs = 5_000) => {
      if (options.deliver) options.emulator.deliverTo(undefined);
      if (hasExited) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!hasExited) child.kill("SIGKILL");
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill,
    exited,
  };
}
