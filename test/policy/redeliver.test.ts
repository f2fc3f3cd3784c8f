import { describe, expect, it } from "vitest";
import { deliveriesToRedeliver, MAX_ATTEMPTS_PER_EVENT, type HookDeliverySummary } from "../../src/policy/redeliver.js";

const NOW = Date.parse("2026-01-10T12:00:00Z");
const hoursAgo = (h: number): string => new Date(NOW - h * 3_600_000).toISOString();

let nextId = 1;
const attempt = (guid: string, status: number | null, ageHours = 1, event = "release"): HookDeliverySummary => ({
  id: nextId++,
  guid,
  status_code: status,
  delivered_at: hoursAgo(ageHours),
  event,
});

const guids = (deliveries: readonly HookDeliverySummary[], known: readonly string[] = []): string[] =>
  deliveriesToRedeliver(deliveries, new Set(known), NOW).map((r) => r.guid);

describe("deliveriesToRedeliver", () => {
  it.each<[string, HookDeliverySummary[], string[], string[]]>([
    ["redelivers an event that got a 5xx", [attempt("a", 502)], [], ["a"]],
    ["redelivers an event that got no answer at all", [attempt("a", 0)], [], ["a"]],
    ["redelivers an event whose status is missing", [attempt("a", null)], [], ["a"]],
    ["redelivers an event refused with 401 (a secret fixed since)", [attempt("a", 401)], [], ["a"]],
    ["leaves an event answered 202", [attempt("a", 202)], [], []],
    ["leaves an event answered 200", [attempt("a", 200)], [], []],
    ["leaves an event whose redelivery succeeded", [attempt("a", 500, 5), attempt("a", 202, 2)], [], []],
    ["redelivers when the newest attempt failed after an older success", [attempt("a", 202, 5), attempt("a", 500, 2)], [], ["a"]],
    ["leaves an event the queue already holds", [attempt("a", 500)], ["a"], []],
    ["leaves an event older than GitHub's three days", [attempt("a", 500, 73)], [], []],
    ["keeps an event just inside the three days", [attempt("a", 500, 71)], [], ["a"]],
    ["asks once per event, however many attempts failed", [attempt("a", 500, 3), attempt("a", 502, 2)], [], ["a"]],
    ["gives up after the attempt limit", Array.from({ length: MAX_ATTEMPTS_PER_EVENT }, (_, i) => attempt("a", 500, 10 - i)), [], []],
    ["orders events oldest first", [attempt("new", 500, 1), attempt("old", 500, 30), attempt("mid", 500, 5)], [], ["old", "mid", "new"]],
    ["ignores an entry with an unreadable date", [{ id: 9_999, guid: "a", status_code: 500, delivered_at: "yesterday" }], [], []],
  ])("%s", (_name, deliveries, known, expected) => {
    expect(guids(deliveries, known)).toEqual(expected);
  });

  it("names the newest attempt's id, the one GitHub redelivers", () => {
    const older = attempt("a", 500, 4);
    const newer = attempt("a", 502, 1);
    expect(deliveriesToRedeliver([newer, older], new Set(), NOW)).toEqual([{ deliveryId: newer.id, guid: "a", event: "release" }]);
  });

  it("breaks a tie in time by the larger attempt id", () => {
    const first = attempt("a", 500, 2);
    const second = { ...attempt("a", 502, 2), delivered_at: first.delivered_at };
    expect(deliveriesToRedeliver([second, first], new Set(), NOW)[0]?.deliveryId).toBe(second.id);
  });
});
