// The text of an app's release notes: one section per category in the configured order, a PR in
// the first category whose labels it carries, the rest under "Other Changes", in the format of
// Openverse's published notes (`## Title`, a blank line, one wrapped line per PR).
import type { NotesConfig } from "../config/types.js";
import { render } from "../template.js";
import type { MergedPull } from "./types.js";
import { WRAP_COLUMN, wrapText } from "./wrap.js";
import { inertText } from "../markdown/inert.js";

export const OTHER_CHANGES = "Other Changes";

export interface NotesSettings extends Pick<NotesConfig, "line" | "categories" | "excludeLabels" | "contributors"> {
  readonly app?: string;
  readonly version?: string;
  readonly tag?: string;
  /** Set when reading stopped at the bound: the notes say so instead of looking complete. */
  readonly boundHit?: number;
  /** Under `versioning.resolve`: the sentence saying which version the merged PRs make and why. */
  readonly resolved?: string;
  /** Column to wrap at; 0 keeps each PR on one line. */
  readonly wrap?: number;
}

export interface NotesSection {
  readonly title: string;
  readonly pulls: readonly MergedPull[];
}

export function isExcluded(pull: MergedPull, excludeLabels: readonly string[]): boolean {
  return pull.labels.some((label) => excludeLabels.includes(label));
}

/** Newest merge first, as release-drafter lists them; the number breaks ties so order is stable. */
function byMergedDesc(a: MergedPull, b: MergedPull): number {
  const at = a.mergedAt ?? "";
  const bt = b.mergedAt ?? "";
  return at < bt ? 1 : at > bt ? -1 : b.number - a.number;
}

/** Sections in category order; empty ones are left out, "Other Changes" comes last. */
export function groupPulls(pulls: readonly MergedPull[], settings: Pick<NotesSettings, "categories" | "excludeLabels">): readonly NotesSection[] {
  const buckets = new Map<string, MergedPull[]>();
  for (const pull of [...pulls].sort(byMergedDesc)) {
    if (isExcluded(pull, settings.excludeLabels)) continue;
    const category = settings.categories.find((c) => c.labels.some((label) => pull.labels.includes(label)));
    const title = category?.title ?? OTHER_CHANGES;
    // Appended in place: copying the bucket for each PR made grouping quadratic in the PRs.
    const bucket = buckets.get(title);
    if (bucket === undefined) buckets.set(title, [pull]);
    else bucket.push(pull);
  }
  const titles = [...settings.categories.map((c) => c.title), OTHER_CHANGES];
  // Two categories may share a title; the section is written once, where it first appears.
  return [...new Set(titles)].flatMap((title) => {
    const found = buckets.get(title);
    return found === undefined ? [] : [{ title, pulls: found }];
  });
}

/** "@a", "@a and @b", "@a, @b and @c". */
function listPeople(logins: readonly string[]): string {
  const named = logins.map((login) => `@${login}`);
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1] ?? ""}`;
}

/** People thanked in the Credits section: bots are not contributors. */
export function contributors(pulls: readonly MergedPull[]): readonly string[] {
  const logins = new Set(pulls.map((p) => p.author).filter((login) => login !== "" && !login.endsWith("[bot]")));
  // Lower-cased once per login rather than twice per comparison of the sort.
  const keyed = [...logins].map((login) => ({ login, key: login.toLowerCase() }));
  return keyed.sort((a, b) => a.key.localeCompare(b.key)).map(({ login }) => login);
}

/** The notes' markdown, ending in one newline; "" when no PR is left after exclusion. */
export function renderNotes(pulls: readonly MergedPull[], settings: NotesSettings): string {
  const wrap = settings.wrap ?? WRAP_COLUMN;
  const sections = groupPulls(pulls, settings);
  if (sections.length === 0) return "";
  const blocks = sections.map(({ title, pulls: listed }) => {
    const lines = listed.map((pull) =>
      wrapText(
        render(settings.line, {
          // A title is anyone's text: no mention, HTML or marker of its own (its code spans stay).
          title: inertText(pull.title.trim()),
          number: pull.number,
          url: pull.url,
          // GitHub's REST login of an app is `dependabot[bot]`; notes name it `@dependabot`, as
          // release-drafter (GraphQL logins) did in Openverse's published notes.
          author: pull.author.replace(/\[bot\]$/, ""),
          ...(settings.app === undefined ? {} : { app: settings.app }),
          ...(settings.version === undefined ? {} : { version: settings.version }),
          ...(settings.tag === undefined ? {} : { tag: settings.tag }),
        }),
        wrap,
      ),
    );
    return `## ${title}\n\n${lines.join("\n")}`;
  });
  if (settings.boundHit !== undefined) {
    blocks.push(
      wrapText(`Showing the first ${settings.boundHit} pull requests merged since the last release; raise notes.max_pull_requests to list more.`, wrap),
    );
  }
  if (settings.resolved !== undefined) blocks.push(wrapText(settings.resolved, wrap));
  if (settings.contributors) {
    const people = contributors(sections.flatMap((s) => s.pulls));
    if (people.length > 0) blocks.push(`## Credits\n\n${wrapText(`Thanks to ${listPeople(people)} for their contributions!`, wrap)}`);
  }
  return `${blocks.join("\n\n")}\n`;
}
