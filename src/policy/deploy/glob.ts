// App `paths` globs, matched without regular expressions. Globs come from the config and file
// names from push payloads, and a glob turned into a JavaScript RegExp backtracks: the old
// matcher took over 20 s on `*a*a*a*a*a*a*a*a*a*a!` against a long file name, and picomatch,
// minimatch and micromatch compile to the same kind of RegExp (picomatch 4: 11 s on 'a' × 40).
// So the glob is compiled to a small NFA and run as a Pike VM (Thompson's construction): every
// state is advanced once per character, so a match costs at most (path length × program size)
// steps whatever the glob. See docs/libraries.md.
//
// Syntax (the old matcher's, plus classes and braces as picomatch reads them):
// - `**/` is any number of whole folders, none included (`**/*.py` matches `c.py`);
// - a trailing `/**` also matches the folder itself (`api/**` matches `api`);
// - any other `**` is any characters, `/` included;
// - `*` is any characters within one segment, `?` one character other than `/`;
// - `[abc]`, `[a-z]`, `[!a]` / `[^a]` one character of (not of) the class, never `/`; a `[`
//   without its `]` is literal;
// - `{a,b}` either alternative (nested groups too); a group without a comma is literal;
// - a leading `./` or `/` is ignored on both sides; every other character is literal.

/** Bounds the config check enforces, so one glob stays cheap to compile and to run. */
export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_ALTERNATIVES = 32;
/** Each `*` or `**` keeps one more state alive per character, so their number is what costs. */
export const MAX_GLOB_STARS = 16;
export const MAX_GLOBS = 100;

type Test = (code: number) => boolean;
type Inst =
  | { readonly op: "char"; readonly test: Test }
  | { readonly op: "split"; readonly x: number; readonly y: number }
  | { readonly op: "jmp"; readonly x: number }
  | { readonly op: "match" };

type Token =
  | { readonly kind: "char"; readonly test: Test }
  | { readonly kind: "star"; readonly test: Test }
  /** `**​/`: empty, or anything ending with `/`. */
  | { readonly kind: "folders" }
  /** A trailing `/**`: empty, or `/` and anything. */
  | { readonly kind: "tail" };

const SLASH = 0x2f;
// The old RegExp's `.` (no `s` flag) did not match line terminators; kept so nothing changes.
const notLineEnd: Test = (c) => c !== 0x0a && c !== 0x0d && c !== 0x2028 && c !== 0x2029;
const notSlash: Test = (c) => c !== SLASH;

/** The glob's alternatives once `{a,b}` groups are expanded, or undefined past `limit`. */
export function expandBraces(glob: string, limit = MAX_GLOB_ALTERNATIVES): string[] | undefined {
  const out: string[] = [];
  const walk = (text: string, from: number): boolean => {
    const group = firstGroup(text, from);
    if (group === undefined) {
      out.push(text);
      return out.length <= limit;
    }
    const prefix = text.slice(0, group.open);
    const suffix = text.slice(group.close + 1);
    for (const alternative of group.alternatives) {
      if (!walk(prefix + alternative + suffix, prefix.length)) return false;
    }
    return true;
  };
  return walk(glob, 0) ? out : undefined;
}

/** The first `{...}` at or after `from` with a comma at its own depth, split at those commas. */
function firstGroup(text: string, from: number): { open: number; close: number; alternatives: string[] } | undefined {
  for (let open = text.indexOf("{", from); open !== -1; open = text.indexOf("{", open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < text.length; i++) {
      const char = text[i];
      if (char === "{") depth += 1;
      else if (char === "}") {
        depth -= 1;
        if (depth === 0) {
          if (commas.length === 0) break;
          const bounds = [open, ...commas, i];
          const alternatives = bounds.slice(1).map((end, k) => text.slice((bounds[k] ?? open) + 1, end));
          return { open, close: i, alternatives };
        }
      } else if (char === "," && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/** `[...]` at `start`: the test and the index after `]`, or undefined when it is not a class. */
function parseClass(glob: string, start: number): { test: Test; end: number } | undefined {
  let i = start + 1;
  const negate = glob[i] === "!" || glob[i] === "^";
  if (negate) i += 1;
  const ranges: [number, number][] = [];
  // A `]` right after the opening (or the negation) is a member, as in POSIX brackets.
  for (let first = true; i < glob.length; first = false) {
    if (glob[i] === "]" && !first) {
      const inClass = (c: number) => ranges.some(([low, high]) => c >= low && c <= high);
      return { test: (c) => c !== SLASH && inClass(c) !== negate, end: i + 1 };
    }
    const low = glob.charCodeAt(i);
    if (glob[i + 1] === "-" && glob[i + 2] !== undefined && glob[i + 2] !== "]") {
      ranges.push([low, glob.charCodeAt(i + 2)]);
      i += 3;
    } else {
      ranges.push([low, low]);
      i += 1;
    }
  }
  return undefined;
}

/**
 * A run of the same star is one star (`***`…, `**​/**​/` is `**​/`): merging them keeps the
 * program, and the states alive at once, small whatever the glob. (`*` after `**` is not merged:
 * `*` also matches a line break, which `**` never did.)
 */
function pushToken(tokens: Token[], token: Token): void {
  const last = tokens[tokens.length - 1];
  if (token.kind === "star" && last?.kind === "star" && last.test === token.test) return;
  if (token.kind === "folders" && last?.kind === "folders") return;
  tokens.push(token);
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  let lastLiteralSlash = false;
  for (let i = 0; i < glob.length; ) {
    const char = glob[i];
    const literalSlashBefore = lastLiteralSlash;
    lastLiteralSlash = false;
    if (char === "*" && glob[i + 1] === "*") {
      if (glob[i + 2] === "/") {
        pushToken(tokens, { kind: "folders" });
        i += 3;
      } else if (i + 2 === glob.length && literalSlashBefore) {
        // `api/**`: the `/` already pushed becomes part of an optional tail.
        tokens.pop();
        tokens.push({ kind: "tail" });
        i += 2;
      } else {
        pushToken(tokens, { kind: "star", test: notLineEnd });
        i += 2;
      }
    } else if (char === "*") {
      pushToken(tokens, { kind: "star", test: notSlash });
      i += 1;
    } else if (char === "?") {
      pushToken(tokens, { kind: "char", test: notSlash });
      i += 1;
    } else {
      const bracket = char === "[" ? parseClass(glob, i) : undefined;
      if (bracket) {
        pushToken(tokens, { kind: "char", test: bracket.test });
        i = bracket.end;
      } else {
        const code = glob.charCodeAt(i);
        pushToken(tokens, { kind: "char", test: (c) => c === code });
        lastLiteralSlash = code === SLASH;
        i += 1;
      }
    }
  }
  return tokens;
}

/** Thompson's construction: each token becomes a few instructions, ending with `match`. */
function compile(tokens: readonly Token[]): Inst[] {
  const program: Inst[] = [];
  const star = (test: Test) => {
    const at = program.length;
    program.push({ op: "split", x: at + 1, y: at + 3 }, { op: "char", test }, { op: "jmp", x: at });
  };
  for (const token of tokens) {
    if (token.kind === "char") program.push({ op: "char", test: token.test });
    else if (token.kind === "star") star(token.test);
    else {
      const split = program.length;
      program.push({ op: "split", x: split + 1, y: -1 });
      if (token.kind === "folders") {
        star(notLineEnd);
        program.push({ op: "char", test: (c) => c === SLASH });
      } else {
        program.push({ op: "char", test: (c) => c === SLASH });
        star(notLineEnd);
      }
      program[split] = { op: "split", x: split + 1, y: program.length };
    }
  }
  program.push({ op: "match" });
  return program;
}

/**
 * A program ready to run: the test of each `char` instruction, where `match` is, and for each
 * instruction the `char`/`match` instructions reachable from it without reading (its epsilon
 * closure), computed once so a step is a table lookup.
 */
interface Machine {
  readonly tests: readonly (Test | undefined)[];
  readonly match: number;
  readonly closures: readonly Int32Array[];
}

function machine(program: readonly Inst[]): Machine {
  const closures = program.map((_, start) => {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [start];
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (seen.has(pc)) continue;
      seen.add(pc);
      const inst = program[pc]!;
      if (inst.op === "jmp") stack.push(inst.x);
      else if (inst.op === "split") stack.push(inst.y, inst.x);
      else out.push(pc);
    }
    return Int32Array.from(out);
  });
  return { tests: program.map((inst) => (inst.op === "char" ? inst.test : undefined)), match: program.length - 1, closures };
}

/** Runs the machine over `text`, each state at most once per position: O(text × program). */
function run(m: Machine, text: string): boolean {
  const size = m.tests.length;
  const mark = new Int32Array(size).fill(-1);
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  let length = 0;
  for (const pc of m.closures[0]!) {
    mark[pc] = 0;
    current[length++] = pc;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const step = i + 1;
    let nextLength = 0;
    for (let k = 0; k < length; k++) {
      const pc = current[k]!;
      const test = m.tests[pc];
      if (test === undefined || !test(code)) continue;
      for (const target of m.closures[pc + 1]!) {
        if (mark[target] === step) continue;
        mark[target] = step;
        next[nextLength++] = target;
      }
    }
    [current, next] = [next, current];
    length = nextLength;
    if (length === 0) return false;
  }
  return mark[m.match] === text.length;
}

const stripLeading = (text: string) => text.replace(/^\.?\//, "");

// Compiled globs by text. Globs come from configs of many installations, so the cache is
// bounded: it is dropped when full rather than growing with every config ever read.
const CACHE_LIMIT = 1_000;
const cache = new Map<string, readonly Machine[]>();

function programsOf(glob: string): readonly Machine[] {
  const cached = cache.get(glob);
  if (cached !== undefined) return cached;
  // Past the bound the config check refuses the glob; here it simply matches nothing.
  const alternatives = glob.length > MAX_GLOB_LENGTH ? undefined : expandBraces(stripLeading(glob));
  const programs = (alternatives ?? []).map((alternative) => machine(compile(tokenize(alternative))));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(glob, programs);
  return programs;
}

export function matchesGlob(path: string, glob: string): boolean {
  const file = stripLeading(path);
  return programsOf(glob).some((program) => run(program, file));
}

/** How many `*` or `**` wildcards a glob has (a run of stars is one). */
function starRuns(glob: string): number {
  let runs = 0;
  for (let i = 0; i < glob.length; i++) if (glob[i] === "*" && glob[i - 1] !== "*") runs += 1;
  return runs;
}

/** Why a config's glob is refused (one sentence), or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) {
    return `a glob has at most ${MAX_GLOB_LENGTH} characters; this one has ${glob.length}`;
  }
  const alternatives = expandBraces(glob);
  if (alternatives === undefined) {
    return `a glob expands to at most ${MAX_GLOB_ALTERNATIVES} alternatives; use fewer {a,b} groups or list the globs one by one`;
  }
  const stars = Math.max(...alternatives.map(starRuns));
  if (stars > MAX_GLOB_STARS) return `a glob has at most ${MAX_GLOB_STARS} * or ** wildcards; this one has ${stars}`;
  return undefined;
}
