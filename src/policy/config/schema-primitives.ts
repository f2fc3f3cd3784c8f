// Small shared field schemas. Their messages are written for the person editing the YAML file,
// because they end up verbatim in the check run that reports a bad config.
import { z } from "zod";

/** A `{token}` template; its tokens are checked by the cross-field rules, which know the field. */
export const template = (description: string) => z.string().min(1, { error: "must not be empty" }).describe(description);

export const repoName = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: 'expected a repository as "owner/name"' });

const DURATION_FORM = /^(\d+[smhd])+$/;

/** `30s`, `15m`, `24h`, `7d` or combinations like `1h30m`, at most `max`. */
export function duration(max: string) {
  // Every duration bounds how long the bot holds something (a lock, a poll, a window); one
  // without a limit (`99999d`) is accepted today and overflows or holds work forever tomorrow.
  const limit = durationMs(max);
  return z
    .string()
    .regex(DURATION_FORM, { error: "expected a duration such as 30m, 24h or 1h30m" })
    .refine((text) => !DURATION_FORM.test(text) || durationMs(text) <= limit, { error: `must be at most ${max}` });
}

export const stringList = z.array(z.string().min(1, { error: "must not be empty" }));

/** A version file: its path, or the path with where in it the version is (src/policy/version-files/spec.ts). */
export const versionFileList = z.array(
  z.union([
    z.string().min(1, { error: "must not be empty" }),
    z.strictObject({
      path: z.string().min(1, { error: "must not be empty" }).describe("The file, from the repository root."),
      pattern: z
        .string()
        .min(1)
        .optional()
        .describe('Literal text around {version} on one line, e.g. "VERSION := {version}" for a Makefile or "version = {version}" for setup.cfg.'),
      key: z
        .string()
        .min(1)
        .optional()
        .describe('A dotted key path in a YAML or TOML file, e.g. "appVersion" in Chart.yaml or "workspace.package.version" in Cargo.toml.'),
    }),
  ]),
);

export const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds in a duration the schema has already accepted; Infinity when too long to count. */
export function durationMs(text: string): number {
  let total = 0;
  for (const match of text.matchAll(/(\d+)([smhd])/g)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? "s"] ?? 0);
  }
  return total;
}
