// Python modules that carry `__version__ = "10.8.5"` (UKRDC keeps it in
// ukrdc/services/__init__.py), with single or double quotes and an optional `: str` annotation.
import type { VersionFile } from "./types.js";

// Only a top-level assignment counts; an indented one sits inside a function or a branch.
const ASSIGNMENT = /^(__version__\s*(?::\s*str\s*)?=\s*)(["'])([^"'\r\n]*)\2/m;

export const pythonVersionFile: VersionFile = {
  kind: "a Python module",
  readVersion(content) {
    return ASSIGNMENT.exec(content)?.[3];
  },
  updateContent(content, version) {
    if (!ASSIGNMENT.test(content)) {
      return { error: 'The module has no top-level `__version__ = "..."` line to update.' };
    }
    return content.replace(ASSIGNMENT, (_all, prefix: string, quote: string) => `${prefix}${quote}${version}${quote}`);
  },
};
