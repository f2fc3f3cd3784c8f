// Freezes and deploy windows as a pure function of the `now` fact: weekdays and hours read in the
// window's own time zone (daylight saving included), freezes before windows, and the next opening.
import { describe, expect, it } from "vitest";
import { parseConfig, type EnvironmentConfig } from "../../../src/policy/config/index.js";
import { closedAt, closedText, opensAfter } from "../../../src/policy/deploy/deploy-window.js";

function env(rules: Record<string, unknown>): EnvironmentConfig {
  const parsed = parseConfig({ environments: { production: { deploy: { workflow: "deploy.yml" }, ...rules } } }, { repo: "acme/shop" });
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => `${error.path}: ${error.message}`).join("; "));
  return parsed.config.environments[0]!;
}

const london = env({
  windows: {
    timezone: "Europe/London",
    hours: [
      { days: "Mon-Thu", from: "09:30", to: "17:00" },
      { days: "Fri", from: "09:30", to: "16:00" },
    ],
  },
}).rules;

describe("deploy windows", () => {
  it("is open inside the hours of the zone's weekday, and closed after Friday's earlier close", () => {
    // 2026-12-03 is a Thursday; London is on GMT in December.
    expect(closedAt(london, "2026-12-03T12:00:00Z")).toBeUndefined();
    const friday = closedAt(london, "2026-12-04T16:30:00Z");
    expect(friday).toEqual({ kind: "window", local: "Fri 16:30", opensAt: Date.parse("2026-12-07T09:30:00Z") });
    expect(closedText("production", london, friday!)).toBe(
      "production is deployed only Mon-Thu 09:30-17:00, Fri 09:30-16:00 (Europe/London), and it is Fri 16:30 there; the next window opens at 2026-12-07 09:30 UTC",
    );
  });

  it("follows the zone's daylight saving: 08:45 UTC in July is 09:45 in London, and open", () => {
    expect(closedAt(london, "2026-07-02T08:45:00Z")).toBeUndefined();
    // 16:30 UTC is 17:30 BST: closed, and it opens again at 09:30 BST, 08:30 UTC, on Friday.
    expect(closedAt(london, "2026-07-02T16:30:00Z")).toMatchObject({ kind: "window", local: "Thu 17:30", opensAt: Date.parse("2026-07-03T08:30:00Z") });
  });

  it("reads days that wrap the week and a window to midnight", () => {
    const weekend = env({ windows: { timezone: "UTC", hours: [{ days: "Sat-Sun" }] } }).rules;
    expect(weekend.windows?.spans).toEqual([{ days: [0, 6], fromMinute: 0, toMinute: 1440 }]);
    expect(closedAt(weekend, "2026-12-05T23:59:00Z")).toBeUndefined();
    expect(closedAt(weekend, "2026-12-07T00:00:00Z")).toMatchObject({ kind: "window", opensAt: Date.parse("2026-12-12T00:00:00Z") });
  });
});

describe("freezes", () => {
  const frozen = env({
    freeze: [{ from: "2026-12-20", to: "2027-01-04", reason: "end-of-year freeze" }],
    windows: { timezone: "UTC", hours: [{ days: "Mon-Fri", from: "09:00", to: "17:00" }] },
  }).rules;

  it("closes the environment from its start until its end (exclusive), before any window is looked at", () => {
    expect(closedAt(frozen, "2026-12-19T23:59:59Z")).toMatchObject({ kind: "window" });
    expect(closedAt(frozen, "2026-12-21T10:00:00Z")).toEqual({ kind: "freeze", reason: "end-of-year freeze", until: Date.parse("2027-01-04T00:00:00Z") });
    expect(closedAt(frozen, "2027-01-04T10:00:00Z")).toBeUndefined();
  });

  it("opens at the first window after the freeze ends", () => {
    // 2027-01-04 is a Monday: the freeze ends at midnight, the window opens at 09:00.
    expect(opensAfter(frozen, Date.parse("2026-12-21T10:00:00Z"))).toBe(Date.parse("2027-01-04T09:00:00Z"));
  });

  it("refuses a freeze that ends before it starts and a zone that does not exist, naming the nearest valid form", () => {
    const parsed = parseConfig(
      {
        environments: {
          production: {
            deploy: { workflow: "deploy.yml" },
            freeze: [{ from: "2027-01-04", to: "2026-12-20", reason: "backwards" }],
            windows: { timezone: "Europe/Londn", hours: [{ days: "Mon", from: "09:00" }] },
          },
        },
      },
      { repo: "acme/shop" },
    );
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.errors.map((error) => `${error.path}: ${error.message}`);
    expect(messages).toContain("environments.production.freeze.0.to: must be after from (2027-01-04); e.g. to: 2027-01-05");
    expect(messages).toContain('environments.production.windows.timezone: unknown time zone "Europe/Londn"; use an IANA name such as Europe/London or UTC');
  });
});
