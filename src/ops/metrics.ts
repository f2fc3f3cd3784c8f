// Prometheus metrics: what an operator needs to see that events flow, jobs finish, the queue
// drains, and how much of GitHub's rate limit is left.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  readonly registry: Registry;
  received(event: string): void;
  processed(event: string, outcome: "success" | "failure" | "retry", seconds: number): void;
  apiCall(method: string, status: number, rateLimitRemaining: number | undefined): void;
}

export function createMetrics(queueDepth: () => Promise<number>): Metrics {
  const registry = new Registry();
  const received = new Counter({
    name: "release_pilot_events_received_total",
    help: "Webhook deliveries accepted, by event name.",
    labelNames: ["event"],
    registers: [registry],
  });
  const processed = new Counter({
    name: "release_pilot_events_processed_total",
    help: "Jobs finished, by event name and outcome.",
    labelNames: ["event", "outcome"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "release_pilot_job_duration_seconds",
    help: "Time from a job's start to its end.",
    labelNames: ["event"],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  new Gauge({
    name: "release_pilot_queue_depth",
    help: "Jobs queued or running.",
    registers: [registry],
    async collect() {
      this.set(await queueDepth());
    },
  });
  const calls = new Counter({
    name: "release_pilot_github_api_calls_total",
    help: "GitHub API calls, by method and status class.",
    labelNames: ["method", "status"],
    registers: [registry],
  });
  const remaining = new Gauge({
    name: "release_pilot_github_rate_limit_remaining",
    help: "x-ratelimit-remaining of the latest GitHub answer.",
    registers: [registry],
  });
  return {
    registry,
    received: (event) => received.inc({ event }),
    processed: (event, outcome, seconds) => {
      processed.inc({ event, outcome });
      latency.observe({ event }, seconds);
    },
    apiCall: (method, status, left) => {
      calls.inc({ method, status: `${Math.floor(status / 100)}xx` });
      if (left !== undefined) remaining.set(left);
    },
  };
}
