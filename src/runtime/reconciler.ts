// GitHub never redelivers by itself: a delivery that hit a replica while it was down, or that
// got no answer in time, stays failed in the app's delivery log. The reconciler reads that log
// on start and then every hour and asks GitHub to send again what we never took.
import { deliveriesToRedeliver, REDELIVERY_WINDOW_MS, type HookDeliverySummary } from "../policy/redeliver.js";

/** The two App endpoints used, called with an app-authenticated (JWT) Octokit. */
export interface AppHookPort {
  /** `GET /app/hook/deliveries`, page by page (100 each), newest first, following `Link`. */
  deliveryPages(): AsyncIterable<readonly unknown[]>;
  /** `POST /app/hook/deliveries/{delivery_id}/attempts`. */
  redeliver(deliveryId: number): Promise<void>;
}

export interface ReconcilerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ReconcilerOptions {
  readonly appOctokit: () => Promise<AppHookPort>;
  /** Delivery ids the queue holds in any state. */
  readonly knownJobIds: () => Promise<ReadonlySet<string>>;
  readonly log: ReconcilerLogger;
  readonly now: () => number;
  /** Pages of 100 read at most, so a busy app's log cannot keep one pass going for long. */
  readonly maxPages?: number;
}

export interface ReconcileResult {
  readonly seen: number;
  readonly redelivered: readonly string[];
  readonly failed: readonly string[];
}

/** One pass: read the last three days of deliveries, redeliver what is owed. */
export async function reconcile(options: ReconcilerOptions): Promise<ReconcileResult> {
  const octokit = await options.appOctokit();
  const now = options.now();
  const deliveries = await recentDeliveries(octokit, now, options.maxPages ?? 30);
  const owed = deliveriesToRedeliver(deliveries, await options.knownJobIds(), now);
  const redelivered: string[] = [];
  const failed: string[] = [];
  for (const delivery of owed) {
    try {
      await octokit.redeliver(delivery.deliveryId);
      redelivered.push(delivery.guid);
    } catch (error) {
      // One refused redelivery must not stop the others; the next pass tries it again.
      failed.push(delivery.guid);
      options.log.warn({ delivery: delivery.guid, error: error instanceof Error ? error.message : String(error) }, "redelivery request failed");
    }
  }
  if (owed.length > 0 || deliveries.length > 0) {
    options.log.info({ seen: deliveries.length, redelivered: redelivered.length, failed: failed.length }, "webhook deliveries reconciled");
  }
  return { seen: deliveries.length, redelivered, failed };
}

/** Runs a pass now and then every `intervalMs`; returns the function that stops it. */
export function startReconciler(options: ReconcilerOptions & { readonly intervalMs: number }): () => void {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const pass = (): void => {
    if (stopped) return;
    running = reconcile(options).catch((error: unknown) => {
      options.log.warn({ error: error instanceof Error ? error.message : String(error) }, "could not reconcile webhook deliveries");
    });
  };
  pass();
  const timer = setInterval(pass, options.intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void running;
  };
}

async function recentDeliveries(octokit: AppHookPort, now: number, maxPages: number): Promise<HookDeliverySummary[]> {
  const found: HookDeliverySummary[] = [];
  let pages = 0;
  for await (const page of octokit.deliveryPages()) {
    const entries = page.flatMap(toSummary);
    found.push(...entries);
    // Newest first: once a page reaches past the window, older pages hold nothing redeliverable.
    const oldest = entries.at(-1);
    if (!oldest || now - Date.parse(oldest.delivered_at) > REDELIVERY_WINDOW_MS) break;
    if (++pages >= maxPages) break;
  }
  return found;
}

function toSummary(entry: unknown): HookDeliverySummary[] {
  if (typeof entry !== "object" || entry === null) return [];
  const id = Reflect.get(entry, "id");
  const guid = Reflect.get(entry, "guid");
  const deliveredAt = Reflect.get(entry, "delivered_at");
  const status = Reflect.get(entry, "status_code");
  const event = Reflect.get(entry, "event");
  if (typeof id !== "number" || typeof guid !== "string" || typeof deliveredAt !== "string") return [];
  return [{ id, guid, delivered_at: deliveredAt, status_code: typeof status === "number" ? status : null, ...(typeof event === "string" ? { event } : {}) }];
}
