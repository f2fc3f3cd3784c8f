// A Keep a Changelog CHANGELOG.md of any size in the shape of keep-a-changelog's own real one
// (test/fixtures/processes/keep-a-changelog/): `## [Unreleased]` on top, then releases
// `## [x.y.z] - date` with `### Added/Changed/Fixed` subsections holding the real file's items in
// turn, and a compare-link definition per release at the end.
import { readFileSync } from "node:fs";

const FIXTURE = "test/fixtures/processes/keep-a-changelog/CHANGELOG.md";
const REPO = "https://github.com/oscarotero/keep-a-changelog";

/** The real file's release bodies (subsections and items), each as written. */
function realBodies(): string[] {
  const text = readFileSync(FIXTURE, "utf8");
  const releases = text.slice(text.indexOf("## ["), text.search(/^\[3\.1\.0\]:/m));
  return releases
    .split(/^## \[[^\]]+\] - \S+\n/m)
    .map((body) => body.trimEnd())
    .filter((body) => body.length > 0);
}

export interface GeneratedMarkdown {
  readonly text: string;
  /** The version the unreleased work becomes: one minor above the newest release. */
  readonly next: string;
}

/** About `bytes` long: releases are added until it is that size. */
export function generateKeepAChangelog(bytes: number): GeneratedMarkdown {
  const bodies = realBodies();
  const sections: string[] = [];
  const links: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const body = bodies[i % bodies.length] ?? "";
    const section = `## [1.${i}.0] - 2024-01-${String((i % 28) + 1).padStart(2, "0")}\n${body}\n\n`;
    sections.push(section);
    links.push(`[1.${i}.0]: ${REPO}/compare/v1.${i - 1}.0...v1.${i}.0\n`);
    size += section.length + links[links.length - 1]!.length;
  }
  const newest = sections.length - 1;
  const top = "# Changelog\nAll notable changes to this project will be documented in this file.\n\n## [Unreleased]\n### Added\n- The next thing\n\n";
  const unreleasedLink = `[unreleased]: ${REPO}/compare/v1.${newest}.0...HEAD\n`;
  return {
    text: `${top}${sections.reverse().join("")}\n${unreleasedLink}${links.reverse().join("")}`,
    next: `1.${newest + 1}.0`,
  };
}
