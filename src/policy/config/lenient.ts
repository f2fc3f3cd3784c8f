// A forgiving twin of the schema: a field that fails validation falls back to its default and
// unknown keys are dropped, instead of failing the whole file. The strict schema reports the
// errors; this twin keeps the parts that are fine so the cross-field rules can still report
// their errors in the same run, and a person fixes the whole file in one round.
import { z } from "zod";
import { RawConfigShape } from "./schema.js";
import { App } from "./schema-release.js";
import { Deploy, Environment } from "./schema-environments.js";

function lenient<T extends z.ZodType>(schema: T): z.ZodCatch<T> {
  return schema.catch(() => schema.parse(undefined));
}

type LenientShape<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.ZodCatch<S[K]> };

/** Each field falls back on its own; only fields whose schema accepts undefined belong here. */
function lenientObject<S extends Record<string, z.ZodType>>(shape: S) {
  const entries = Object.entries(shape).map(([key, schema]) => [key, lenient(schema)] as const);
  // Object.fromEntries forgets the key-to-schema pairing that the mapped type states.
  return z.object(Object.fromEntries(entries) as LenientShape<S>);
}

const LenientEnvironment = lenientObject({
  ...Environment.shape,
  // deploy is required; when it is unusable the environment is left out, not half-built.
  deploy: lenientObject(Deploy.shape).optional().catch(undefined),
});

const LenientConfig = lenientObject({
  ...RawConfigShape,
  // Apps and environments fall back one entry at a time, so one typo hides nothing else.
  apps: z.record(z.string(), lenientObject(App.shape).optional().catch(undefined)).optional(),
  environments: z.record(z.string(), LenientEnvironment.optional().catch(undefined)).optional(),
});

export type LenientConfig = z.output<typeof LenientConfig>;

/** Names the user gave, valid or not, so a reference to a broken entry is not also "unknown". */
export interface DeclaredNames {
  readonly apps: readonly string[];
  readonly environments: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseLeniently(raw: unknown): { readonly data: LenientConfig; readonly declared: DeclaredNames } {
  const input = isRecord(raw) ? raw : {};
  const data = LenientConfig.parse(input);
  return {
    data,
    declared: {
      apps: isRecord(input.apps) ? Object.keys(input.apps) : [],
      environments: isRecord(input.environments) ? Object.keys(input.environments) : [],
    },
  };
}
