// Wires the runtime into Probot: the durable webhook intake in front of Probot's own route, the
// workers that replay stored events through `app.receive`, failure reports, the reconciler,
// health and metrics, and a graceful stop on SIGTERM.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunctionOptions, Probot } from "probot";
import { execute } from "../github/execute.js";
import { identityOf, type IdentitySource } from "../github/identity.js";
import type { TimerPort } from "../features/timer-port.js";
import { setApiCallSink } from "../ops/api-calls.js";
import { setEtagStore } from "../github/etag-cache.js";
import { memoryEtagStore } from "../github/etag-store.js";
import { redisEtagStore } from "../github/etag-store-redis.js";
import { Redis } from "ioredis";
import { plan } from "../policy/plan.js";
import { TIMER_JOB_NAME } from "../policy/timers.js";
import { createMetrics } from "../ops/metrics.js";
import { opsHandler } from "../ops/routes.js";
import { createIntake } from "./intake.js";
import { createQueue, type Job, type JobQueue } from "./queue/index.js";
import { startReconciler, type AppHookPort } from "./reconciler.js";
import { reportFailure } from "./report-failure.js";
import { boundNextServer } from "./server-timeouts.js";
import type { RuntimeSettings } from "./settings.js";
import { createWorker } from "./worker.js";

export { runtimeSettingsFromEnv, type RuntimeSettings } from "./settings.js";

export interface RuntimeHooks {
  /** Runs a timer that came due; timers never go through `app.receive`, which is for webhooks. */
  readonly onTimer?: (job: Job) => Promise<void>;
  /** Who this app is, so a failure report edits only the app's own comment. */
  readonly self?: IdentitySource;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface Runtime {
  readonly queue: JobQueue;
  /** Keeps work the handlers ask for later in the queue (see RuntimeHooks.onTimer). */
  readonly timers: TimerPort;
  /** Stop taking webhooks and jobs, wait for the running ones, close the store. */
  shutdown(): Promise<void>;
}

/**
 * Starts the runtime when the app runs behind an HTTP server; returns undefined where there is
 * none (handler tests, GitHub Actions mode), where events come in through `app.receive` and
 * run at once as before. Probot's `load` without a server hands an `addHandler` that throws.
 */
export function startRuntime(
  app: Probot,
  options: Pick<ApplicationFunctionOptions, "addHandler">,
  settings: RuntimeSettings,
  hooks: RuntimeHooks = {},
): Runtime | undefined {
  let intake: Handler | undefined;
  try {
    options.addHandler(async (request, response) => (intake ? intake(request, response) : false));
  } catch {
    return undefined;
  }
  // Probot listens after loading the app; its server gets the header and request time bounds.
  const unhookServer = boundNextServer(settings.intake);
  const log = app.log.child({ name: "runtime" });
  const queue = createQueue({
    redisUrl: settings.redisUrl,
    dataDir: settings.dataDir,
    retry: settings.retry,
    logger: log,
    onFailed: reportFailure({
      log,
      octokitFor: async (installationId) => {
        const octokit = await app.auth(installationId);
        // Through the executor's comment runner, so the report edits the comment it belongs to.
        const self = hooks.self ?? identityOf(app);
        return { writeComment: (action) => execute(plan("Report the failed job.", [action]), { octokit, log, self }) };
      },
    }),
    ...(settings.lockMs === undefined
      ? {}
      : { lockDurationMs: settings.lockMs, stalledIntervalMs: Math.max(100, Math.floor(settings.lockMs / 2)), repoLockTtlMs: settings.lockMs }),
  });
  const metrics = createMetrics(() => queue.depth());
  setApiCallSink(metrics.apiCall);
  // With REDIS_URL the ETag cache is shared, so a read any replica made is a 304 for all; its own
  // connection fails fast (one retry), since a missing cache only costs a rate-limit point.
  const etagRedis = settings.redisUrl ? new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  etagRedis?.on("error", (error) => log.warn({ err: error }, "redis connection error (ETag cache)"));
  setEtagStore(etagRedis ? redisEtagStore(etagRedis) : memoryEtagStore());
  let accepting = true;
  intake = createIntake({
    queue,
    // Probot's own check, with the secret Probot was configured with (WEBHOOK_SECRET).
    verify: (body, signature) => app.webhooks.verify(body, signature),
    log,
    maxBytesInFlight: settings.intake.maxBytesInFlight,
    bodyTimeoutMs: settings.intake.bodyTimeoutMs,
    onAccepted: (name) => metrics.received(name),
    accepting: () => accepting,
  });
  takeWebhooksBeforeProbot(app, intake);
  options.addHandler(opsHandler(metrics, () => queue.healthy()));

  queue.start(
    createWorker(app, {
      log,
      now: Date.now,
      ...(hooks.onTimer ? { onTimer: hooks.onTimer } : {}),
      onRun: (event, outcome, seconds) => metrics.processed(event, outcome, seconds),
    }),
    { concurrency: settings.concurrency },
  );
  const stopReconciler = settings.reconcileIntervalMs
    ? startReconciler({
        intervalMs: settings.reconcileIntervalMs,
        appOctokit: async () => appHookPort(await app.auth()),
        knownJobIds: async () => new Set((await queue.list()).map((job) => job.id)),
        log,
        now: Date.now,
      })
    : () => undefined;

  let closing: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    closing ??= (async () => {
      accepting = false;
      unhookServer();
      stopReconciler();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, settings.shutdownGraceMs).unref());
      await Promise.race([queue.stop(), grace]);
      await queue.close().catch((error: unknown) => log.warn({ error: String(error) }, "could not close the job queue"));
      etagRedis?.disconnect();
    })();
    return closing;
  };
  process.once("SIGTERM", () => {
    log.info({}, "SIGTERM: finishing running jobs");
    // Jobs still queued stay stored and run at the next start; a job cut short by the grace
    // period is reclaimed and run again, which the idempotent executor makes harmless.
    void shutdown().finally(() => process.exit(0));
  });
  const timers: TimerPort = {
    schedule: async (timer) => {
      const { accepted } = await queue.schedule({ ...timer, name: TIMER_JOB_NAME });
      log.info({ timer: timer.id, runAt: new Date(timer.runAt).toISOString(), duplicate: !accepted }, accepted ? "timer set" : "timer already set");
    },
  };
  return { queue, timers, shutdown };
}

/**
 * Probot's server puts its webhook middleware ahead of every added handler, and that middleware
 * runs the handlers before answering. The added intake alone would never see the route under
 * `probot run`, so it is also placed inside the middleware Probot asks for (the server calls
 * `getNodeMiddleware()` once, after loading the app). Where added handlers come first
 * (`createNodeMiddleware`), the added one answers and Probot's is never reached.
 */
function takeWebhooksBeforeProbot(app: Probot, intake: Handler): void {
  const probotMiddleware = app.getNodeMiddleware.bind(app);
  app.getNodeMiddleware = async (middlewareOptions) => {
    const inner = await probotMiddleware(middlewareOptions);
    return async (request: IncomingMessage, response: ServerResponse, next?: Function) => (await intake(request, response)) || inner(request, response, next);
  };
}

type AppOctokit = Awaited<ReturnType<Probot["auth"]>>;

function appHookPort(octokit: AppOctokit): AppHookPort {
  return {
    deliveryPages: async function* () {
      for await (const page of octokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) yield page.data;
    },
    redeliver: async (deliveryId) => {
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: deliveryId });
    },
  };
}
