// towncrier's fragment files (`changelog.d/<issue>.<type>[.<counter>][.md|.rst]`) read as
// towncrier reads them: the type is the last dotted part of the name that is a known type,
// searched from the back, everything before it is the issue, a number after it a counter
// (towncrier/_builder.py `parse_newfragment_basename`); `+<name>.<type>` has no issue (an orphan,
// towncrier 22.12.0 #428), and a name with no known type is not a fragment (towncrier skips it,
// so it is left in place). Sections come in towncrier's default order and titles; `misc` shows
// only its issues (`showcontent = false`), and fragments of the same text are one entry with
// their issues together, numeric issues in number order.
import type { Fragment, FragmentEntry, FragmentSection } from "./types.js";

/** towncrier's default types, in its order, with its titles and whether the text is shown. */
export const TOWNCRIER_TYPES: readonly { readonly type: string; readonly title: string; readonly showContent: boolean }[] = [
  { type: "feature", title: "Features", showContent: true },
  { type: "bugfix", title: "Bugfixes", showContent: true },
  { type: "doc", title: "Improved Documentation", showContent: true },
  { type: "removal", title: "Deprecations and Removals", showContent: true },
  { type: "misc", title: "Misc", showContent: false },
];

/** A fragment's name as towncrier reads it; undefined when it names no known type. */
export function parseTowncrierName(name: string): { readonly issue: string | undefined; readonly type: string; readonly counter: number } | undefined {
  const parts = name.split(".");
  const known = new Set(TOWNCRIER_TYPES.map((t) => t.type));
  for (let i = parts.length - 1; i >= 1; i--) {
    const type = parts[i] ?? "";
    if (!known.has(type)) continue;
    const issue = parts.slice(0, i).join(".").trim();
    const next = parts[i + 1];
    const counter = next !== undefined && /^\d+$/.test(next) ? Number(next) : 0;
    if (issue === "" || issue.startsWith("+")) return { issue: undefined, type, counter };
    // towncrier reads `0123` as issue 123.
    return { issue: /^\d+$/.test(issue) ? String(Number(issue)) : issue, type, counter };
  }
  return undefined;
}

function byIssue(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sections of a release from the fragment files (name → text) and the files they came from. */
export function towncrierSections(files: Readonly<Record<string, string>>): {
  readonly sections: readonly FragmentSection[];
  readonly used: readonly Fragment[];
} {
  const used: Fragment[] = [];
  for (const [name, text] of Object.entries(files)) {
    const parsed = parseTowncrierName(name);
    if (parsed === undefined) continue;
    used.push({ name, type: parsed.type, ...(parsed.issue === undefined ? {} : { issue: parsed.issue }), text: text.trim() });
  }
  const sections: FragmentSection[] = [];
  for (const { type, title, showContent } of TOWNCRIER_TYPES) {
    const ofType = used.filter((f) => f.type === type);
    if (ofType.length === 0) continue;
    if (!showContent) {
      const issues = [...new Set(ofType.flatMap((f) => (f.issue === undefined ? [] : [f.issue])))].sort(byIssue);
      if (issues.length > 0) sections.push({ title, entries: [{ text: undefined, issues }] });
      continue;
    }
    // Same text, one entry; entries with an issue in issue order, orphans after them.
    const byText = new Map<string, string[]>();
    for (const fragment of ofType) {
      const issues = byText.get(fragment.text) ?? [];
      if (fragment.issue !== undefined) issues.push(fragment.issue);
      byText.set(fragment.text, issues);
    }
    const entries: FragmentEntry[] = [...byText].map(([text, issues]) => ({ text, issues: issues.sort(byIssue) }));
    entries.sort((a, b) => {
      const ia = a.issues[0];
      const ib = b.issues[0];
      if (ia === undefined || ib === undefined) return ia === undefined ? (ib === undefined ? 0 : 1) : -1;
      return byIssue(ia, ib);
    });
    sections.push({ title, entries });
  }
  return { sections, used };
}
