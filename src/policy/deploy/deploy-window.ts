// Freezes and deploy windows, as a pure function of the `now` fact: whether an environment is
// closed to deploys at an instant, why, and when it opens again. Weekdays and hours are read in
// the window's time zone with Intl.DateTimeFormat (Node carries the full ICU data), so a window
// follows the zone's daylight saving without a time-zone library.
import type { DeployRulesConfig, WindowSpan } from "../config/types.js";
import { formatTime } from "./lock.js";
import { inertText } from "../markdown/inert.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MINUTE = 60_000;
/** A week and a day of minutes: any weekly window opens within it, so the search ends. */
const SEARCH_MINUTES = 8 * 24 * 60;

export type Closed =
  | { readonly kind: "freeze"; readonly reason: string; readonly until: number }
  | { readonly kind: "window"; readonly local: string; readonly opensAt: number | undefined };

interface LocalTime {
  readonly weekday: number;
  readonly minute: number;
}

/** Reads instants in the zone; made once per decision, as it is the costly part. */
function zoneReader(timezone: string): (at: number) => LocalTime {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (at) => {
    const parts = format.formatToParts(new Date(at));
    const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? "";
    const weekday = WEEKDAYS.indexOf(part("weekday") as (typeof WEEKDAYS)[number]);
    return { weekday, minute: Number(part("hour")) * 60 + Number(part("minute")) };
  };
}

/** The weekday and minute of the day in the zone at an instant. */
export function localTime(timezone: string, at: number): LocalTime {
  return zoneReader(timezone)(at);
}

function inWindow(spans: readonly WindowSpan[], local: LocalTime): boolean {
  return spans.some((span) => span.days.includes(local.weekday) && local.minute >= span.fromMinute && local.minute < span.toMinute);
}

function freezeAt(rules: DeployRulesConfig, at: number) {
  return rules.freezes.find((freeze) => at >= freeze.from && at < freeze.to);
}

/** Why the environment is closed at `now` (a freeze first, then the window), or undefined when open. */
export function closedAt(rules: DeployRulesConfig, now: string): Closed | undefined {
  const at = Date.parse(now);
  if (Number.isNaN(at)) return undefined;
  const freeze = freezeAt(rules, at);
  if (freeze !== undefined) return { kind: "freeze", reason: freeze.reason, until: freeze.to };
  const { windows } = rules;
  if (windows === null) return undefined;
  const local = localTime(windows.timezone, at);
  if (inWindow(windows.spans, local)) return undefined;
  return { kind: "window", local: `${WEEKDAYS[local.weekday] ?? "?"} ${clock(local.minute)}`, opensAt: opensAfter(rules, at) };
}

/** The first minute from `at` when no freeze holds and a window is open; undefined past the search. */
export function opensAfter(rules: DeployRulesConfig, at: number): number | undefined {
  let time = Math.ceil(at / MINUTE) * MINUTE;
  const read = rules.windows === null ? undefined : zoneReader(rules.windows.timezone);
  for (let step = 0; step < SEARCH_MINUTES; step += 1) {
    const freeze = freezeAt(rules, time);
    if (freeze !== undefined) {
      // A freeze ends at an instant, not on a minute: jump there and go on from it.
      time = freeze.to;
      continue;
    }
    if (rules.windows === null || read === undefined || inWindow(rules.windows.spans, read(time))) return time;
    time += MINUTE;
  }
  return undefined;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** `Mon-Thu 09:30-17:00, Fri 09:30-16:00 (Europe/London)`, as the config gave the window. */
export function describeWindows(windows: NonNullable<DeployRulesConfig["windows"]>): string {
  const spans = windows.spans.map((span) => `${describeDays(span.days)} ${clock(span.fromMinute)}-${clock(span.toMinute)}`);
  return `${spans.join(", ")} (${windows.timezone})`;
}

function describeDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  const consecutive = first !== undefined && last !== undefined && last - first === sorted.length - 1;
  if (consecutive && sorted.length > 2) return `${WEEKDAYS[first]}-${WEEKDAYS[last]}`;
  return sorted.map((day) => WEEKDAYS[day]).join(",");
}

/** The sentence saying why the environment is closed, for a refusal or a held deploy. */
export function closedText(env: string, rules: DeployRulesConfig, closed: Closed): string {
  if (closed.kind === "freeze") return `${env} is frozen until ${formatTime(new Date(closed.until).toISOString())} (${inertText(closed.reason)})`;
  const opens = closed.opensAt === undefined ? "" : `; the next window opens at ${formatTime(new Date(closed.opensAt).toISOString())}`;
  const hours = rules.windows === null ? "" : ` ${describeWindows(rules.windows)}`;
  return `${env} is deployed only${hours}, and it is ${closed.local} there${opens}`;
}
