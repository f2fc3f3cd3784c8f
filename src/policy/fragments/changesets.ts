// changesets' `.changeset/<name>.md` files read as @changesets/parse reads them: YAML front
// matter between `---` lines mapping each package to `major`, `minor` or `patch`, then the
// summary. `README.md` and `config.json` in the directory are its own files, not changesets; a
// changeset with empty front matter releases nothing (`changeset --empty`), so it is deleted
// with the others but adds no entry. Entries go under changesets' own headings (Major Changes,
// Minor Changes, Patch Changes), the level of an entry being the highest it gives any package.
import { parse } from "yaml";
import type { ResolvedLevel } from "../release/resolve-level.js";
import type { Fragment, FragmentSection } from "./types.js";

const TITLES: readonly { readonly level: ResolvedLevel; readonly title: string }[] = [
  { level: "major", title: "Major Changes" },
  { level: "minor", title: "Minor Changes" },
  { level: "patch", title: "Patch Changes" },
];
const RANK: Readonly<Record<ResolvedLevel, number>> = { patch: 0, minor: 1, major: 2 };
const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** One changeset's highest level (undefined: it releases nothing) and summary, or why it is not one. */
export function parseChangeset(
  name: string,
  text: string,
): { readonly level: ResolvedLevel | undefined; readonly summary: string } | { readonly error: string } {
  const front = FRONT.exec(text.replace(/^\uFEFF/, ""));
  if (front === null)
    return { error: `The changeset ${name} has no front matter; start it with --- lines naming each package's level, e.g. "my-package": minor.` };
  let data: unknown;
  try {
    data = parse(front[1] ?? "", { maxAliasCount: 0 });
  } catch {
    return { error: `The front matter of the changeset ${name} is not YAML; write one "package": major|minor|patch line each.` };
  }
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    return { error: `The front matter of the changeset ${name} is not a map; write one "package": major|minor|patch line each.` };
  }
  let level: ResolvedLevel | undefined;
  for (const [pkg, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (value !== "major" && value !== "minor" && value !== "patch") {
      return {
        error: `The changeset ${name} gives ${JSON.stringify(pkg).slice(0, 100)} the level ${JSON.stringify(value).slice(0, 40)}; use major, minor or patch.`,
      };
    }
    if (level === undefined || RANK[value] > RANK[level]) level = value;
  }
  return { level, summary: text.slice(front[0].length).trim() };
}

/** The sections of a release from the changeset files, or the first file's problem. */
export function changesetSections(
  files: Readonly<Record<string, string>>,
): { readonly sections: readonly FragmentSection[]; readonly used: readonly Fragment[]; readonly level?: ResolvedLevel } | { readonly error: string } {
  const used: Fragment[] = [];
  let highest: ResolvedLevel | undefined;
  for (const name of Object.keys(files).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const parsed = parseChangeset(name, files[name] ?? "");
    if ("error" in parsed) return parsed;
    used.push({ name, type: parsed.level ?? "none", text: parsed.summary });
    if (parsed.level !== undefined && (highest === undefined || RANK[parsed.level] > RANK[highest])) highest = parsed.level;
  }
  const sections = TITLES.flatMap(({ level, title }) => {
    const entries = used.filter((f) => f.type === level && f.text !== "").map((f) => ({ text: f.text, issues: [] }));
    return entries.length === 0 ? [] : [{ title, entries }];
  });
  return { sections, used, ...(highest === undefined ? {} : { level: highest }) };
}
