// A closed-loop load generator: `concurrency` senders, each posting a signed delivery and waiting
// for the answer before the next, over keep-alive connections, for a fixed time or count.
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { sign } from "../../test/e2e/harness.js";
import { percentile, round } from "./stats.js";

export interface Delivery {
  readonly event: string;
  readonly body: string;
}

export interface LoadOptions {
  readonly url: string;
  readonly secret: string;
  readonly deliveries: readonly Delivery[];
  readonly concurrency: number;
  /** Stop after this long... */
  readonly seconds?: number;
  /** ...or after this many deliveries, whichever comes first. */
  readonly count?: number;
}

export interface LoadResult {
  readonly sent: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answered after more than a second (GitHub gives up at 10 s). */
  readonly over1s: number;
  /** Answers other than 2xx, and requests that failed outright. */
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

interface Signed {
  readonly event: string;
  readonly body: Buffer;
  readonly signature: string;
}

function post(agent: Agent, url: URL, delivery: Signed): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: "/api/github/webhooks",
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": delivery.body.length,
          "user-agent": "GitHub-Hookshot/bench",
          "x-github-event": delivery.event,
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": delivery.signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(delivery.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  // Signing once per payload keeps the generator's own CPU out of the measurement; each delivery
  // still gets its own id, which is what the app deduplicates on.
  const signed: Signed[] = options.deliveries.map((d) => ({ event: d.event, body: Buffer.from(d.body), signature: sign(options.secret, d.body) }));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const limit = options.count ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const deadline = options.seconds === undefined ? Number.POSITIVE_INFINITY : started + options.seconds * 1000;
  let issued = 0;

  const sender = async (): Promise<void> => {
    while (issued < limit && performance.now() < deadline) {
      const delivery = signed[issued % signed.length]!;
      issued += 1;
      const t0 = performance.now();
      const status = await post(agent, url, delivery);
      latencies.push(performance.now() - t0);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const errors = Object.entries(statuses).reduce((sum, [status, n]) => (status.startsWith("2") ? sum : sum + n), 0);
  return {
    sent: latencies.length,
    seconds: round(seconds, 2),
    perSecond: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(percentile(latencies, 100), 1),
    over1s: latencies.filter((ms) => ms > 1000).length,
    errors,
    statuses,
  };
}
