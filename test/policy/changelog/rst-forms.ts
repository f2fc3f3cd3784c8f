// reStructuredText changelogs in the forms other projects write, beside GWCelery's: `=` for
// releases under an overlined title, releases with overlines, other adornments, and codenames
// that are wider than they are long. Shared by rst-forms.test.ts (what the edits give) and
// rst-docutils.test.ts (that docutils reads every result without a warning).

export const EQUALS_RELEASES = [
  "=========",
  "Changelog",
  "=========",
  "",
  "1.1.0 (unreleased)",
  "==================",
  "",
  "- Faster start",
  "",
  "1.0.0 (2024-01-01)",
  "==================",
  "",
  "- First",
  "",
].join("\n");

export const OVERLINED_RELEASES = [
  "Changelog",
  "#########",
  "",
  "******************",
  "2.0.0 (unreleased)",
  "******************",
  "",
  "* New API",
  "",
  "Bug fixes",
  "=========",
  "",
  "* A fix",
  "",
  "******************",
  "1.9.0 (2023-06-01)",
  "******************",
  "",
  "* Old",
  "",
].join("\n");

export const TILDE_RELEASES = "Release notes\n=============\n\n0.3.0 (unreleased)\n~~~~~~~~~~~~~~~~~~\n\n- Tilde\n";

/** GWCelery's form followed by a section of another level: the last release's notes stop there. */
export const TRAILING_SECTION = [
  "Changelog",
  "=========",
  "",
  "1.0.1 (unreleased)",
  "------------------",
  "",
  "-   Patch",
  "",
  '1.0.0 "Bigfoot" (2024-01-01)',
  "----------------------------",
  "",
  "-   First",
  "",
  "Contributors",
  "============",
  "",
  "-   Everyone",
  "",
].join("\n");

/** Codenames whose East Asian wide characters and emoji take two columns each. */
export const WIDE_CODENAMES = ["雪男", "🦶 Bigfoot", "Ｙｅｔｉ", "Café"] as const;
