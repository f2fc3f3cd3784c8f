// pyproject.toml: `version = "..."` in the `[project]` table (PEP 621) or `[tool.poetry]`. A line
// scan is enough for these two keys and keeps comments and layout, which a TOML round trip loses.
import type { VersionFile } from "./types.js";

const TABLES = new Set(["project", "tool.poetry"]);
const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;
const VERSION = /^(\s*version\s*=\s*)(["'])([^"'\r\n]*)\2/;

interface Found {
  readonly line: number;
  readonly version: string;
}

function findVersion(lines: readonly string[]): Found | undefined {
  let table = "";
  for (const [line, text] of lines.entries()) {
    const header = HEADER.exec(text);
    if (header) {
      table = (header[1] ?? "").replace(/\s*\.\s*/g, ".").replace(/"/g, "");
      continue;
    }
    const match = TABLES.has(table) ? VERSION.exec(text) : null;
    if (match) return { line, version: match[3] ?? "" };
  }
  return undefined;
}

export const pyprojectVersionFile: VersionFile = {
  kind: "pyproject.toml",
  readVersion(content) {
    return findVersion(content.split("\n"))?.version;
  },
  updateContent(content, version) {
    const lines = content.split("\n");
    const found = findVersion(lines);
    if (!found) {
      const dynamic = /^\s*dynamic\s*=\s*\[[^\]]*["']version["']/m.test(content);
      return {
        error: dynamic
          ? "pyproject.toml declares its version dynamic; list the file the build reads it from (such as __init__.py) instead."
          : 'pyproject.toml has no `version = "..."` in [project] or [tool.poetry].',
      };
    }
    lines[found.line] = (lines[found.line] ?? "").replace(VERSION, (_all, prefix: string, quote: string) => `${prefix}${quote}${version}${quote}`);
    return lines.join("\n");
  },
};
