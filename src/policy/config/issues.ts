// Turning zod's issues into sentences with dotted paths, one per problem, in words a person
// editing YAML understands: "unknown key; did you mean approvals?" rather than "Unrecognized key".
import type { z } from "zod";
import { nearestWord } from "../template.js";
import type { ConfigIssue } from "./types.js";

type PathKey = PropertyKey;

/** `environments.production.deploy.inputs.tag`, `notes.categories[0].title`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    // Keys come from the user's YAML and may hold anything; keep the path on one line.
    const name = String(key).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? name : `.${name}`;
  }
  return out;
}

export function issue(path: readonly PathKey[] | string, message: string): ConfigIssue {
  // Paths built from user keys elsewhere get the same one-line treatment as formatPath's.
  const text = typeof path === "string" ? path.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ") : formatPath(path);
  return { path: text, message };
}

/** A user-supplied name or value, safe to put in a one-line sentence. */
export function quote(value: string): string {
  const text = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  // Quoted when it has spaces or odd characters, so the reader can see where it starts and ends.
  return /^[^\s"\u0000-\u001f\u007f]+$/.test(text) ? text : JSON.stringify(text).replace(/[\u2028\u2029]/g, " ");
}

/** `a, b, c`, or `none` so a sentence never ends in an empty list. */
export function nameList(names: Iterable<string>): string {
  const list = [...names].map(quote);
  return list.length === 0 ? "none" : list.join(", ");
}

/** One message listing every issue, for a check run or a comment. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  if (issues.length === 0) return "The config is valid.";
  const lines = issues.map((i) => `- ${i.path === "" ? "(top level)" : i.path}: ${i.message}`);
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return [`.github/release-pilot.yml has ${count}:`, ...lines].join("\n");
}

/** For a caller that must stop on a bad config; the message lists every issue. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatConfigIssues(issues));
  }
}

function describeValue(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  switch (typeof input) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(input) ? "a whole number" : "a number";
    case "boolean":
      return "true/false";
    case "object":
      return "a map";
    default:
      return typeof input;
  }
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a map",
  record: "a map",
};

function show(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/**
 * The per-parse error map. Schema-level messages (regexes, unions) take precedence over it, so
 * this only words the generic cases.
 */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return "is required";
      // `notes:` with nothing after it is YAML for null; say how to ask for the defaults.
      if (iss.input === null && iss.expected === "object") return "expected a map, got nothing; write {} to use the defaults";
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describeValue(iss.input)}`;
    case "invalid_value": {
      const options = iss.values.map((v) => show(v));
      const suggestion = typeof iss.input === "string" ? nearestWord(iss.input, options) : undefined;
      const got = `"${show(iss.input)}" is not one of ${options.join(", ")}`;
      return suggestion ? `${got}; did you mean ${suggestion}?` : got;
    }
    case "too_small":
      if (iss.origin === "array") return `must list at least ${String(iss.minimum)} item${iss.minimum === 1 ? "" : "s"}`;
      if (iss.origin === "string") return "must not be empty";
      return `must be at least ${String(iss.minimum)}`;
    case "too_big":
      if (iss.origin === "array") return `must list at most ${String(iss.maximum)} items`;
      return `must be at most ${String(iss.maximum)}`;
    case "invalid_union":
      return "does not have any of the accepted forms";
    default:
      return undefined;
  }
};

interface Def {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly innerType?: unknown;
  readonly valueType?: unknown;
  readonly element?: unknown;
  readonly options?: readonly unknown[];
  readonly in?: unknown;
}

function defOf(schema: unknown): Def | undefined {
  // Reading zod's definitions is the one place this module looks inside a schema; it is how an
  // "unknown key" learns the keys it could have been.
  const zod = (schema as { _zod?: { def?: Def } } | undefined)?._zod;
  return zod?.def;
}

/** The object keys valid at `path` in the schema (the union of every alternative's keys). */
export function keysAt(schema: unknown, path: readonly PathKey[]): readonly string[] {
  const def = defOf(schema);
  if (!def) return [];
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
    case "catch":
      return keysAt(def.innerType, path);
    case "pipe":
      return keysAt(def.in, path);
    case "union":
      return [...new Set((def.options ?? []).flatMap((option) => keysAt(option, path)))];
  }
  const [head, ...rest] = path;
  if (head === undefined) return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
  if (def.type === "object") return keysAt(def.shape?.[String(head)], rest);
  if (def.type === "record") return keysAt(def.valueType, rest);
  if (def.type === "array") return keysAt(def.element, rest);
  return [];
}

/** Each zod issue as one or more ConfigIssues; an unknown-keys issue becomes one per key. */
export function fromZodIssues(schema: unknown, issues: readonly z.core.$ZodIssue[]): readonly ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const zodIssue of issues) {
    if (zodIssue.code === "unrecognized_keys") {
      const valid = keysAt(schema, zodIssue.path);
      for (const key of zodIssue.keys) {
        const suggestion = nearestWord(key, valid);
        const message = suggestion ? `unknown key; did you mean ${suggestion}?` : `unknown key; valid keys here are ${nameList(valid)}`;
        out.push(issue([...zodIssue.path, key], message));
      }
      continue;
    }
    out.push(issue(zodIssue.path, zodIssue.message));
  }
  return out;
}
