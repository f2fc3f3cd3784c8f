// Schema of who may deploy an environment and when: forks, deployers and approvers, freezes and
// deploy windows. Kept apart from schema-environments.ts, whose keys say what a deploy is.
import { z } from "zod";

/** A person's login, or an `org/team` slug whose members count (read through GitHub's team membership). */
const person = z.string().regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9][A-Za-z0-9_-]{0,99})$/, {
  error: 'expected a GitHub login or a team as "org/team-slug", e.g. alice or acme/release-managers',
});

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const isoTime = z.string().regex(ISO_TIME, { error: "expected a date or an ISO time with its offset, e.g. 2026-12-20 or 2026-12-20T18:00:00Z" });

export const Freeze = z
  .strictObject({
    from: isoTime.describe("When the freeze starts: a date (UTC midnight) or an ISO time with its offset."),
    to: isoTime.describe("When it ends (exclusive): a date (UTC midnight) or an ISO time with its offset."),
    reason: z.string().min(1).max(200).describe("Shown to whoever is refused, e.g. end-of-year freeze."),
  })
  .describe("A period when automatic deploys wait and manual ones need --force from an override holder.");

const DAYS = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:-(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))?(?:,(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:-(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))?)*$/;
const HOUR = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const WindowHours = z.strictObject({
  days: z.string().regex(DAYS, { error: "expected weekdays such as Mon-Thu, Fri or Mon,Wed,Fri" }).describe("Weekdays, e.g. Mon-Thu or Fri."),
  from: z.string().regex(HOUR, { error: "expected a time as HH:MM, e.g. 09:30" }).default("00:00").describe("Opens at (HH:MM, local time)."),
  to: z.string().regex(HOUR, { error: "expected a time as HH:MM, e.g. 17:00" }).default("24:00").describe("Closes at (HH:MM, local time, exclusive)."),
});

export const Windows = z
  .strictObject({
    timezone: z.string().min(1).default("UTC").describe("IANA time zone of the hours, e.g. Europe/London."),
    hours: z.array(WindowHours).min(1).describe("When deploys may run, e.g. [{ days: Mon-Thu, from: '09:30', to: '17:00' }, { days: Fri, to: '16:00' }]."),
  })
  .describe("Deploy windows: outside them automatic deploys wait until the next opens and manual ones need --force from an override holder.");

/** The environment keys about who may deploy and when; spread into the Environment schema. */
export const DeployRules = {
  allow_forks: z
    .boolean()
    .default(false)
    .describe("Let /deploy on a pull request from a fork deploy its head (the fork's code is untrusted). Default: refused."),
  deployers: z
    .array(person)
    .default([])
    .describe("People (logins) and teams (org/team) who may deploy here; the commands permission stays the floor. Default: anyone with it."),
  approvers: z.array(person).default([]).describe("People and teams whose approvals count toward approvals. Default: anyone with write access."),
  override: z
    .array(person)
    .default([])
    .describe("People and teams who may /deploy --force during a freeze or outside a window. Default: admins of the repository."),
  freeze: z.array(Freeze).default([]).describe("Freeze periods."),
  windows: Windows.optional(),
} as const;
