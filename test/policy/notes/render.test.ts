import { describe, expect, it } from "vitest";
import { contributors, groupPulls, renderNotes, wrapText } from "../../../src/policy/notes/index.js";
import { OPENVERSE_NOTES, pr } from "./builders.js";

const FIX = "🛠 goal: fix";
const ADD = "🌟 goal: addition";
const DX = "🤖 aspect: dx";
const INTERNAL = "🧰 goal: internal improvement";

describe("grouping pull requests into categories", () => {
  it.each([
    { labels: [ADD], section: "New Features" },
    { labels: [FIX], section: "Bug Fixes" },
    { labels: [DX], section: "Internal Improvements" },
    { labels: [INTERNAL], section: "Internal Improvements" },
    { labels: [FIX, ADD], section: "New Features" },
    { labels: ["🧱 stack: api"], section: "Other Changes" },
    { labels: [], section: "Other Changes" },
  ])("a PR labelled $labels goes under $section", ({ labels, section }) => {
    const sections = groupPulls([pr(1, { labels })], OPENVERSE_NOTES);
    expect(sections.map((s) => s.title)).toEqual([section]);
  });

  it("keeps the configured order of sections with Other Changes last", () => {
    const sections = groupPulls([pr(1), pr(2, { labels: [FIX] }), pr(3, { labels: [ADD] })], OPENVERSE_NOTES);
    expect(sections.map((s) => s.title)).toEqual(["New Features", "Bug Fixes", "Other Changes"]);
  });

  it("leaves out PRs carrying an excluded label, whatever else they carry", () => {
    const sections = groupPulls([pr(1, { labels: [FIX, "skip-changelog"] }), pr(2, { labels: [FIX] })], OPENVERSE_NOTES);
    expect(sections.flatMap((s) => s.pulls.map((p) => p.number))).toEqual([2]);
  });

  it("lists the newest merge first within a section", () => {
    const sections = groupPulls([pr(1, { mergedAt: "2024-01-01T00:00:00Z" }), pr(2, { mergedAt: "2024-01-02T00:00:00Z" })], OPENVERSE_NOTES);
    expect(sections[0]?.pulls.map((p) => p.number)).toEqual([2, 1]);
  });

  it("keeps every PR of a section, newest first, when many land in each", () => {
    const labels = [[ADD], [FIX], []];
    const pulls = Array.from({ length: 90 }, (_, i) =>
      pr(i + 1, { labels: labels[i % 3] ?? [], mergedAt: `2024-01-01T00:00:${String(i % 60).padStart(2, "0")}Z` }),
    );
    const numbers = (title: string) =>
      groupPulls(pulls, OPENVERSE_NOTES)
        .find((s) => s.title === title)
        ?.pulls.map((p) => p.number);
    // Same merge second for i and i + 60: the higher number comes first.
    const expected = (offset: number) =>
      pulls
        .filter((p) => p.number % 3 === offset)
        .sort((a, b) => (b.mergedAt ?? "").localeCompare(a.mergedAt ?? "") || b.number - a.number)
        .map((p) => p.number);
    expect(numbers("New Features")).toEqual(expected(1));
    expect(numbers("Bug Fixes")).toEqual(expected(2));
    expect(numbers("Other Changes")).toEqual(expected(0));
    expect(numbers("New Features")).toHaveLength(30);
  });

  it("writes two categories of one title as one section, with the PRs of both", () => {
    const settings = {
      ...OPENVERSE_NOTES,
      categories: [
        { title: "Changes", labels: [ADD] },
        { title: "Fixes", labels: [FIX] },
        { title: "Changes", labels: [INTERNAL] },
      ],
    };
    const pulls = [pr(1, { labels: [ADD] }), pr(2, { labels: [INTERNAL] }), pr(3, { labels: [FIX] }), pr(4, { labels: [ADD] })];
    const sections = groupPulls(pulls, settings);
    expect(sections.map((s) => [s.title, s.pulls.map((p) => p.number)])).toEqual([
      ["Changes", [4, 2, 1]],
      ["Fixes", [3]],
    ]);
  });
});

describe("rendering the notes", () => {
  it("renders Openverse's frontend release of 2024.12.16 exactly as it was published", async () => {
    const { readFile } = await import("node:fs/promises");
    const file = await readFile(new URL("../../fixtures/processes/openverse/changelog-frontend-2024.12.16.15.26.01.md", import.meta.url), "utf8");
    const body = file.replace(/^# .*\n\n/, "");
    const notes = renderNotes(
      [
        pr(5267, { title: "Make analytics tests stricter", labels: ["✨ goal: improvement"], mergedAt: "2024-12-12T00:00:00Z" }),
        pr(5272, { title: "Standardize the image and audio result components", labels: [DX], mergedAt: "2024-12-14T00:00:00Z" }),
        pr(5268, {
          title: "Use `nuxi typecheck` to make the frontend types check in pre-commit faster",
          labels: [INTERNAL],
          mergedAt: "2024-12-13T00:00:00Z",
        }),
        pr(5278, {
          title: "Set the background color on `<option>` to fix readability issue",
          labels: [FIX],
          author: "dhruvkb",
          mergedAt: "2024-12-15T00:00:00Z",
        }),
        pr(5280, { title: "Publish changelog for frontend-2024.12.10.10.00.00", labels: ["skip-changelog"] }),
      ],
      OPENVERSE_NOTES,
    );
    expect(notes).toBe(body);
  });

  it("renders a realistic release with every category and credits", () => {
    const notes = renderNotes(
      [
        pr(3575, { title: "Add a script to observe the API during Redis migration", labels: [ADD], author: "dhruvkb" }),
        pr(3600, { title: "Bump jwcrypto from 1.5.0 to 1.5.1 in /api", labels: [FIX], author: "dependabot[bot]" }),
        pr(5402, { title: "Update docker.io/mccutchen/go-httpbin Docker tag to v2.18.1", labels: [DX], author: "openverse-bot" }),
        pr(4867, { title: "Remove retired DAGs from the codebase", labels: [INTERNAL], author: "sarayourfriend" }),
        pr(4872, { title: "Make `additional_where` optional for batched update", labels: [FIX], author: "AetherUnbound" }),
        pr(5267, { title: "Make analytics tests stricter", labels: ["✨ goal: improvement"] }),
        pr(5300, { title: "Tidy the README", labels: ["📄 aspect: text"], author: "zackkrida" }),
      ],
      { ...OPENVERSE_NOTES, contributors: true },
    );
    expect(notes).toMatchSnapshot();
  });

  it("keeps the configured @{author} mention but makes a title's mention, HTML and marker inert", () => {
    const notes = renderNotes([pr(7, { title: "Ask @org/team <b>now</b> <!-- release-pilot:key=x -->", author: "alice" })], { ...OPENVERSE_NOTES, wrap: 0 });
    expect(notes).toContain("Ask @\u200dorg/team &lt;b>now&lt;/b> &lt;!-- release-pilot:key=x -->");
    expect(notes).toMatch(/by @alice\n$/);
    expect(notes).not.toContain("<!--");
  });

  it("names an app author without the [bot] suffix, as Openverse's notes do", () => {
    expect(renderNotes([pr(3600, { author: "dependabot[bot]" })], OPENVERSE_NOTES)).toMatch(/@dependabot\n$/);
  });

  it("says how many PRs are shown when reading stopped at the bound", () => {
    expect(renderNotes([pr(1)], { ...OPENVERSE_NOTES, boundHit: 500 })).toContain("Showing the first 500 pull requests");
  });

  it("renders nothing when every PR is excluded", () => {
    expect(renderNotes([pr(1, { labels: ["skip-changelog"] })], OPENVERSE_NOTES)).toBe("");
  });

  it("thanks contributors in one sentence, wrapped like Openverse's Credits", () => {
    const people = ["dhruvkb", "glowatsk", "kk311y", "obulat", "raiyaj", "sarayourfriend", "zackkrida"];
    const notes = renderNotes(
      people.map((author, i) => pr(i + 1, { author })),
      { ...OPENVERSE_NOTES, contributors: true },
    );
    expect(notes).toMatch(
      /## Credits\n\nThanks to @dhruvkb, @glowatsk, @kk311y, @obulat, @raiyaj, @sarayourfriend and\n@zackkrida for their contributions!\n$/,
    );
  });
});

describe("naming contributors", () => {
  it("sorts logins case-insensitively, keeping first-seen order between logins that differ only in case", () => {
    const authors = ["carol", "Alice", "bob", "alice", "renovate[bot]", "", "Bob", "carol"];
    expect(contributors(authors.map((author, i) => pr(i + 1, { author })))).toEqual(["Alice", "alice", "bob", "Bob", "carol"]);
  });
});

describe("wrapping a line at 80 columns", () => {
  it.each([
    { text: "- Short title ([#1](u)) by @a", expected: "- Short title ([#1](u)) by @a" },
    {
      text: "- Update dependency apache-airflow to v2.10.1 [SECURITY] ([#4897](https://github.com/WordPress/openverse/pull/4897)) by @openverse-bot",
      expected: "- Update dependency apache-airflow to v2.10.1 [SECURITY]\n  ([#4897](https://github.com/WordPress/openverse/pull/4897)) by @openverse-bot",
    },
    { text: `- ${"x".repeat(90)} y`, expected: `- ${"x".repeat(90)}\n  y` },
  ])("wraps $text", ({ text, expected }) => {
    expect(wrapText(text)).toBe(expected);
  });

  it("keeps the words on either side of a newline in a title apart", () => {
    expect(wrapText("- Fix the thing\nand more", 80)).toBe("- Fix the thing and more");
  });

  it("keeps an inline code span whole", () => {
    expect(wrapText(`- ${"a ".repeat(36)}\`two words\``)).toBe(`- ${"a ".repeat(35)}a\n  \`two words\``);
  });
});
