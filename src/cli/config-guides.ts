// Hand-written sections appended to the generated config reference: worked examples that show
// several keys working together, which a table of keys cannot.

export const RELEASE_LINES_GUIDE = `## Release lines: a worked example

Maintenance branches, one per minor series, where patch releases are cut while main moves on,
and fixes carried into them by backport pull requests:

\`\`\`yaml
versioning: { scheme: semver }
tag: "v{version}"
release_branch: "release-{version}"   # or "{version}.x", "release/v{version}"
changelog: { file: CHANGELOG.md, via: commit }
backports: {}                         # label "backport {branch}"; forward_port is then off
pointers: { latest: branch }          # moved to each newest final release, with no deploy
environments:
  production:
    follows: { release: published }
    deploy: { workflow: deploy.yml, inputs: { ref: "{tag}" } }
    pointer_tag: stable
\`\`\`

With tags \`v1.4.1\`, \`v1.5.0\` and \`v2.0.0\`, and branches \`release-1.4\` and \`release-1.5\`:

- \`/release 1.4.2\` (or \`/release\` in the checklist of 1.4.2) finalises \`CHANGELOG.md\` on
  \`release-1.4\`, tags that commit \`v1.4.2\`, publishes the release without making it GitHub's
  latest (2.0.0 is higher), and adds \`1.4.3 (unreleased)\` there. The version before it is the
  newest \`1.4.x\` tag; main is untouched. Production, which follows releases, is not deployed, and
  neither \`stable\` nor the \`latest\` branch moves: only the newest line moves them forward.
- \`/release minor\` on any other issue cuts \`2.1.0\` on main, the latest release, deploys it and
  moves the \`latest\` branch to it (a fast forward; a pointer needs no deploy workflow).
- A pull request merged into main with the label \`backport release-1.4\` (or \`/backport
  release-1.4\` typed on it once merged) gets a pull request \`[release-1.4] <title>\` from
  \`backport/<number>-to-release-1.4\` cherry-picking its merge commit, with a \`(cherry picked from
  commit …)\` trailer. When a file it changed differs on \`release-1.4\` from the pull request's
  base, the pick conflicts: the bot says which files on the pull request, with the \`git\` commands
  to do it by hand.
- The config check refuses \`forward_port: true\` with \`backports\`, a backport label without
  \`{branch}\`, backports without \`release_branch\`, and a release branch without \`{version}\`.
`;
