// The HTTP front of the emulator: strips the GHE `/api/v3` prefix, checks each request against
// the OpenAPI description, injects faults, dispatches to a route, and logs the call.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { conditionalReply, primaryPoints } from "./conditional.js";
import type { Fault, Faults } from "./faults.js";
import { HttpError, type Handler, type Reply } from "./http.js";
import { bodyLimitReply, schemaLimitReply } from "./limits.js";
import { matchOperation, missingQuery, validateBody } from "./openapi.js";
import { installationOfToken, installationRefusal } from "./installations.js";
import { checkPermissions } from "./permissions.js";
import { appRoutes } from "./routes/app.js";
import { commitRoutes } from "./routes/commits.js";
import { contentsRoutes } from "./routes/contents.js";
import { deploymentRoutes } from "./routes/deployments.js";
import { gitDataRoutes } from "./routes/git-data.js";
import { issueRoutes } from "./routes/issues.js";
import { miscRoutes } from "./routes/repo-misc.js";
import { protectionRoutes } from "./routes/protection.js";
import { pullRoutes } from "./routes/pulls.js";
import { releaseRoutes } from "./routes/releases.js";
import { repoRoutes } from "./routes/repos.js";
import { statusRoutes } from "./routes/statuses.js";
import { teamRoutes } from "./routes/teams.js";
import type { Store, User } from "./store.js";

export const routes: Readonly<Record<string, Handler>> = {
  ...appRoutes,
  ...contentsRoutes,
  ...gitDataRoutes,
  ...commitRoutes,
  ...pullRoutes,
  ...issueRoutes,
  ...releaseRoutes,
  ...deploymentRoutes,
  ...statusRoutes,
  ...miscRoutes,
  ...repoRoutes,
  ...protectionRoutes,
  ...teamRoutes,
};

export interface Violation {
  readonly kind: "unknown-operation" | "invalid-body" | "missing-query" | "unimplemented" | "emulator-error";
  readonly method: string;
  readonly path: string;
  readonly route?: string;
  readonly message: string;
  readonly errors?: unknown;
}

export interface Call {
  readonly method: string;
  /** The OpenAPI path template, or the raw path when no operation matched. */
  readonly route: string;
  readonly path: string;
  readonly status: number;
  readonly write: boolean;
  /** The installation whose access token made the call; absent for the app's JWT, a person or an unknown token. */
  readonly installation?: number;
  readonly fault?: Fault;
  /** What the call cost against the primary rate limit: 0 for an authorized 304 (conditional.ts). */
  readonly points: 0 | 1;
}

export interface ServerState {
  readonly store: Store;
  readonly faults: Faults;
  readonly violations: Violation[];
  readonly calls: Call[];
  /** Delay added before each answer, in ms, to stand in for GitHub's network round trip. */
  readonly latencyMs?: () => number;
}

const DOCS = "https://docs.github.com/rest";

function tokenOf(authorization: string | undefined): string {
  return authorization?.replace(/^(token|bearer)\s+/i, "") ?? "";
}

/** A user token acts as its person; anything else (installation tokens, JWTs) as the app's bot. */
function actorOf(store: Store, authorization: string | undefined): User {
  return store.userTokens.get(tokenOf(authorization)) ?? store.botUser;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = {
    "x-github-request-id": Math.random().toString(16).slice(2, 10).toUpperCase(),
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    ...reply.headers,
  };
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { ...headers, "content-type": "application/vnd.github.raw; charset=utf-8" });
    res.end(reply.raw);
  } else if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
    res.writeHead(reply.status, headers);
    res.end();
  } else {
    res.writeHead(reply.status, { ...headers, "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(reply.body));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function faultReply(fault: Fault): Reply {
  if (fault === "secondary-limit") {
    return {
      status: 403,
      headers: { "retry-after": "1" },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      },
    };
  }
  return { status: 502, body: { message: "Server Error" } };
}

export function createEmulatorServer(state: ServerState, baseUrl: () => string): { server: Server; timers: Set<NodeJS.Timeout> } {
  const timers = new Set<NodeJS.Timeout>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator");
    const requestPath = url.pathname;
    const path = requestPath.replace(/^\/api\/v3(?=\/|$)/, "") || "/";
    const write = method !== "GET" && method !== "HEAD";
    const token = tokenOf(req.headers.authorization);
    const installation = installationOfToken(state.store, token);
    const record = (route: string, reply: Reply, fault?: Fault): void => {
      state.calls.push({
        method,
        route,
        path,
        status: reply.status,
        write,
        points: primaryPoints(reply.status, token !== ""),
        ...(installation === undefined ? {} : { installation }),
        ...(fault ? { fault } : {}),
      });
      send(res, reply);
    };
    const refuse = (violation: Violation, status = 400): void => {
      state.violations.push(violation);
      record(violation.route ?? path, { status, body: { message: `emulator: ${violation.message}`, errors: violation.errors, documentation_url: DOCS } });
    };

    // Order matters: an unknown route or a bad body is the bot's bug and must show up as a
    // violation even when a fault would have hidden it, so faults are drawn after the checks.
    const text = await readBody(req);
    const latency = state.latencyMs?.() ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const matched = matchOperation(method, path);
    if (!matched) {
      refuse({ kind: "unknown-operation", method, path, message: `no such operation ${method} ${path}` });
      return;
    }
    const { operation, params } = matched;
    const route = operation.route;
    let body: unknown;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        refuse({ kind: "invalid-body", method, path, route, message: "Problems parsing JSON" });
        return;
      }
    }
    const check = validateBody(operation, body);
    // A string over its schema maxLength is GitHub's own 422 (limits.ts), not the bot breaking the contract.
    const overLimit = check.ok ? undefined : schemaLimitReply(check.errors, body);
    if (overLimit) {
      record(route, overLimit);
      return;
    }
    if (!check.ok) {
      refuse({ kind: "invalid-body", method, path, route, message: `request body does not fit ${method} ${route}`, errors: check.errors });
      return;
    }
    const missing = missingQuery(operation, url.searchParams);
    if (missing.length > 0) {
      refuse({ kind: "missing-query", method, path, route, message: `missing required query parameter(s) ${missing.join(", ")}` });
      return;
    }
    // Handlers are keyed by the OpenAPI template itself, so a typo in a route key cannot
    // silently shadow the real operation (a test checks every key exists in the description).
    const handler = routes[`${method} ${route}`];
    if (!handler) {
      refuse({ kind: "unimplemented", method, path, route, message: `${method} ${route} is a real operation the emulator does not implement` }, 501);
      return;
    }

    // App authentication is left alone so faults hit the API work the bot does, not its login.
    const fault = route.startsWith("/app") ? undefined : state.faults.next();
    if (fault === "timeout") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        record(route, faultReply("502"), fault);
      }, state.faults.timeoutMs);
      timers.add(timer);
      return;
    }
    if (fault) {
      record(route, faultReply(fault), fault);
      return;
    }

    // GitHub refuses a token outside its installation's repositories, what the app's permissions
    // do not cover, and bodies over their limits, before it acts; a person's token is limited by
    // the person's role, not the app's permissions.
    const key = `${method} ${route}`;
    const person = state.store.userTokens.has(token);
    const permissions = person ? {} : checkPermissions({ store: state.store, key, params, body: (body ?? {}) as Record<string, unknown> });
    const accepted: Record<string, string> = permissions.accepted ? { "x-accepted-github-permissions": permissions.accepted } : {};
    const refused =
      installationRefusal({ store: state.store, token, route, params, write }) ??
      permissions.refusal ??
      bodyLimitReply(key, (body ?? {}) as Record<string, unknown>);
    if (refused) {
      record(route, { ...refused, headers: { ...accepted, ...refused.headers } });
      return;
    }

    const web = baseUrl();
    let reply: Reply;
    const actor = actorOf(state.store, req.headers.authorization);
    try {
      // Writes are announced as webhooks naming the caller (store.webhooks); handlers are
      // synchronous, so the actor set here is the one for every write this request makes.
      reply = state.store.actingAs(actor, () =>
        handler({
          method,
          route,
          params,
          query: url.searchParams,
          body: (body ?? {}) as Record<string, unknown>,
          headers: req.headers,
          store: state.store,
          apiUrl: `${web}/api/v3`,
          webUrl: web,
          actor,
          requestPath,
        }),
      );
    } catch (error) {
      if (error instanceof HttpError) {
        reply = {
          status: error.status,
          body: { message: error.message, ...(error.errors ? { errors: error.errors } : {}), documentation_url: error.documentationUrl ?? DOCS },
        };
      } else {
        // A crash in a handler is the emulator's bug; recording it fails the test that hit it.
        state.violations.push({ kind: "emulator-error", method, path, route, message: String((error as Error).stack ?? error) });
        reply = { status: 500, body: { message: `emulator: ${(error as Error).message}` } };
      }
    }
    reply = conditionalReply(method, reply, req.headers["if-none-match"]);
    record(route, { ...reply, headers: { ...accepted, ...reply.headers } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      state.violations.push({ kind: "emulator-error", method: req.method ?? "", path: req.url ?? "", message: String(error) });
      send(res, { status: 500, body: { message: "emulator: internal error" } });
    });
  });
  return { server, timers };
}
