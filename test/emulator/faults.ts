// Injected failures, so the bot's retry and idempotency paths run in tests. A seeded PRNG keeps
// a failing run reproducible: the same seed and the same calls fail the same way.

export interface FaultOptions {
  /** Share of calls (0..1) answered 502. */
  readonly rate502?: number;
  /** Share of calls answered 403 with `retry-after: 1`, GitHub's secondary rate limit. */
  readonly rateSecondaryLimit?: number;
  /** Share of calls left hanging ~15s before a 502, to exercise client timeouts. */
  readonly rateTimeout?: number;
  readonly seed?: number;
  /** How long a "timeout" fault hangs, in ms (15s unless a test wants it shorter). */
  readonly timeoutMs?: number;
}

export type Fault = "502" | "secondary-limit" | "timeout";

/** mulberry32: tiny, fast, good enough to spread faults evenly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Faults {
  private options: FaultOptions = {};
  private random: () => number = mulberry32(1);

  set(options: FaultOptions): void {
    this.options = options;
    this.random = mulberry32(options.seed ?? 1);
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 15_000;
  }

  /** One draw per call decides its fate, so the fault sequence depends only on the call order. */
  next(): Fault | undefined {
    const { rate502 = 0, rateSecondaryLimit = 0, rateTimeout = 0 } = this.options;
    if (rate502 + rateSecondaryLimit + rateTimeout === 0) return undefined;
    const roll = this.random();
    if (roll < rate502) return "502";
    if (roll < rate502 + rateSecondaryLimit) return "secondary-limit";
    if (roll < rate502 + rateSecondaryLimit + rateTimeout) return "timeout";
    return undefined;
  }
}
