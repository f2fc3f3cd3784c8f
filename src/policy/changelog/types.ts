// The shape every changelog format parses into. A changelog is a preamble followed by release
// sections; `preamble + Σ(rawHeading + body)` is always the original text, byte for byte, so an
// edit can replace one section's heading and leave every other byte as the team wrote it.

export interface ParsedHeading {
  /** The heading's words without its markup (`#`s or the RST underline). */
  readonly text: string;
  /** As written in the heading, without a leading `v` or Markdown link brackets. */
  readonly version?: string;
  readonly codename?: string;
  /** Always `YYYY-MM-DD`, whatever order the heading wrote it in. */
  readonly date?: string;
  /** The date exactly as written (`12-05-2023` is MM-DD-YYYY in GWCelery's file). */
  readonly rawDate?: string;
  readonly unreleased: boolean;
}

export interface ChangelogSection {
  readonly heading: ParsedHeading;
  /** The heading's source including markup and line ending(s), e.g. title, underline, newline. */
  readonly rawHeading: string;
  /** Everything after the heading up to the next section. */
  readonly body: string;
  /** Offsets into the parsed text: `text.slice(start, end) === rawHeading + body`. */
  readonly start: number;
  readonly end: number;
}

export interface Changelog {
  readonly preamble: string;
  readonly sections: readonly ChangelogSection[];
}

export interface FinalizeFacts {
  readonly version: string;
  readonly codename?: string;
  /** `YYYY-MM-DD`; the caller takes it from the clock, policy never does. */
  readonly date: string;
  /** The release's tag, for the links that name it (Keep a Changelog's compare links). */
  readonly tag?: string;
}

export interface UnreleasedFacts {
  readonly version: string;
  /** The placeholder item of an empty section, e.g. `No changes yet.` */
  readonly empty: string;
}

export type FinalizeResult = { readonly text: string } | { readonly error: string };

export interface ChangelogFormat {
  readonly name: ChangelogFormatName;
  /** Never throws; text it cannot make sense of stays in the preamble. */
  parse(text: string): Changelog;
  /**
   * The head of the file: sections down to the newest release, each whole, then one section that
   * holds the rest unread. What an edit needs, at a cost that does not grow with the history.
   */
  head(text: string): Changelog;
  /** Every heading's words, in linear time: the codenames used, the versions written. */
  headings(text: string): readonly ParsedHeading[];
  finalize(text: string, facts: FinalizeFacts): FinalizeResult;
  addUnreleased(text: string, facts: UnreleasedFacts): string;
  /** Items of the unreleased section, without markers; the empty placeholder gives `[]`. */
  unreleasedEntries(text: string): readonly string[];
  /** The body of that version's section with surrounding blank lines removed. */
  sectionFor(text: string, version: string): string | undefined;
}

export type ChangelogFormatName = "markdown" | "rst";

export interface HeadingTemplates {
  /** Default `{version} "{codename}" ({date:YYYY-MM-DD})`; the codename part is left out when there is none. */
  readonly heading?: string;
  /** Default `{version} (unreleased)`. */
  readonly unreleased?: string;
  /** Placeholder texts counted as "no entries"; `No changes yet` with or without a period always is. */
  readonly empty?: readonly string[];
}

/** Back-to-the-document serialisation, the inverse of `parse`. */
export function serializeChangelog(changelog: Changelog): string {
  return changelog.preamble + changelog.sections.map((s) => s.rawHeading + s.body).join("");
}
