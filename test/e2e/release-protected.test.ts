// Item 10 of issue #14 end to end: `/release` on a default branch GitHub would not let the app
// commit to is refused with one sentence naming the fix and writes nothing of the release; once
// the fix is made (the app on the ruleset's bypass list, or the protection gone) the same
// command cuts the release. Then a changelog committed on publishing (`changelog.via: commit`) is
// refused the same way, said as a failed check run on the released commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, releasePayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "renalreg";
const repo = "ukrdc-services";
const VERSION_FILE = "ukrdc/services/__init__.py";
// UKRDC's versioning and version file, with a per-release changelog file committed straight to
// master on publishing (no deploys or downstream pins: they are not what this story is about).
const CONFIG = `versioning: { scheme: pep440 }
version_files: ["${VERSION_FILE}"]
changelog:
  path: "docs/changelogs/{version}.md"
  via: commit
`;

let gh: Emulator;
let app: AppProcess;
let issue: number;
let before: string;

beforeAll(async () => {
  gh = await startEmulator();
  before = gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), [VERSION_FILE]: '"""UKRDC services."""\n\n__version__ = "10.8.4"\n' },
  }).headSha;
  gh.setPermission(owner, repo, "joel", "write");
  issue = gh.addIssue({ owner, repo, title: "Release 10.8.5" });
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

async function command(body: string, marker: string): Promise<string> {
  await app.send("issue_comment", commentPayload(gh, { owner, repo, number: issue, body, sender: "joel" }));
  const reply = await app.waitFor(() => gh.comments(owner, repo, issue).find((c) => c.user.login === "release-pilot[bot]" && c.body.includes(marker)), 60_000);
  return reply.body;
}

describe("/release on a protected master", () => {
  it("is refused in one sentence while a ruleset requires pull requests, and nothing is written", async () => {
    const ruleset = gh.addRuleset(owner, repo, { name: "master", branches: ["~DEFAULT_BRANCH"], rules: [{ type: "pull_request" }] });
    const reply = await command("/release rc", "is protected");
    expect(reply).toContain(
      "@joel master is protected (a ruleset requires pull requests), so /release cannot commit the changelog and version files to it: cut releases without a release commit (remove changelog.file and version_files from .github/release-pilot.yml), or allow the app to bypass the rule.",
    );
    await app.settle();
    expect(gh.sha(owner, repo, "master")).toBe(before);
    expect(gh.tags(owner, repo)).toEqual([]);
    expect(gh.releases(owner, repo)).toEqual([]);
    gh.state.repo(owner, repo)?.rulesets.splice(0);
    expect(ruleset).toBeGreaterThan(0);
  });

  it("is refused on classic protection's required checks, read with contents: read alone", async () => {
    gh.protectBranch(owner, repo, "master", { requiredChecks: ["ci"] });
    const reply = await command("/release rc", "status checks required (ci)");
    expect(reply).toContain("@joel master is protected (status checks required (ci)), so /release cannot commit");
    await app.settle();
    expect(gh.sha(owner, repo, "master")).toBe(before);
    expect(gh.releases(owner, repo)).toEqual([]);
    gh.unprotectBranch(owner, repo, "master");
  });

  it("warns when the protection's rules cannot be read, and GitHub's refusal then ends the cut before its tag", async () => {
    // Pull requests required: only administration: read, which the app does not have, would show it.
    gh.protectBranch(owner, repo, "master", { requiredReviews: 1 });
    const report = await command("/release rc", "could not finish");
    expect(report).toContain("Changes must be made through a pull request.");
    expect(gh.sha(owner, repo, "master")).toBe(before);
    expect(gh.tags(owner, repo)).toEqual([]);
    expect(gh.releases(owner, repo)).toEqual([]);
    gh.unprotectBranch(owner, repo, "master");
  });

  it("cuts the release once the app may bypass the ruleset", async () => {
    gh.addRuleset(owner, repo, { name: "master", branches: ["~DEFAULT_BRANCH"], rules: [{ type: "pull_request" }], bypassApps: ["release-pilot"] });
    await command("/release rc", "10.8.5rc1**");
    expect(gh.file(owner, repo, "v10.8.5rc1", VERSION_FILE)).toContain('__version__ = "10.8.5rc1"');
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5rc1")).toMatchObject({ prerelease: true, draft: false });
    gh.state.repo(owner, repo)?.rulesets.splice(0);
  });
});

describe("changelog.via: commit on a protected master", () => {
  it("commits no changelog and says why on the released commit as a failed check run", async () => {
    const release = gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5rc1");
    const head = gh.sha(owner, repo, "master");
    gh.addRuleset(owner, repo, { name: "master", branches: ["~DEFAULT_BRANCH"], rules: [{ type: "pull_request" }] });
    await app.send("release", releasePayload(gh, { owner, repo, releaseId: release?.id ?? 0 }));
    const tagged = gh.sha(owner, repo, "v10.8.5rc1");
    const run = await app.waitFor(
      () => gh.state.repo(owner, repo)?.checkRuns.find((r) => r.name === "Release Pilot: changelog" && r.head_sha === tagged),
      30_000,
    );
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "The changelog of v10.8.5rc1 was not committed" } });
    expect(run.output.summary).toBe(
      "master is protected (a ruleset requires pull requests), so the changelog of v10.8.5rc1 cannot be committed to it: set changelog.via: pull-request, or allow the app to bypass the rule.",
    );
    await app.settle();
    expect(gh.sha(owner, repo, "master")).toBe(head);
    expect(gh.file(owner, repo, "master", "docs/changelogs/10.8.5rc1.md")).toBeUndefined();
  });
});
