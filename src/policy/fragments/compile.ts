// The fragments written into the changelog's unreleased section, through the changelog format's
// own parse (this file never edits the format code): the section's placeholder item is replaced,
// entries a person wrote there stay first, every other byte of the file stays as it was, and the
// file's own line ending is kept. Fragment text comes from pull requests, so it goes in inert:
// no mention, no raw HTML or hidden marker, no block of its own (its inline markup stays).
import type { ChangelogFormat, ChangelogFormatName } from "../changelog/index.js";
import { inertText } from "../markdown/inert.js";
import type { FragmentSection } from "./types.js";

const ZWJ = "\u200d";

/** RST has no raw HTML, but the release notes made from it are Markdown on GitHub: no mention, no marker, one line. */
function rstInert(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWJ}`)
    .replace(/<!--/g, `<${ZWJ}!--`);
}

function issueLink(issue: string, format: ChangelogFormatName, repoUrl: string): string {
  // Only a number becomes a link: anything else is the fragment author's text.
  if (!/^\d{1,10}$/.test(issue)) return format === "rst" ? rstInert(issue) : inertText(issue);
  const url = `${repoUrl}/issues/${issue}`;
  return format === "rst" ? `\`#${issue} <${url}>\`__` : `[#${issue}](${url})`;
}

/** The sections as changelog text; `level` is the Markdown heading level of a type's title. */
export function renderFragments(sections: readonly FragmentSection[], format: ChangelogFormatName, repoUrl: string, level: number): string {
  const blocks = sections.map(({ title, entries }) => {
    const lines = entries.map(({ text, issues }) => {
      const links = issues.map((issue) => issueLink(issue, format, repoUrl)).join(", ");
      if (text === undefined) return `- ${links}`;
      const body = format === "rst" ? rstInert(text) : inertText(text);
      return links === "" ? `- ${body}` : `- ${body} (${links})`;
    });
    // An RST sub-title would have to fit the file's own adornment order, so a type is a bold line there.
    const heading = format === "rst" ? `**${title}**` : `${"#".repeat(Math.min(6, level))} ${title}`;
    return `${heading}\n\n${lines.join("\n")}`;
  });
  return blocks.join("\n\n");
}

/** The heading level a type's title takes under the unreleased section's own heading. */
function subLevel(rawHeading: string): number {
  const atx = /^ {0,3}(#{1,6})\s/.exec(rawHeading);
  if (atx?.[1] !== undefined) return atx[1].length + 1;
  return /\n=+\s*$/.test(rawHeading.trimEnd()) ? 2 : 3;
}

function lineEnding(text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return crlf * 2 > (text.match(/\n/g) ?? []).length ? "\r\n" : "\n";
}

/**
 * The changelog with the compiled fragments in its unreleased section, or a sentence saying why
 * not. With no sections the text is returned as it was.
 */
export function compileInto(
  text: string,
  format: ChangelogFormat,
  sections: readonly FragmentSection[],
  repoUrl: string,
): { readonly text: string } | { readonly error: string } {
  if (sections.length === 0) return { text };
  const section = format.parse(text).sections.find((s) => s.heading.unreleased);
  if (section === undefined) {
    return { error: "The changelog has no unreleased section to compile the fragments into; add one (e.g. `## 1.3.0 (unreleased)`) and type /release again." };
  }
  const eol = lineEnding(text);
  const compiled = renderFragments(sections, format.name, repoUrl, subLevel(section.rawHeading)).replace(/\n/g, eol);
  const trailing = /\s*$/.exec(section.body)?.[0] ?? "";
  const kept = format.unreleasedEntries(text).length === 0 ? "" : section.body.slice(0, section.body.length - trailing.length);
  const gap = trailing.includes("\n") ? trailing : `${eol}${eol}`;
  const body = kept === "" ? `${eol}${compiled}${gap}` : `${kept}${eol}${eol}${compiled}${gap}`;
  const start = section.start + section.rawHeading.length;
  return { text: text.slice(0, start) + body + text.slice(section.end) };
}
