// The edits every sectioned changelog shares. A format supplies only its syntax: how it finds
// sections, how it writes a heading and an item, and how it reads items back. Every edit splices
// new text in at the parsed offsets, so untouched sections keep every byte they had. Edits read
// the head of the file only (down to the newest release), so their cost does not grow with the
// file's history.
import { DEFAULT_HEADING, DEFAULT_UNRELEASED, isEmptyPlaceholder, releaseBase, renderHeading, sameVersion } from "./heading.js";
import type { Changelog, ChangelogFormat, ChangelogFormatName, ChangelogSection, FinalizeFacts, HeadingTemplates, ParsedHeading } from "./types.js";

/** A form with its own heading conventions (Keep a Changelog), recognised from a section. */
export interface Dialect {
  releaseTitle(facts: FinalizeFacts): string;
  readonly unreleasedTitle: string;
  /** Whether a new unreleased section gets the empty placeholder item. */
  readonly placeholder: boolean;
  /** Further edits a release makes, e.g. compare links. */
  afterRelease(text: string, facts: { readonly version: string; readonly tag?: string }): string;
}

export interface ChangelogSyntax {
  readonly name: ChangelogFormatName;
  parse(text: string, templates: HeadingTemplates): Changelog;
  /** Sections down to the newest release, each whole; the last section holds the rest unread. */
  head(text: string, templates: HeadingTemplates): Changelog;
  /** Sections down to `version`'s, each whole; the last section holds the rest unread. */
  through(text: string, templates: HeadingTemplates, version: string): Changelog;
  /** Every heading of the file, in linear time: for what needs names and versions only. */
  headings(text: string, templates: HeadingTemplates): readonly ParsedHeading[];
  /** The head is the whole file (a line-scanned format), so its sections hold every heading. */
  readonly headIsWhole?: boolean;
  /**
   * Heading markup for `title`, shaped like `like` (its level) when given, else fitted to the
   * `document` it goes into; ends with `eol`.
   */
  headingBlock(title: string, eol: string, like: ChangelogSection | undefined, document: string): string;
  /** One list item; ends with `eol`. */
  itemBlock(text: string, eol: string): string;
  /** The items of a section body, markers removed, continuation lines dedented. */
  items(body: string): readonly string[];
  dialect?(like: ChangelogSection | undefined): Dialect | undefined;
}

/**
 * The file's own line ending: CRLF only when most of its lines end so, so one stray CRLF (a line
 * pasted from a Windows editor) does not make every new line of the section CRLF.
 */
export function lineEnding(text: string): string {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    if (text[at - 1] === "\r") crlf += 1;
    else lf += 1;
  }
  return crlf > lf ? "\r\n" : "\n";
}

function trimBlankLines(body: string): string {
  return body.replace(/^(?:[ \t]*\r?\n)+/, "").trimEnd();
}

function splice(text: string, section: ChangelogSection, replacement: string): string {
  return text.slice(0, section.start) + replacement + text.slice(section.start + section.rawHeading.length);
}

/** A configured template written in the dialect's own brackets is the team's choice: it wins. */
function bracketed(template: string | undefined): boolean {
  return template?.trimStart().startsWith("[") === true;
}

export function sectionedFormat(syntax: ChangelogSyntax, templates: HeadingTemplates = {}): ChangelogFormat {
  const headingTemplate = templates.heading ?? DEFAULT_HEADING;
  const unreleasedTemplate = templates.unreleased ?? DEFAULT_UNRELEASED;
  const parse = (text: string): Changelog => syntax.parse(text, templates);
  const head = (text: string): Changelog => syntax.head(text, templates);
  const entries = (section: ChangelogSection): readonly string[] => syntax.items(section.body).filter((item) => !isEmptyPlaceholder(item, templates));

  return {
    name: syntax.name,
    parse,
    head,
    headings: (text) => syntax.headings(text, templates),

    finalize(text, facts) {
      const { sections } = head(text);
      const top = sections.find((s) => !s.heading.unreleased);
      // GWCelery renames its latest candidate's section for the next candidate and for the final
      // release (`2.5.1rc1 "Cactus cat"` → `2.5.1rc2` → `2.5.1`) and re-dates a heading when a
      // release slips, so a released top section of the same series is finalised again.
      const sameSeries = top === sections[0] && top?.heading.version !== undefined && releaseBase(top.heading.version) === releaseBase(facts.version);
      const target = sections.find((s) => s.heading.unreleased) ?? (sameSeries ? top : undefined);
      if (!target) {
        const wanted = renderHeading(unreleasedTemplate, { version: facts.version });
        return { error: `The changelog has no unreleased section to finalise for ${facts.version}; add a "${wanted}" section with the changes first.` };
      }
      // The whole file's headings: an old section of this version may lie far below the head.
      const every = syntax.headIsWhole === true ? sections.map((s) => s.heading) : syntax.headings(text, templates);
      const same = every.filter((h) => h.version !== undefined && sameVersion(h.version, facts.version));
      // The target itself is one of them when it already names the version (a re-dated release).
      const itself =
        target.heading.version !== undefined && sameVersion(target.heading.version, facts.version)
          ? same.findIndex((h) => h.date === target.heading.date && h.unreleased === target.heading.unreleased)
          : -1;
      const clash = same.find((_h, index) => index !== itself);
      if (clash) return { error: `The changelog already has a section for ${facts.version} ("${clash.text}"), so it cannot be released again.` };
      if (entries(target).length === 0) {
        return { error: `The section "${target.heading.text}" lists no changes yet, so there is nothing to release; add its entries first.` };
      }
      const dialect = syntax.dialect?.(target);
      const title = dialect !== undefined && !bracketed(templates.heading) ? dialect.releaseTitle(facts) : renderHeading(headingTemplate, facts);
      const finalised = splice(text, target, syntax.headingBlock(title, lineEnding(text), target, text));
      const linked = dialect?.afterRelease(finalised, { version: facts.version, ...(facts.tag === undefined ? {} : { tag: facts.tag }) }) ?? finalised;
      return { text: linked };
    },

    addUnreleased(text, facts) {
      const eol = lineEnding(text);
      const { sections } = head(text);
      const existing = sections.find((s) => s.heading.unreleased);
      const dialect = syntax.dialect?.(existing ?? sections[0]);
      const title =
        dialect !== undefined && !bracketed(templates.unreleased) ? dialect.unreleasedTitle : renderHeading(unreleasedTemplate, { version: facts.version });
      // One unreleased section at most: when it exists it is renamed, keeping its entries, which
      // is what GWCelery did when a planned 2.4.4 became 2.5.0; running twice changes nothing.
      if (existing) return splice(text, existing, syntax.headingBlock(title, eol, existing, text));
      const placeholder = dialect?.placeholder === false ? "" : eol + syntax.itemBlock(facts.empty, eol);
      const block = syntax.headingBlock(title, eol, sections[0], text) + placeholder;
      const first = sections[0];
      if (first) return text.slice(0, first.start) + block + eol + text.slice(first.start);
      const separator = text.length === 0 || text.endsWith(eol + eol) ? "" : text.endsWith(eol) ? eol : eol + eol;
      return text + separator + block;
    },

    unreleasedEntries(text) {
      const section = head(text).sections.find((s) => s.heading.unreleased);
      return section ? entries(section) : [];
    },

    sectionFor(text, version) {
      const { sections } = syntax.through(text, templates, version);
      const section = sections.find((s) => s.heading.version !== undefined && sameVersion(s.heading.version, version));
      return section ? trimBlankLines(section.body) : undefined;
    },
  };
}
