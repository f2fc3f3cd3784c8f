// A version found by the literal text around it on one line: `{ path: Makefile, pattern: "VERSION := {version}" }`.
// The pattern is config text, so it is escaped whole; a run of spaces in it matches any run of
// spaces and tabs (or none), so "version = {version}" also finds `version=1.2.3`. Every line that
// matches is updated (a file may name its version twice, as release-please's generic updater
// allows); the first match is the version read.
import { VERSION_PLACEHOLDER } from "./spec.js";
import type { VersionFile } from "./types.js";

/** Longer lines are not looked at: no version line is that long, and the match stays cheap. */
const MAX_LINE = 10_000;

/** What a version may be made of here: every scheme's characters (PEP 440's `!` and `+`, SemVer's `-`). */
const VERSION_TEXT = "([0-9A-Za-z][0-9A-Za-z.+!_-]*)";

function literal(text: string): string {
  return text
    .split(/[ \t]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("[ \\t]*");
}

function matcher(pattern: string): RegExp {
  const [before = "", after = ""] = pattern.split(VERSION_PLACEHOLDER);
  // Anchored to no boundary on purpose: the pattern may start mid-line (`export VERSION=...`).
  return new RegExp(`(${literal(before)})${VERSION_TEXT}(?=${literal(after)})`);
}

export function patternVersionFile(pattern: string): VersionFile {
  const find = matcher(pattern);
  return {
    kind: `a file matched by "${pattern}"`,
    readVersion(content) {
      for (const line of content.split("\n")) {
        const match = line.length > MAX_LINE ? null : find.exec(line);
        if (match) return match[2];
      }
      return undefined;
    },
    updateContent(content, version) {
      let found = false;
      const lines = content.split("\n").map((line) => {
        const match = line.length > MAX_LINE ? null : find.exec(line);
        if (!match) return line;
        found = true;
        const start = match.index + (match[1] ?? "").length;
        return `${line.slice(0, start)}${version}${line.slice(start + (match[2] ?? "").length)}`;
      });
      return found ? lines.join("\n") : { error: `no line matches "${pattern}".` };
    },
  };
}
