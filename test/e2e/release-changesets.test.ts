// Issue #15 item 9 end to end: a bare `/release` in a repository that collects changesets in
// `.changeset/`, against the strict emulator. The version is the highest level the changesets
// give (as `changeset version` bumps), their summaries go under changesets' own headings in a
// new section of a changelog that keeps no unreleased one, and the changeset files are deleted
// in the release commit, while the directory's README and config stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "jswidget";
const CONFIG = ["changelog:", "  file: CHANGELOG.md", "  heading: '{version}'", "  back_to_development: false", "  fragments: { tool: changesets }", ""].join(
  "\n",
);
const CHANGELOG = "# jswidget\n\n## 1.2.0\n\n### Minor Changes\n\n- The first.\n";

let gh: Emulator;
let app: AppProcess;
let issue: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "main",
    files: {
      ".github/release-pilot.yml": CONFIG,
      "CHANGELOG.md": CHANGELOG,
      ".changeset/config.json": "{}\n",
      ".changeset/README.md": "Changesets live here.\n",
      ".changeset/brave-dogs-sing.md": '---\n"jswidget": minor\n---\n\nAdd a dark theme for @everyone.\n',
      ".changeset/quiet-cats-nap.md": '---\n"jswidget": patch\n---\n\nFix a crash on empty input.\n',
      ".changeset/empty-owls-rest.md": "---\n---\n",
    },
  });
  gh.addTag(owner, repo, "v1.2.0", "main");
  gh.setPermission(owner, repo, "ana", "write");
  issue = gh.addIssue({ owner, repo, title: "Release" });
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

describe("/release with changesets", () => {
  it("cuts the highest level, compiles the summaries and deletes the changesets in the release commit", async () => {
    await commentAs(gh, owner, repo, issue, "/release", "ana");
    const answer = await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes("released release")), 60_000);
    await app.settle();
    expect(answer.body).toContain("(Resolved minor: the highest level of the 2 changesets in .changeset.)");
    expect(gh.file(owner, repo, "v1.3.0", "CHANGELOG.md")).toBe(
      [
        "# jswidget",
        "",
        "## 1.3.0",
        "",
        "### Minor Changes",
        "",
        "- Add a dark theme for @\u200deveryone.",
        "",
        "### Patch Changes",
        "",
        "- Fix a crash on empty input.",
        "",
        "## 1.2.0",
        "",
        "### Minor Changes",
        "",
        "- The first.",
        "",
      ].join("\n"),
    );
    for (const name of ["brave-dogs-sing.md", "quiet-cats-nap.md", "empty-owls-rest.md"]) {
      expect(gh.file(owner, repo, "v1.3.0", `.changeset/${name}`)).toBeUndefined();
    }
    expect(gh.file(owner, repo, "v1.3.0", ".changeset/README.md")).toBe("Changesets live here.\n");
    expect(gh.file(owner, repo, "v1.3.0", ".changeset/config.json")).toBe("{}\n");
  }, 90_000);
});
