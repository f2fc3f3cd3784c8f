// The environment's rules about who may deploy and when, normalised: freeze times as epoch ms,
// window weekdays as numbers and hours as minutes, and the time zone checked against the ICU data
// Node carries (Intl.DateTimeFormat refuses a zone it does not know with a RangeError).
import type { ConfigIssue, DeployRulesConfig, WindowSpan } from "./types.js";
import { issue } from "./issues.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

interface RawRules {
  readonly allow_forks: boolean;
  readonly deployers: readonly string[];
  readonly approvers: readonly string[];
  readonly override: readonly string[];
  readonly freeze: readonly { readonly from: string; readonly to: string; readonly reason: string }[];
  readonly windows?:
    | { readonly timezone: string; readonly hours: readonly { readonly days: string; readonly from: string; readonly to: string }[] }
    | undefined;
}

export function deployRules(raw: RawRules, path: string, errors: ConfigIssue[]): DeployRulesConfig {
  const freezes = raw.freeze.flatMap((freeze, index) => {
    const from = Date.parse(freeze.from);
    const to = Date.parse(freeze.to);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      errors.push(issue(`${path}.freeze.${index}`, "has a time that is not a real date; use e.g. from: 2026-12-20, to: 2027-01-04"));
      return [];
    }
    if (to <= from) {
      errors.push(
        issue(`${path}.freeze.${index}.to`, `must be after from (${freeze.from}); e.g. to: ${new Date(from + 86_400_000).toISOString().slice(0, 10)}`),
      );
      return [];
    }
    return [{ from, to, reason: freeze.reason }];
  });
  return {
    allowForks: raw.allow_forks,
    deployers: raw.deployers,
    approvers: raw.approvers,
    override: raw.override,
    freezes,
    windows: raw.windows === undefined ? null : windows(raw.windows, `${path}.windows`, errors),
  };
}

function windows(raw: NonNullable<RawRules["windows"]>, path: string, errors: ConfigIssue[]): DeployRulesConfig["windows"] {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: raw.timezone });
  } catch {
    errors.push(issue(`${path}.timezone`, `unknown time zone ${JSON.stringify(raw.timezone.slice(0, 60))}; use an IANA name such as Europe/London or UTC`));
    return null;
  }
  const spans: WindowSpan[] = [];
  raw.hours.forEach((hours, index) => {
    const fromMinute = minutes(hours.from);
    const toMinute = minutes(hours.to);
    if (toMinute <= fromMinute) {
      errors.push(issue(`${path}.hours.${index}.to`, `must be after from (${hours.from}); a window ends the day it starts, e.g. to: "17:00"`));
      return;
    }
    spans.push({ days: weekdays(hours.days), fromMinute, toMinute });
  });
  return { timezone: raw.timezone, spans };
}

function minutes(text: string): number {
  const [hours = "0", mins = "0"] = text.split(":");
  return Number(hours) * 60 + Number(mins);
}

/** `Mon-Thu,Sat` as weekday numbers; a range may wrap (`Fri-Mon`). The schema checked the form. */
function weekdays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(",")) {
    const [first = "Mon", last] = part.split("-");
    const start = WEEKDAYS.indexOf(first as (typeof WEEKDAYS)[number]);
    const end = last === undefined ? start : WEEKDAYS.indexOf(last as (typeof WEEKDAYS)[number]);
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return [...days].sort();
}
