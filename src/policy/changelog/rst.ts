// reStructuredText changelogs as GWCelery keeps `CHANGES.rst`: a `Changelog` title over `=`,
// then one section per release whose heading is underlined with `-` exactly as long as the
// heading, items written `-   text` with continuation lines indented four spaces.
import { parseHeadingText } from "./heading.js";
import { sectionedFormat, type ChangelogSyntax } from "./sections.js";
import type { Changelog, ChangelogFormat, ChangelogSection, HeadingTemplates } from "./types.js";

interface Line {
  readonly text: string;
  /** The line including its terminator. */
  readonly raw: string;
  readonly start: number;
}

function lines(text: string): readonly Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    const raw = text.slice(start, end);
    out.push({ raw, text: raw.replace(/\r?\n$/, ""), start });
    start = end;
  }
  return out;
}

/** A section title: text from the first column, after a blank line, underlined with enough `-`. */
function isSectionTitle(all: readonly Line[], index: number): boolean {
  const title = all[index]?.text.trimEnd();
  const underline = all[index + 1]?.text.trimEnd();
  if (title === undefined || underline === undefined || title.length === 0 || /^\s/.test(title)) return false;
  if (!/^-+$/.test(underline) || underline.length < [...title].length) return false;
  // A line of dashes over a line of dashes is a transition, not a title.
  if (/^-+$/.test(title)) return false;
  const before = all[index - 1];
  return before === undefined || before.text.trim() === "";
}

function parse(text: string, templates: HeadingTemplates): Changelog {
  const all = lines(text);
  const starts: number[] = [];
  for (let i = 0; i < all.length; i += 1) {
    if (isSectionTitle(all, i)) {
      starts.push(i);
      i += 1;
    }
  }
  const firstLine = starts[0] === undefined ? undefined : all[starts[0]];
  const preamble = firstLine === undefined ? text : text.slice(0, firstLine.start);
  const sections: ChangelogSection[] = [];
  starts.forEach((lineIndex, n) => {
    const title = all[lineIndex];
    const underline = all[lineIndex + 1];
    if (!title || !underline) return;
    const nextIndex = starts[n + 1];
    const end = nextIndex === undefined ? text.length : (all[nextIndex]?.start ?? text.length);
    const rawHeading = title.raw + underline.raw;
    const bodyStart = title.start + rawHeading.length;
    sections.push({
      heading: parseHeadingText(title.text, templates),
      rawHeading,
      body: text.slice(bodyStart, end),
      start: title.start,
      end,
    });
  });
  return { preamble, sections };
}

function items(body: string): readonly string[] {
  const out: string[][] = [];
  let current: string[] | undefined;
  let indent = 0;
  let blanks = 0;
  for (const { text } of lines(body)) {
    const bullet = /^([-*+]\s+)(.*)$/.exec(text);
    if (bullet) {
      current = [(bullet[2] ?? "").trimEnd()];
      indent = bullet[1]?.length ?? 0;
      out.push(current);
      blanks = 0;
    } else if (text.trim() === "") {
      blanks += 1;
    } else if (current && /^\s/.test(text)) {
      // A blank line followed by more indented text is still the same item (GWCelery's 2.0.0
      // entry carries a `__ https://...` link target that way).
      for (; blanks > 0; blanks -= 1) current.push("");
      const leading = /^ */.exec(text)?.[0].length ?? 0;
      current.push(text.slice(Math.min(leading, indent)).trimEnd());
    } else {
      current = undefined;
      blanks = 0;
    }
  }
  return out.map((item) => item.join("\n"));
}

export const rstSyntax: ChangelogSyntax = {
  name: "rst",
  parse,
  headingBlock: (title, eol) => `${title}${eol}${"-".repeat([...title].length)}${eol}`,
  itemBlock: (text, eol) => `-   ${text.split(/\r?\n/).join(`${eol}    `)}${eol}`,
  items,
};

export function rstChangelog(templates: HeadingTemplates = {}): ChangelogFormat {
  return sectionedFormat(rstSyntax, templates);
}
