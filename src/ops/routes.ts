// GET /health and GET /metrics, added to Probot's server. Health is "ready" only when the job
// store answers, so a load balancer stops sending webhooks to a replica that cannot keep them.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

export function opsHandler(metrics: Metrics, healthy: () => Promise<boolean>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== "GET") return false;
    const path = (request.url ?? "").split("?")[0];
    if (path === "/health") {
      const ok = await healthy().catch(() => false);
      response.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: ok ? "ok" : "unavailable", jobStore: ok ? "reachable" : "unreachable" }));
      return true;
    }
    if (path === "/metrics") {
      response.writeHead(200, { "content-type": metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
