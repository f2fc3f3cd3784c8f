// Templates such as `api-{date:YYYY.MM.DD.HH.mm.ss}` or `{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}`
// name tags, branches, image tags and changelog headings. They are checked when the config is
// loaded, so a typo is a config error with a suggestion rather than a silently blank tag, and a
// tag template can be turned back into a RegExp to find an app's previous release.

export const ALL_TOKENS = [
  "version",
  "tag",
  "app",
  "env",
  "sha",
  "sha7",
  "sha8",
  "date",
  "epoch",
  "codename",
  "actor",
  "number",
  "previous",
  "title",
  "url",
  "author",
  // A deploy's source: the branch or tag deployed, the pull request's head branch and number.
  "ref",
  "branch",
  "pr",
] as const;

export type TokenName = (typeof ALL_TOKENS)[number];

export interface TemplateValues {
  readonly version?: string;
  readonly tag?: string;
  readonly app?: string;
  readonly env?: string;
  readonly sha?: string;
  readonly codename?: string;
  readonly actor?: string;
  readonly number?: number | string;
  readonly previous?: string;
  readonly title?: string;
  readonly url?: string;
  readonly author?: string;
  /** The branch or tag a deploy deploys (a pull request's head branch for `/deploy <env>` on it). */
  readonly ref?: string;
  /** The branch a deploy comes from, when it comes from one. */
  readonly branch?: string;
  /** The pull request whose head a deploy deploys. */
  readonly pr?: number;
  /** Source of `{date:FORMAT}` and `{epoch}`, always read in UTC. */
  readonly now?: Date;
}

export type TemplateErrorCode = "invalid-template" | "missing-value";

/** Thrown by `render` and `templateToPattern`; carries the template and the token at fault. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  constructor(
    message: string,
    readonly code: TemplateErrorCode,
    readonly template: string,
    readonly token?: string,
  ) {
    super(message);
  }
}

export type RenderResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string; readonly code: TemplateErrorCode };

type DatePart = "YYYY" | "MM" | "DD" | "HH" | "mm" | "ss";
type FormatPiece = { readonly part: DatePart } | { readonly literal: string };

type Segment = { readonly literal: string } | { readonly token: TokenName; readonly raw: string; readonly format?: readonly FormatPiece[] };

const DATE_PARTS: readonly DatePart[] = ["YYYY", "MM", "DD", "HH", "mm", "ss"];
const DATE_FORMAT_HINT = `use letters from ${DATE_PARTS.join(" ")}`;
/** `{date}` alone means a plain ISO day, the form changelog headings use most. */
const DEFAULT_DATE_FORMAT = "YYYY-MM-DD";

function isToken(name: string): name is TokenName {
  return (ALL_TOKENS as readonly string[]).includes(name);
}

/** Arbitrary user text goes into error messages: keep it on one line and short. */
function show(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/** Levenshtein distance, used to suggest the nearest valid name for a typo. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate, or undefined when none is close enough to be a plausible typo. */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  // Long inputs cannot be typos of short names; skip the quadratic work on them.
  if (word.length > 64) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function parseDateFormat(format: string): readonly FormatPiece[] | undefined {
  const pieces: FormatPiece[] = [];
  let i = 0;
  outer: while (i < format.length) {
    for (const part of DATE_PARTS) {
      if (format.startsWith(part, i)) {
        pieces.push({ part });
        i += part.length;
        continue outer;
      }
    }
    const char = format[i] ?? "";
    // Letters other than the date parts are almost always a mistake (`YY`, `hh`, `Q`), so they
    // are refused instead of being copied into the tag.
    if (/\p{L}/u.test(char)) return undefined;
    pieces.push({ literal: char });
    i += 1;
  }
  return pieces.some((p) => "part" in p) ? pieces : undefined;
}

interface Parsed {
  readonly segments: readonly Segment[];
  readonly errors: readonly string[];
}

/**
 * The longest template: a tag, a branch or a heading is far shorter, and bounding the template
 * bounds the work of checking, rendering and matching it, whatever a config says.
 */
export const MAX_TEMPLATE_LENGTH = 1000;

function parse(template: string, allowed: readonly string[]): Parsed {
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return { segments: [], errors: [`is ${template.length} characters long; a template has at most ${MAX_TEMPLATE_LENGTH}`] };
  }
  const segments: Segment[] = [];
  const errors: string[] = [];
  let literal = "";
  let i = 0;
  while (i < template.length) {
    const char = template[i];
    if ((char === "{" || char === "}") && template[i + 1] === char) {
      literal += char;
      i += 2;
      continue;
    }
    if (char === "}") {
      errors.push(`unmatched } at character ${i + 1}; write }} for a literal brace`);
      i += 1;
      continue;
    }
    if (char !== "{") {
      literal += char;
      i += 1;
      continue;
    }
    const close = template.indexOf("}", i + 1);
    if (close === -1) {
      errors.push(`unclosed { at character ${i + 1}; write {{ for a literal brace`);
      break;
    }
    if (literal) segments.push({ literal });
    literal = "";
    const raw = template.slice(i, close + 1);
    const body = template.slice(i + 1, close);
    i = close + 1;
    const colon = body.indexOf(":");
    const name = colon === -1 ? body : body.slice(0, colon);
    const format = colon === -1 ? undefined : body.slice(colon + 1);
    const error = tokenError(raw, name, format, allowed);
    if (error) {
      errors.push(error);
      continue;
    }
    if (name === "date") {
      const pieces = parseDateFormat(format ?? DEFAULT_DATE_FORMAT);
      if (!pieces) {
        errors.push(`bad date format ${show(raw)}; ${DATE_FORMAT_HINT}`);
        continue;
      }
      segments.push({ token: "date", raw, format: pieces });
    } else if (isToken(name)) {
      segments.push({ token: name, raw });
    }
  }
  if (literal) segments.push({ literal });
  return { segments, errors };
}

function tokenError(raw: string, name: string, format: string | undefined, allowed: readonly string[]): string | undefined {
  const list = () => allowed.map((t) => `{${t}}`).join(", ");
  if (name === "") return `empty token ${show(raw)}; use one of ${list()}`;
  if (!isToken(name) || !allowed.includes(name)) {
    const suggestion = nearestWord(name, allowed);
    const what = isToken(name) ? `token ${show(raw)} cannot be used here` : `unknown token ${show(raw)}`;
    if (suggestion) return `${what}; did you mean {${suggestion}}?`;
    return allowed.length > 0 ? `${what}; use one of ${list()}` : `${what}; no tokens can be used here`;
  }
  if (format !== undefined && name !== "date") return `token ${show(raw)} takes no format; only {date:FORMAT} does`;
  return undefined;
}

/** Every problem with the template, as sentences; empty when it is valid. Never throws. */
export function checkTemplate(template: string, allowed: readonly string[] = ALL_TOKENS): readonly string[] {
  return parse(template, allowed).errors;
}

/** The tokens a valid template uses, so a caller can tell which values it must gather. */
export function templateTokens(template: string): readonly TokenName[] {
  const names = new Set<TokenName>();
  for (const segment of parse(template, ALL_TOKENS).segments) if ("token" in segment) names.add(segment.token);
  return [...names];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function formatDate(now: Date, pieces: readonly FormatPiece[]): string {
  const parts: Record<DatePart, string> = {
    YYYY: pad(now.getUTCFullYear(), 4),
    MM: pad(now.getUTCMonth() + 1, 2),
    DD: pad(now.getUTCDate(), 2),
    HH: pad(now.getUTCHours(), 2),
    mm: pad(now.getUTCMinutes(), 2),
    ss: pad(now.getUTCSeconds(), 2),
  };
  return pieces.map((p) => ("part" in p ? parts[p.part] : p.literal)).join("");
}

function validNow(values: TemplateValues): Date | undefined {
  return values.now && !Number.isNaN(values.now.getTime()) ? values.now : undefined;
}

function tokenValue(segment: Extract<Segment, { token: TokenName }>, values: TemplateValues): string | undefined {
  const now = validNow(values);
  switch (segment.token) {
    case "date":
      return now ? formatDate(now, segment.format ?? []) : undefined;
    case "epoch":
      return now ? String(Math.floor(now.getTime() / 1000)) : undefined;
    case "sha7":
      return values.sha?.slice(0, 7);
    case "sha8":
      return values.sha?.slice(0, 8);
    case "number":
      return values.number === undefined ? undefined : String(values.number);
    case "pr":
      return values.pr === undefined ? undefined : String(values.pr);
    default:
      return values[segment.token];
  }
}

/** Renders the template; throws a TemplateError when it is invalid or a value is missing. */
export function render(template: string, values: TemplateValues): string {
  const { segments, errors } = parse(template, ALL_TOKENS);
  const first = errors[0];
  if (first !== undefined) throw new TemplateError(`template "${show(template)}" is invalid: ${first}`, "invalid-template", template);
  let out = "";
  for (const segment of segments) {
    if ("literal" in segment) {
      out += segment.literal;
      continue;
    }
    const value = tokenValue(segment, values);
    if (value === undefined) {
      const needed = segment.token === "date" || segment.token === "epoch" ? `{${segment.token}} (the time)` : `{${segment.token}}`;
      throw new TemplateError(`template "${show(template)}" needs ${needed}, which is not known here`, "missing-value", template, segment.token);
    }
    out += value;
  }
  return out;
}

/** `render` as a value, for callers that collect problems instead of stopping at the first. */
export function tryRender(template: string, values: TemplateValues): RenderResult {
  try {
    return { ok: true, value: render(template, values) };
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, error: error.message, code: error.code };
    throw error;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function datePattern(pieces: readonly FormatPiece[]): string {
  return pieces.map((p) => ("part" in p ? (p.part === "YYYY" ? "\\d{4}" : "\\d{2}") : escapeRegExp(p.literal))).join("");
}

// Shapes that keep adjacent tokens apart: a hex SHA cannot swallow the `-` after it.
const TOKEN_PATTERNS: Partial<Record<TokenName, string>> = {
  version: ".+",
  sha: "[0-9a-f]{7,40}",
  sha7: "[0-9a-f]{7}",
  sha8: "[0-9a-f]{8}",
  epoch: "\\d+",
  number: "\\d+",
};

/**
 * A RegExp that parses a rendered template back, with a named group per unknown token
 * (`v{version}` → `^v(?<version>.+)$`). Tokens whose value is in `known` are matched literally,
 * so `{app}-{version}` with `{ app: "api" }` only matches the api app's tags.
 */
export function templateToPattern(template: string, known: TemplateValues = {}): RegExp {
  const { segments, errors } = parse(template, ALL_TOKENS);
  const first = errors[0];
  if (first !== undefined) throw new TemplateError(`template "${show(template)}" is invalid: ${first}`, "invalid-template", template);
  const seen = new Set<TokenName>();
  let source = "";
  for (const segment of segments) {
    if ("literal" in segment) {
      source += escapeRegExp(segment.literal);
      continue;
    }
    const value = tokenValue(segment, known);
    if (value !== undefined) {
      source += escapeRegExp(value);
    } else if (segment.token === "date") {
      // Two dates may differ in format, so only the first is captured and none is back-referenced.
      const pattern = datePattern(segment.format ?? []);
      source += seen.has("date") ? `(?:${pattern})` : `(?<date>${pattern})`;
      seen.add("date");
    } else if (seen.has(segment.token)) {
      source += `\\k<${segment.token}>`;
    } else {
      seen.add(segment.token);
      source += `(?<${segment.token}>${TOKEN_PATTERNS[segment.token] ?? ".+?"})`;
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Matched names are tags, branches and image tags: Git refuses refs over 255 bytes in a path
 * component, and Docker image tags stop at 128 characters. A longer text is never one of ours.
 */
export const MAX_MATCHED_LENGTH = 255;
/**
 * Each free-text token (`.+`) multiplies the backtracking of a failed match by the text's length;
 * the config allows at most three in a matched template ({version}, {tag}, {actor} of an image
 * tag), which keeps a failed match of 255 characters at a few million steps.
 */
export const MAX_FREE_TOKENS = 3;

function freeTokens(template: string, known: TemplateValues): number {
  const free = new Set<TokenName>();
  for (const segment of parse(template, ALL_TOKENS).segments) {
    if (!("token" in segment) || segment.token === "date" || (TOKEN_PATTERNS[segment.token] !== undefined && segment.token !== "version")) continue;
    if (tokenValue(segment, known) === undefined) free.add(segment.token);
  }
  return free.size;
}

/**
 * The captured token values when `text` matches the template, else undefined; also undefined for
 * a text too long to be a name or a template with more free-text tokens than any config allows.
 */
export function matchTemplate(template: string, text: string, known: TemplateValues = {}): Readonly<Record<string, string>> | undefined {
  const pattern = templateToPattern(template, known);
  if (text.length > MAX_MATCHED_LENGTH || freeTokens(template, known) > MAX_FREE_TOKENS) return undefined;
  const match = pattern.exec(text);
  return match ? { ...match.groups } : undefined;
}
