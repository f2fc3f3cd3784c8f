// reStructuredText changelogs. GWCelery keeps `CHANGES.rst` with a `Changelog` title over `=`,
// then one section per release whose heading is underlined with `-` exactly as long as the
// heading, items written `-   text` with continuation lines indented four spaces. Other projects
// use other adornments, overlines, or `=` for releases: every title docutils accepts is read
// (rst-titles.ts), releases sit at the level of the first release title, and a release's notes
// stop at the next title of that level or above, whatever its adornment.
import { isReleaseHeading, parseHeadingText } from "./heading.js";
import { lines, renderTitle, styleOf, styleRanks, titles } from "./rst-titles.js";
import { sectionedFormat, type ChangelogSyntax } from "./sections.js";
import type { Changelog, ChangelogFormat, ChangelogSection, HeadingTemplates } from "./types.js";

function parse(text: string, templates: HeadingTemplates): Changelog {
  const all = lines(text);
  const found = titles(all).map((title) => ({ title, heading: parseHeadingText(title.text, templates) }));
  const firstRelease = found.findIndex((t) => isReleaseHeading(t.heading));
  const release = found[firstRelease];
  if (release === undefined) return { preamble: text, sections: [] };
  const ranks = styleRanks(found.map((t) => t.title));
  const level = ranks.get(release.title.style) ?? 0;
  const starts = found.slice(firstRelease).filter((t) => (ranks.get(t.title.style) ?? 0) <= level);
  const sections: ChangelogSection[] = starts.map(({ title, heading }, n) => {
    const start = all[title.line]?.start ?? text.length;
    const next = starts[n + 1];
    const end = next === undefined ? text.length : (all[next.title.line]?.start ?? text.length);
    const rawHeading = all
      .slice(title.line, title.line + title.span)
      .map((line) => line.raw)
      .join("");
    return { heading, rawHeading, body: text.slice(start + rawHeading.length, end), start, end };
  });
  return { preamble: text.slice(0, sections[0]?.start ?? text.length), sections };
}

/** Releases take `-` under a `=` document title, or the first style the document leaves free. */
function freeStyle(document: string): string {
  const used = new Set(titles(lines(document)).map((t) => t.style));
  return ["-", "=", "~", "^", '"', "'", "+", "*"].find((style) => !used.has(style)) ?? "-";
}

function headingBlock(title: string, eol: string, like: ChangelogSection | undefined, document = ""): string {
  const style = (like === undefined ? undefined : styleOf(like.rawHeading)) ?? freeStyle(document);
  return renderTitle(title, style, eol);
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
  // A line scan, linear already: the head is the whole parse.
  head: parse,
  headIsWhole: true,
  through: parse,
  headings: (text, templates) => parse(text, templates).sections.map((s) => s.heading),
  headingBlock,
  itemBlock: (text, eol) => `-   ${text.split(/\r?\n/).join(`${eol}    `)}${eol}`,
  items,
};

export function rstChangelog(templates: HeadingTemplates = {}): ChangelogFormat {
  return sectionedFormat(rstSyntax, templates);
}
