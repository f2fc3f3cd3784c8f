// Issue #15 item 9 end to end: `/release` in a repository that collects towncrier fragments in
// `changelog.d/`, against the strict emulator. The fragments become the release's section (types
// as headings in towncrier's order, issue links, misc as issues only), their files are deleted in
// the release commit itself, a file that is not a fragment stays, and a mention in a fragment
// notifies nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "pywidget";
const CONFIG = "versioning:\n  scheme: pep440\nchangelog:\n  file: CHANGELOG.md\n  fragments: { tool: towncrier }\n";
const CHANGELOG = "# Changelog\n\n## 1.3.0 (unreleased)\n\n- No changes yet.\n\n## 1.2.0 (2024-01-01)\n\n- The first.\n";

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
      "changelog.d/12.feature.md": "Add a dark theme, as @mallory asked.\n",
      "changelog.d/7.bugfix.md": "Fix a crash on <empty> input.\n",
      "changelog.d/3.bugfix.md": "Fix a crash on <empty> input.\n",
      "changelog.d/+tidy.feature.md": "Tidy the settings page.\n",
      "changelog.d/20.misc.md": "",
      "changelog.d/README.md": "Put one file per change here.\n",
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

describe("/release with towncrier fragments", () => {
  it("compiles the fragments into the section and deletes them in the release commit", async () => {
    await commentAs(gh, owner, repo, issue, "/release", "ana");
    await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes("released release")), 60_000);
    await app.settle();
    const web = `${gh.url}/${owner}/${repo}`;
    const released = gh.file(owner, repo, "v1.3.0", "CHANGELOG.md") ?? "";
    expect(released).toMatch(/^## 1\.3\.0 \(\d{4}-\d{2}-\d{2}\)$/m);
    const section = released.slice(released.indexOf("## 1.3.0"), released.indexOf("## 1.2.0"));
    expect(section.replace(/^## 1\.3\.0 \([^)]*\)\n/, "")).toBe(
      [
        "",
        "### Features",
        "",
        `- Add a dark theme, as @\u200dmallory asked. ([#12](${web}/issues/12))`,
        "- Tidy the settings page.",
        "",
        "### Bugfixes",
        "",
        `- Fix a crash on &lt;empty> input. ([#3](${web}/issues/3), [#7](${web}/issues/7))`,
        "",
        "### Misc",
        "",
        `- [#20](${web}/issues/20)`,
        "",
        "",
      ].join("\n"),
    );
    for (const name of ["12.feature.md", "7.bugfix.md", "3.bugfix.md", "+tidy.feature.md", "20.misc.md"]) {
      expect(gh.file(owner, repo, "v1.3.0", `changelog.d/${name}`)).toBeUndefined();
    }
    expect(gh.file(owner, repo, "v1.3.0", "changelog.d/README.md")).toBe("Put one file per change here.\n");
    // The tag's commit is the release commit: the fragments were there on its parent.
    expect(gh.file(owner, repo, "v1.2.0", "changelog.d/12.feature.md")).toBeDefined();
    const notes = gh.releases(owner, repo).find((r) => r.tag_name === "v1.3.0")?.body ?? "";
    expect(notes).toContain("### Features");
    expect(notes).not.toMatch(/@mallory/);
  }, 90_000);
});
