// A version at a key path in a TOML file (Cargo.toml `package.version` or
// `workspace.package.version`, pyproject's `project.version`). A TOML round trip drops comments
// and layout, so the edit is a line scan (tables by their headers, `key = "..."` lines, dotted
// keys) and smol-toml then parses the result to prove only that value changed; anything the scan
// cannot edit safely (an inline table, a multi-line string) is refused rather than guessed at.
import { parse } from "smol-toml";
import { keySegments } from "./spec.js";
import type { VersionFile, VersionFileError } from "./types.js";

const HEADER = /^\s*\[\s*([^[\]]+?)\s*\]\s*(?:#.*)?$/;
const ARRAY_HEADER = /^\s*\[\[/;
const KEY_LINE = /^(\s*)((?:[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*'))*)(\s*=\s*)(["'])([^"'\r\n]*)\4/;

function dotted(text: string): string[] {
  return (text.match(/[A-Za-z0-9_-]+|"[^"]*"|'[^']*'/g) ?? []).map((part) => part.replace(/^["']|["']$/g, ""));
}

function valueAt(document: unknown, path: readonly string[]): unknown {
  let value = document;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

type Parsed = { readonly document: Record<string, unknown> } | VersionFileError;

function parsed(content: string): Parsed {
  try {
    return { document: parse(content) as Record<string, unknown> };
  } catch (error) {
    return { error: `it is not valid TOML (${(error instanceof Error ? error.message : String(error)).split("\n")[0]}).` };
  }
}

function withValue(document: unknown, path: readonly string[], version: string): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  let table = copy;
  for (const segment of path.slice(0, -1)) table = table[segment] as Record<string, unknown>;
  table[path[path.length - 1] ?? ""] = version;
  return copy;
}

export function tomlKeyVersionFile(key: string): VersionFile {
  const path = keySegments(key);
  return {
    kind: `TOML (${key})`,
    readVersion(content) {
      const read = parsed(content);
      if ("error" in read) return undefined;
      const value = valueAt(read.document, path);
      return typeof value === "string" && value.length > 0 ? value : undefined;
    },
    updateContent(content, version) {
      const before = parsed(content);
      if ("error" in before) return before;
      if (typeof valueAt(before.document, path) !== "string") return { error: `it has no string value at ${key}.` };
      let table: readonly string[] | undefined = [];
      let edited = false;
      const lines = content.split("\n").map((line) => {
        if (ARRAY_HEADER.test(line)) {
          table = undefined; // an array of tables is never where a key path points
          return line;
        }
        const header = HEADER.exec(line);
        if (header) {
          table = dotted(header[1] ?? "");
          return line;
        }
        const match = table === undefined || edited ? null : KEY_LINE.exec(line);
        if (!match || table === undefined || [...table, ...dotted(match[2] ?? "")].join("\0") !== path.join("\0")) return line;
        edited = true;
        const [all, indent = "", name = "", equals = "", quote = ""] = match;
        return `${indent}${name}${equals}${quote}${version}${quote}${line.slice(all.length)}`;
      });
      const result = lines.join("\n");
      const after = parsed(result);
      if (!edited || "error" in after || JSON.stringify(after.document) !== JSON.stringify(withValue(before.document, path, version))) {
        return { error: `${key} is not written as a one-line \`key = "..."\`, so it cannot be changed without rewriting the file.` };
      }
      return result;
    },
  };
}
