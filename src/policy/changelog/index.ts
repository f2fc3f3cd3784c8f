// The registry of changelog formats, chosen by name or by the changelog file's extension.
import { markdownChangelog } from "./markdown.js";
import { rstChangelog } from "./rst.js";
import type { ChangelogFormat, ChangelogFormatName, HeadingTemplates } from "./types.js";

export const CHANGELOG_FORMAT_NAMES: readonly ChangelogFormatName[] = ["markdown", "rst"];

export function changelogFormat(name: ChangelogFormatName, templates: HeadingTemplates = {}): ChangelogFormat {
  return name === "rst" ? rstChangelog(templates) : markdownChangelog(templates);
}

/** `.rst` and `.rest` files are reStructuredText; anything else (`.md`, no extension) Markdown. */
export function changelogFormatName(path: string): ChangelogFormatName {
  return /\.(rst|rest)$/i.test(path) ? "rst" : "markdown";
}

export { BACK_TO_DEVELOPMENT, changelogCommitMessage, type ChangelogCommitFacts } from "./commit-message.js";
export { DEFAULT_EMPTY, DEFAULT_HEADING, DEFAULT_UNRELEASED, parseHeadingText, renderHeading } from "./heading.js";
export { markdownChangelog } from "./markdown.js";
export { renderReleaseFile, type ReleaseFile } from "./release-file.js";
export { rstChangelog } from "./rst.js";
export {
  serializeChangelog,
  type Changelog,
  type ChangelogFormat,
  type ChangelogFormatName,
  type ChangelogSection,
  type FinalizeFacts,
  type FinalizeResult,
  type HeadingTemplates,
  type ParsedHeading,
  type UnreleasedFacts,
} from "./types.js";
