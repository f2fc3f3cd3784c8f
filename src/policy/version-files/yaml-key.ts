// A version at a key path in a YAML file (Helm's Chart.yaml `version` / `appVersion`, a values
// file's `image.tag`). The document is parsed only to find where the scalar sits in the text; the
// edit replaces those characters and nothing else, so comments, order and quoting stay as written.
import { isScalar, parseDocument, Scalar } from "yaml";
import { keySegments } from "./spec.js";
import type { VersionFile, VersionFileError } from "./types.js";

type Found = { readonly start: number; readonly end: number; readonly type: Scalar["type"]; readonly text: string } | VersionFileError;

function find(content: string, key: string): Found {
  const document = parseDocument(content, { prettyErrors: false });
  if (document.errors.length > 0) return { error: `it is not valid YAML (${document.errors[0]?.message.split("\n")[0] ?? "parse error"}).` };
  const node = document.getIn(keySegments(key), true);
  if (!isScalar(node) || node.range == null) return { error: `it has no plain value at ${key}.` };
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return { error: `${key} is a block scalar; write it on one line.` };
  const [start, end] = node.range;
  // The text as written, not the parsed value: `version: 1.10` is the number 1.1 to YAML.
  const raw = content.slice(start, end);
  const text = node.type === Scalar.PLAIN ? raw : raw.slice(1, -1);
  return { start, end, type: node.type, text };
}

/** A plain scalar stays plain unless YAML would read the new version as something else (2024.10). */
function written(version: string, type: Scalar["type"]): string {
  if (type === Scalar.QUOTE_SINGLE) return `'${version}'`;
  if (type === Scalar.QUOTE_DOUBLE) return `"${version}"`;
  const parsed = parseDocument(version).contents;
  return isScalar(parsed) && typeof parsed.value === "string" && parsed.value === version ? version : `"${version}"`;
}

export function yamlKeyVersionFile(key: string): VersionFile {
  return {
    kind: `YAML (${key})`,
    readVersion(content) {
      const found = find(content, key);
      return "error" in found || found.text.length === 0 ? undefined : found.text;
    },
    updateContent(content, version) {
      const found = find(content, key);
      if ("error" in found) return found;
      return `${content.slice(0, found.start)}${written(version, found.type)}${content.slice(found.end)}`;
    },
  };
}
