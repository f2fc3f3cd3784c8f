// Which webhook deliveries to ask GitHub to send again. GitHub never redelivers by itself: a
// delivery that timed out or hit a replica while it was down is lost unless the app asks.

/** The fields of one entry of `GET /app/hook/deliveries` that the decision reads. */
export interface HookDeliverySummary {
  /** The attempt's own id, the one `POST /app/hook/deliveries/{id}/attempts` takes. */
  readonly id: number;
  /** The delivery id (`X-GitHub-Delivery`), shared by every attempt of one event. */
  readonly guid: string;
  readonly delivered_at: string;
  /** What the app answered; 0 or absent when it did not answer at all. */
  readonly status_code?: number | null;
  readonly event?: string;
}

export interface Redelivery {
  /** The newest attempt's id. */
  readonly deliveryId: number;
  readonly guid: string;
  readonly event: string | undefined;
}

const hour = 60 * 60 * 1000;
/** GitHub keeps deliveries, and allows redelivering them, for 3 days. */
export const REDELIVERY_WINDOW_MS = 72 * hour;
/**
 * Attempts of one event after which we stop asking: an endpoint that refused five times (a
 * wrong secret, a body it rejects) needs a person, not 72 more hourly tries.
 */
export const MAX_ATTEMPTS_PER_EVENT = 5;

/**
 * The events whose newest attempt did not get a 2xx and that the queue does not already hold,
 * oldest first so a repository's events come back in the order they happened.
 */
export function deliveriesToRedeliver(deliveries: readonly HookDeliverySummary[], knownJobIds: ReadonlySet<string>, now: number): readonly Redelivery[] {
  const byGuid = new Map<string, HookDeliverySummary[]>();
  for (const delivery of deliveries) {
    const at = Date.parse(delivery.delivered_at);
    if (!Number.isFinite(at) || now - at > REDELIVERY_WINDOW_MS) continue;
    const attempts = byGuid.get(delivery.guid) ?? [];
    attempts.push(delivery);
    byGuid.set(delivery.guid, attempts);
  }
  const chosen: { redelivery: Redelivery; firstAt: number }[] = [];
  for (const [guid, attempts] of byGuid) {
    // Held already: the app took it even though GitHub saw no answer in time.
    if (knownJobIds.has(guid)) continue;
    const newest = attempts.reduce((a, b) => (newer(b, a) ? b : a));
    // The newest attempt decides: an older 202 whose job is gone since (a wiped data dir)
    // was later retried by someone and failed, so it is still owed.
    if (succeeded(newest.status_code)) continue;
    if (attempts.length >= MAX_ATTEMPTS_PER_EVENT) continue;
    const firstAt = Math.min(...attempts.map((a) => Date.parse(a.delivered_at)));
    chosen.push({ redelivery: { deliveryId: newest.id, guid, event: newest.event }, firstAt });
  }
  return chosen.sort((a, b) => a.firstAt - b.firstAt || a.redelivery.deliveryId - b.redelivery.deliveryId).map((c) => c.redelivery);
}

function newer(a: HookDeliverySummary, b: HookDeliverySummary): boolean {
  const at = Date.parse(a.delivered_at);
  const bt = Date.parse(b.delivered_at);
  return at !== bt ? at > bt : a.id > b.id;
}

function succeeded(status: number | null | undefined): boolean {
  return typeof status === "number" && status >= 200 && status < 300;
}
