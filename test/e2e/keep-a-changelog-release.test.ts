// A Keep a Changelog file through `/release minor` against the emulator: the release commit and
// the back-to-development commit are read back from the repository with the keep-a-changelog
// parser, to the right versions and dates, and the compare links name the new tag.
import { readFileSync } from "node:fs";
import { parser } from "keep-a-changelog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "oscarotero";
const repo = "keep-a-changelog";
const URL = `https://github.com/${owner}/${repo}`;
const REAL = readFileSync("test/fixtures/processes/keep-a-changelog/CHANGELOG.md", "utf8");
const CHANGELOG = REAL.replace("## [3.1.0]", "## [Unreleased]\n### Added\n- Read `[Unreleased]` compare links\n\n## [3.1.0]");
const CONFIG = 'versioning: { scheme: semver }\ntag: "v{version}"\nchangelog:\n  file: CHANGELOG.md\n  via: commit\n';

let gh: Emulator;
let app: AppProcess;
let issue: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": CONFIG, "CHANGELOG.md": CHANGELOG } });
  gh.addTag(owner, repo, "v3.1.0", "main");
  gh.setPermission(owner, repo, "oscarotero", "write");
  issue = gh.addIssue({ owner, repo, title: "Next release" });
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

function releases(text: string): string[] {
  return parser(text).releases.map((r) => `${r.version?.toString() ?? "unreleased"} ${r.date?.toISOString().slice(0, 10) ?? "-"}`);
}

describe("Keep a Changelog: /release minor", () => {
  it("cuts 3.2.0 and reads back as Keep a Changelog at the tag and on main", async () => {
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number: issue, body: "/release minor", sender: "oscarotero" }));
    const release = await app.waitFor(() => gh.releases(owner, repo).find((r) => r.tag_name === "v3.2.0"), 60_000);
    const today = new Date().toISOString().slice(0, 10);
    expect((release.body ?? "").startsWith("### Added\n- Read `[Unreleased]` compare links")).toBe(true);

    const tagged = gh.file(owner, repo, "v3.2.0", "CHANGELOG.md") ?? "";
    expect(tagged).toContain(`\n## [3.2.0] - ${today}\n### Added\n`);
    expect(tagged).toContain(`[3.2.0]: ${URL}/compare/v3.1.0...v3.2.0\n[3.1.0]: ${URL}/compare/v3.0.6...v3.1.0\n`);
    expect(releases(tagged).slice(0, 2)).toEqual([`3.2.0 ${today}`, "3.1.0 2026-08-03"]);

    await app.settle();
    const main = gh.file(owner, repo, "main", "CHANGELOG.md") ?? "";
    expect(main).toBe(tagged.replace("## [3.2.0]", "## [Unreleased]\n\n## [3.2.0]"));
    expect(releases(main).slice(0, 3)).toEqual(["unreleased -", `3.2.0 ${today}`, "3.1.0 2026-08-03"]);
  });
});
