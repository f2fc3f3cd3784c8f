// GitHub's published OpenAPI description is the emulator's referee: every request must name a
// real operation and carry a body that fits its schema, so the emulator cannot drift from the
// real API and a bot that passes here sends what GitHub would accept.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
}

export interface Operation {
  readonly method: string;
  /** The path template exactly as the description spells it, e.g. `/repos/{owner}/{repo}/git/refs`. */
  readonly route: string;
  readonly parameters: readonly Parameter[];
  readonly bodySchema: unknown;
  readonly bodyRequired: boolean;
}

export interface MatchedOperation {
  readonly operation: Operation;
  readonly params: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly operation: Operation;
  readonly exact: RegExp;
  /** Same template, but its last parameter may span slashes (`git/ref/heads/main`, `contents/a/b.md`). */
  readonly greedy: RegExp | undefined;
  readonly names: readonly string[];
  readonly literalSegments: number;
}

interface Spec {
  readonly routes: readonly CompiledRoute[];
  readonly byKey: ReadonlyMap<string, Operation>;
}

let cached: Spec | undefined;

const METHODS = ["get", "post", "put", "patch", "delete", "head"];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const SLASHED = new Set(["ref", "path", "basehead", "head", "tag", "branch", "tree_sha"]);

function compileTemplate(route: string): Omit<CompiledRoute, "operation"> {
  const names: string[] = [];
  let literalSegments = 0;
  const parts = route.split("/").map((segment) => {
    if (!segment.includes("{")) literalSegments += 1;
    return segment
      .split(/(\{[^}]+\})/)
      .map((piece) => {
        const name = /^\{([^}]+)\}$/.exec(piece)?.[1];
        if (name === undefined) return escapeRegExp(piece);
        names.push(name);
        return "([^/]+)";
      })
      .join("");
  });
  const source = parts.join("/");
  const exact = new RegExp(`^${source}$`);
  // Only a template ending in a git ref or a file path may swallow extra segments; `{repo}`
  // swallowing `web/unknown` would hide unknown routes.
  const last = /\{([^}]+)\}$/.exec(route)?.[1];
  const greedy = last !== undefined && SLASHED.has(last) ? new RegExp(`^${source.replace(/\(\[\^\/\]\+\)$/, "(.+)")}$`) : undefined;
  return { exact, greedy, names, literalSegments };
}

/** Operations with only what the emulator checks, read from the 70 MB description. */
function readOperations(file: string): Operation[] {
  const doc = JSON.parse(readFileSync(file, "utf8")) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations: Operation[] = [];
  for (const [route, item] of Object.entries(doc.paths)) {
    const shared = (item["parameters"] as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> } } | undefined;
      if (!op) continue;
      operations.push({
        method: method.toUpperCase(),
        route,
        parameters: [...shared, ...(op.parameters ?? [])].map((p) => ({ name: p.name, in: p.in, required: p.required === true })),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return operations;
}

/**
 * Parsing the full description costs over a second, paid by every test file that starts an
 * emulator; the extract (~0.6 MB) is cached on disk, keyed by the file's size and mtime.
 */
function loadOperations(): Operation[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
  const { size, mtimeMs } = statSync(file);
  const cacheDir = join(dirname(file), "..", "..", "..", ".cache", "release-pilot-emulator");
  const cacheFile = join(cacheDir, `operations-${size}-${Math.floor(mtimeMs)}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, "utf8")) as Operation[];
  } catch {
    // No cache yet, or a torn one: fall through and rebuild it.
  }
  const operations = readOperations(file);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so a parallel test worker never reads half a file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(operations));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only node_modules only costs speed.
  }
  return operations;
}

function loadSpec(): Spec {
  if (cached) return cached;
  const routes: CompiledRoute[] = [];
  const byKey = new Map<string, Operation>();
  const templates = new Map<string, Omit<CompiledRoute, "operation">>();
  for (const operation of loadOperations()) {
    const compiled = templates.get(operation.route) ?? compileTemplate(operation.route);
    templates.set(operation.route, compiled);
    routes.push({ operation, ...compiled });
    byKey.set(`${operation.method} ${operation.route}`, operation);
  }
  cached = { routes, byKey };
  return cached;
}

/** Whether `METHOD /template` is an operation GitHub documents. */
export function hasOperation(key: string): boolean {
  return loadSpec().byKey.has(key);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Find the operation for a request path (already without `/api/v3` and query). Templates whose
 * segments match one to one win over greedy ones; among those, more literal segments win, so
 * `/releases/latest` beats `/releases/{release_id}`.
 */
export function matchOperation(method: string, path: string): MatchedOperation | undefined {
  const candidates = loadSpec().routes.filter((r) => r.operation.method === method);
  for (const mode of ["exact", "greedy"] as const) {
    let best: { route: CompiledRoute; values: string[] } | undefined;
    for (const route of candidates) {
      const regex = route[mode];
      if (!regex) continue;
      const found = regex.exec(path);
      if (!found) continue;
      if (!best || route.literalSegments > best.route.literalSegments) {
        best = { route, values: found.slice(1) };
      }
    }
    if (best) {
      const params: Record<string, string> = {};
      best.route.names.forEach((name, i) => {
        params[name] = decode(best.values[i] ?? "");
      });
      return { operation: best.route.operation, params };
    }
  }
  return undefined;
}

// Ajv is built once per process; validators are compiled on first use of each operation
// because compiling all ~1,000 request bodies up front would cost seconds per test file.
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | "skip">();
export const schemaNotes: string[] = [];

function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  // ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  return ajv;
}

/** Copy a schema without OpenAPI-only keywords ajv would trip over. */
function clean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(clean);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "examples" || key.startsWith("x-") || key === "discriminator") continue;
    out[key] =
      key === "properties" && value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) : clean(value);
  }
  // OpenAPI 3.0 `nullable` means "or null"; ajv only honours it next to `type`, and an `enum`
  // beside it must list null itself (ajv's "nullable" docs), as GitHub's conclusions do not.
  if (out["nullable"] === true && Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...out["enum"], null];
  if (out["nullable"] === true && out["type"] === undefined) {
    delete out["nullable"];
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

export interface BodyCheck {
  readonly ok: boolean;
  readonly errors?: unknown;
}

/** A validator for any schema of the description (webhook payloads in the emulator's tests). */
export function compileSchema(schema: unknown): ValidateFunction {
  return getAjv().compile(clean(schema) as object);
}

export function validateBody(operation: Operation, body: unknown): BodyCheck {
  if (body === undefined) {
    return operation.bodyRequired && operation.bodySchema !== undefined ? { ok: false, errors: [{ message: "request body is required" }] } : { ok: true };
  }
  if (operation.bodySchema === undefined) return { ok: true };
  const key = `${operation.method} ${operation.route}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    try {
      validate = getAjv().compile(clean(operation.bodySchema) as object);
    } catch (error) {
      schemaNotes.push(`${key}: schema skipped (${(error as Error).message})`);
      validate = "skip";
    }
    validators.set(key, validate);
  }
  if (validate === "skip") return { ok: true };
  return validate(body) ? { ok: true } : { ok: false, errors: validate.errors };
}

/** Names of required query parameters missing from the request. */
export function missingQuery(operation: Operation, query: URLSearchParams): string[] {
  return operation.parameters.filter((p) => p.in === "query" && p.required === true && !query.has(p.name)).map((p) => p.name);
}
