// The checklist used when a repository has no template of its own: the basic steps every release
// in PROCESSES.md shares, with the items the bot can tick itself marked as such.

export const DEFAULT_CHECKLIST_TEMPLATE = [
  "## Before the release",
  "",
  "- [ ] CI is green on the release commit. <!-- release-pilot:auto ci-green -->",
  "- [ ] The changelog lists every significant change since the last release. <!-- release-pilot:auto changelog-ready -->",
  "- [ ] The release has been deployed to staging and checked there. <!-- release-pilot:auto staging-deployed -->",
  "- [ ] Open issues and pull requests meant for {version} are merged or moved to a later milestone.",
  "- [ ] The documentation for {version} builds and reads correctly.",
  "",
  "## Release",
  "",
  "When every box is ticked, type `/release` in a comment on this issue.",
  "",
].join("\n");
