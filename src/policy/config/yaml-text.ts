// Reading the YAML text of a config without ever throwing: every way a file can be unreadable
// (a syntax error, an alias to nothing, aliases that expand into millions of nodes, nesting deep
// enough to overflow the stack, a file too big to be a config) becomes a sentence on its line.
import { isAlias, isMap, isPair, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

/** A config is a few kilobytes; GitHub's contents API serves files up to 1 MB. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** The deepest config key is six levels down (environments.x.deploy.inputs.y); 32 is plenty. */
export const MAX_CONFIG_DEPTH = 32;
/** yaml's own guard against alias expansion bombs; a config has no use for more. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export type YamlRead =
  | { readonly ok: true; readonly value: unknown; readonly doc: Document.Parsed; readonly lines: LineCounter }
  | { readonly ok: false; readonly errors: readonly YamlProblem[] };

function lineAt(lines: LineCounter, node: { range?: readonly number[] | null | undefined } | null | undefined): number {
  const start = node?.range?.[0];
  return start === undefined ? 1 : lines.linePos(start).line;
}

/** yaml reports a stack overflow as its message; say what it means for a config. */
function wording(message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (/call stack/i.test(first)) return `the file nests too deeply to read; a config needs at most ${MAX_CONFIG_DEPTH} levels`;
  return first;
}

/**
 * The line where `[`/`{` nesting first goes past the limit, by a linear scan before parsing: yaml
 * recurses once per level and takes half a second to overflow on 10 KB of brackets. Quoted text
 * and comments are skipped; the scan may miss odd cases, which the parser and the walk below
 * still catch, but it never refuses a file the parser would read within the limit.
 */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") {
      line += 1;
      quote = undefined;
      continue;
    }
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end - 1;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > MAX_CONFIG_DEPTH) return line;
    } else if ((char === "]" || char === "}") && depth > 0) {
      depth -= 1;
    }
  }
  return undefined;
}

/** Nesting deeper than any config, and aliases that name no anchor, found without recursion. */
function shapeProblems(doc: Document.Parsed, lines: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: null, depth: 0 };
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) {
        problems.push({ line: lineAt(lines, node), message: `YAML alias *${node.source} names no anchor before it; define &${node.source} first` });
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_CONFIG_DEPTH) {
      problems.push({ line: lineAt(lines, node), message: `the file nests deeper than ${MAX_CONFIG_DEPTH} levels; a config needs only a few` });
      return problems;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return problems;
}

function firstAliasLine(doc: Document.Parsed, lines: LineCounter): number {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return lineAt(lines, node as Node);
    if (isPair(node)) stack.push(node.value, node.key);
    else if (isMap(node) || isSeq(node)) stack.push(...[...(node.items as unknown[])].reverse());
  }
  return 1;
}

/** The config's value, or each reason the text cannot be one. Never throws. */
export function readConfigYaml(text: string): YamlRead {
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      ok: false,
      errors: [{ line: 1, message: `the file is ${Math.ceil(text.length / 1024)} KB; a config must be under ${MAX_CONFIG_BYTES / 1024} KB` }],
    };
  }
  const deep = flowTooDeep(text);
  if (deep !== undefined)
    return { ok: false, errors: [{ line: deep, message: `the file nests deeper than ${MAX_CONFIG_DEPTH} levels; a config needs only a few` }] };
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { ok: false, errors: [{ line: 1, message: `YAML syntax: ${wording(error instanceof Error ? error.message : String(error))}` }] };
  }
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => ({
      line: error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line,
      message: `YAML syntax: ${wording(error.message)}`,
    }));
    return { ok: false, errors };
  }
  const shape = shapeProblems(doc, lines);
  if (shape.length > 0) return { ok: false, errors: shape };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc, lines };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      return {
        ok: false,
        errors: [{ line: firstAliasLine(doc, lines), message: `YAML aliases expand to too many nodes (over ${MAX_ALIAS_COUNT} uses); write the values out` }],
      };
    }
    return { ok: false, errors: [{ line: 1, message: `YAML: ${wording(message)}` }] };
  }
}
