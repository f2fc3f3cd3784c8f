// Keep a Changelog files through `/release`, read back with the keep-a-changelog parser (what
// other tools of that format's users read them with).
import { parser } from "keep-a-changelog";
import { describe, expect, it } from "vitest";
import { markdownChangelog } from "../../../src/policy/changelog/index.js";
import type { Action, CommitFiles, CreateRelease } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { config, gwceleryFacts } from "../release/cut-builders.js";
import { fixture } from "./fixtures.js";

const md = markdownChangelog();
const REAL = fixture("keep-a-changelog", "CHANGELOG.md");
const REPO = "https://github.com/oscarotero/keep-a-changelog";

/** The real file with the work since 3.1.0 under `## [Unreleased]`, as its team keeps it. */
const UNRELEASED = REAL.replace("## [3.1.0]", "## [Unreleased]\n### Added\n- Read `[Unreleased]` compare links\n\n## [3.1.0]");
/** The form keepachangelog.com shows: an `[unreleased]` link on top of the definitions. */
const WITH_UNRELEASED_LINK = UNRELEASED.replace(`[3.1.0]: ${REPO}`, `[unreleased]: ${REPO}/compare/v3.1.0...HEAD\n[3.1.0]: ${REPO}`);

const KAC_CONFIG = config(
  'versioning: { scheme: semver }\ntag: "v{version}"\nchangelog:\n  file: CHANGELOG.md\n  via: commit\n',
  "oscarotero/keep-a-changelog",
);

function cut(text: string): { readonly released: string; readonly back: string; readonly notes: string } {
  const { actions } = planCutRelease(
    gwceleryFacts({
      repo: { owner: "oscarotero", repo: "keep-a-changelog" },
      repoUrl: REPO,
      config: KAC_CONFIG,
      command: { name: "release", level: "minor" },
      issue: { number: 5, title: "Next release", body: "", labels: [] },
      changelog: text,
      tags: ["v3.1.0", "v3.0.6"],
      now: "2026-09-01T10:00:00.000Z",
    }),
  ).plan;
  const commits = actions.filter((a: Action): a is CommitFiles => a.kind === "commit-files");
  const release = actions.find((a: Action): a is CreateRelease => a.kind === "create-release");
  const content = (commit: CommitFiles | undefined) => commit?.files.find((f) => f.path === "CHANGELOG.md")?.content ?? "";
  return { released: content(commits[0]), back: content(commits[1]), notes: release?.body ?? "" };
}

function releases(text: string): string[] {
  return parser(text).releases.map((r) => `${r.version?.toString() ?? "unreleased"} ${r.date?.toISOString().slice(0, 10) ?? "-"}`);
}

describe("Keep a Changelog through /release", () => {
  const { released, back, notes } = cut(UNRELEASED);

  it("writes the release heading with brackets and an ISO date, changing nothing else in the head", () => {
    expect(released.slice(0, released.indexOf("## [3.1.0]"))).toBe(
      UNRELEASED.slice(0, UNRELEASED.indexOf("## [Unreleased]")).concat("## [3.2.0] - 2026-09-01\n### Added\n- Read `[Unreleased]` compare links\n\n"),
    );
  });

  it("adds the 3.2.0 compare link above 3.1.0's, and changes no other byte", () => {
    expect(released).toContain(`[3.2.0]: ${REPO}/compare/v3.1.0...v3.2.0\n[3.1.0]: ${REPO}/compare/v3.0.6...v3.1.0\n`);
    const withoutEdits = released.replace("## [3.2.0] - 2026-09-01", "## [Unreleased]").replace(`[3.2.0]: ${REPO}/compare/v3.1.0...v3.2.0\n`, "");
    expect(withoutEdits).toBe(UNRELEASED);
  });

  it("goes back to development with an empty [Unreleased] on top", () => {
    expect(back).toBe(released.replace("## [3.2.0]", "## [Unreleased]\n\n## [3.2.0]"));
  });

  it("publishes the section's notes", () => {
    expect(notes.startsWith("### Added\n- Read `[Unreleased]` compare links\n\n")).toBe(true);
  });

  it("reads back with the keep-a-changelog parser to the right versions and dates", () => {
    expect(releases(REAL).slice(0, 2)).toEqual(["3.1.0 2026-08-03", "3.0.6 2026-08-01"]);
    expect(releases(released).slice(0, 3)).toEqual(["3.2.0 2026-09-01", "3.1.0 2026-08-03", "3.0.6 2026-08-01"]);
    expect(releases(back).slice(0, 3)).toEqual(["unreleased -", "3.2.0 2026-09-01", "3.1.0 2026-08-03"]);
    expect(releases(back)).toHaveLength(releases(REAL).length + 2);
  });

  it("moves an [unreleased] compare link to the new tag and adds the release's below it", () => {
    const { released: linked } = cut(WITH_UNRELEASED_LINK);
    expect(linked).toContain(`[unreleased]: ${REPO}/compare/v3.2.0...HEAD\n[3.2.0]: ${REPO}/compare/v3.1.0...v3.2.0\n[3.1.0]: ${REPO}`);
  });
});

describe("Keep a Changelog edits", () => {
  it("keeps addUnreleased idempotent", () => {
    const once = md.addUnreleased(REAL, { version: "3.1.1", empty: "No changes yet." });
    expect(once).toBe(REAL.replace("## [3.1.0]", "## [Unreleased]\n\n## [3.1.0]"));
    expect(md.addUnreleased(once, { version: "3.1.1", empty: "No changes yet." })).toBe(once);
  });

  it("does not add a compare link twice when a release is finalised again", () => {
    const first = md.finalize(UNRELEASED, { version: "3.2.0", date: "2026-09-01", tag: "v3.2.0" });
    if ("error" in first) throw new Error(first.error);
    const again = md.finalize(first.text, { version: "3.2.0", date: "2026-09-02", tag: "v3.2.0" });
    if ("error" in again) throw new Error(again.error);
    expect(again.text).toBe(first.text.replace("## [3.2.0] - 2026-09-01", "## [3.2.0] - 2026-09-02"));
  });

  it("takes the tag's spelling from the previous link when no tag is given", () => {
    const result = md.finalize(WITH_UNRELEASED_LINK, { version: "3.2.0", date: "2026-09-01" });
    expect("text" in result && result.text).toContain(`[unreleased]: ${REPO}/compare/v3.2.0...HEAD\n`);
  });

  it("keeps CRLF on the link it adds to a CRLF file", () => {
    const crlf = WITH_UNRELEASED_LINK.replace(/\n/g, "\r\n");
    const result = md.finalize(crlf, { version: "3.2.0", date: "2026-09-01", tag: "v3.2.0" });
    expect("text" in result && result.text).toContain(`[unreleased]: ${REPO}/compare/v3.2.0...HEAD\r\n[3.2.0]: ${REPO}/compare/v3.1.0...v3.2.0\r\n`);
  });

  it("writes no link for a tag that cannot go into a URL as it is", () => {
    const result = md.finalize(WITH_UNRELEASED_LINK, { version: "3.2.0", date: "2026-09-01", tag: "v3.2.0 <x>" });
    expect("text" in result && result.text).toContain(`[unreleased]: ${REPO}/compare/v3.1.0...HEAD\n[3.1.0]`);
  });

  it("follows a configured bracketed heading template", () => {
    const custom = markdownChangelog({ heading: "[{version}] ({date:DD.MM.YYYY})" });
    const result = custom.finalize(UNRELEASED, { version: "3.2.0", date: "2026-09-01" });
    expect("text" in result && result.text).toContain("## [3.2.0] (01.09.2026)\n");
  });
});
