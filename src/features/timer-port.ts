// The one thing handlers ask of the runtime: keep this timer and hand it back when it is due.
// The runtime gives it (the durable job queue) when the app runs as a server; handler tests and
// the GitHub Actions mode have no queue between events, and the handlers then do without.
import type { TimerRequest } from "../policy/timers.js";

export interface TimerPort {
  schedule(request: TimerRequest): Promise<void>;
}
