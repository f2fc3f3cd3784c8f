import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";
import { opsHandler } from "../../src/ops/routes.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(healthy: () => Promise<boolean>, depth = 3) {
  const metrics = createMetrics(async () => depth);
  const handle = opsHandler(metrics, healthy);
  server = createServer(async (request, response) => {
    if (!(await handle(request, response))) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { metrics, url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}` };
}

describe("operations endpoints", () => {
  it("reports ready while the job store answers", async () => {
    const { url } = await serve(async () => true);
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", jobStore: "reachable" });
  });

  it("reports unavailable when the job store does not answer", async () => {
    const { url } = await serve(async () => {
      throw new Error("redis down");
    });
    expect((await fetch(`${url}/health`)).status).toBe(503);
  });

  it("exposes events, job latency, queue depth and GitHub API figures for Prometheus", async () => {
    const { url, metrics } = await serve(async () => true, 7);
    metrics.received("push");
    metrics.processed("push", "success", 0.4);
    metrics.apiCall("GET", 200, 4999);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('release_pilot_events_received_total{event="push"} 1');
    expect(text).toContain('release_pilot_events_processed_total{event="push",outcome="success"} 1');
    expect(text).toContain('release_pilot_job_duration_seconds_count{event="push"} 1');
    expect(text).toContain("release_pilot_queue_depth 7");
    expect(text).toContain('release_pilot_github_api_calls_total{method="GET",status="2xx"} 1');
    expect(text).toContain("release_pilot_github_rate_limit_remaining 4999");
  });

  it("leaves other paths to the next handler", async () => {
    const { url } = await serve(async () => true);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });
});
