// When each emulator call was answered. The emulator logs calls without times, so a fast poll
// stamps new entries as they appear: 2 ms of resolution against scenarios of seconds.
import type { Emulator } from "../../test/emulator/index.js";

export interface CallClock {
  /** Forget the calls so far and start the clock at the webhook's send. */
  reset(): void;
  /** ms from the reset to the answer of the last write, undefined when nothing was written. */
  lastWriteMs(): number | undefined;
  /** ms since the last call of any kind was answered (or since the reset). */
  quietMs(): number;
  stop(): void;
}

export function startCallClock(gh: Emulator): CallClock {
  let origin = performance.now();
  let stamps: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    while (stamps.length < gh.calls.length) stamps.push(now);
  }, 2);
  return {
    reset: () => {
      gh.resetCalls();
      stamps = [];
      origin = performance.now();
    },
    lastWriteMs: () => {
      let last: number | undefined;
      gh.calls.forEach((call, i) => {
        const at = stamps[i];
        if (call.write && !call.route.startsWith("/app") && at !== undefined) last = at - origin;
      });
      return last;
    },
    quietMs: () => performance.now() - (stamps[stamps.length - 1] ?? origin),
    stop: () => clearInterval(timer),
  };
}
