// Release lines end to end (issue #16): a project with two maintenance lines (release-1.4,
// release-1.5) and main at 2.x. `/release 1.4.2` cuts the patch on release-1.4 (tag on that
// branch, main untouched, `stable` and the `latest` branch unmoved, not GitHub's latest,
// production not deployed), then `/release minor` cuts 2.1.0 on main (latest moves to it); a PR labelled `backport release-1.4` gets its cherry-pick
// PR, a conflicting one gets the report with the commands, and `/backport release-1.5` on a
// merged PR opens one into that line. A closed loop: the emulator sends every webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { botComments, commentAs, commitMessage, deploymentsOf } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "widget";
const CONFIG = `versioning: { scheme: semver }
tag: "v{version}"
release_branch: "release-{version}"
changelog: { file: CHANGELOG.md, via: commit }
backports: {}
pointers: { latest: branch }
environments:
  production:
    follows: { release: published }
    deploy: { workflow: deploy.yml, inputs: { ref: "{tag}" } }
    pointer_tag: stable
`;
const changelog = (unreleased: string, released: string) =>
  `# Changelog\n\n## ${unreleased} (unreleased)\n\n- ${unreleased === "1.4.2" ? "Fix the timeout" : "Add the API"}\n\n## ${released} (2024-10-01)\n\n- Earlier work\n`;

let gh: Emulator;
let app: AppProcess;
let mainBefore: string;
let stableBefore: string | undefined;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "app.py": "v1.4\n", "CHANGELOG.md": changelog("1.4.1", "1.4.0") },
  });
  gh.addTag(owner, repo, "v1.4.0", "main");
  gh.addTag(owner, repo, "v1.4.1", "main");
  gh.createBranch(owner, repo, "release-1.4");
  gh.commit(owner, repo, "release-1.4", { "CHANGELOG.md": changelog("1.4.2", "1.4.1"), "app.py": "v1.4 fixed\n" }, "Fix the timeout");
  gh.commit(owner, repo, "main", { "app.py": "v1.5\n" }, "1.5 work");
  gh.addTag(owner, repo, "v1.5.0", "main");
  gh.createBranch(owner, repo, "release-1.5");
  gh.commit(owner, repo, "main", { "app.py": "v2\n", "CHANGELOG.md": changelog("2.1.0", "2.0.0") }, "2.0 work");
  gh.addTag(owner, repo, "v2.0.0", "main");
  gh.addTag(owner, repo, "stable", "main");
  gh.createBranch(owner, repo, "latest");
  gh.addRelease({ owner, repo, tag: "v2.0.0", name: "v2.0.0", target: "main" });
  gh.setPermission(owner, repo, "leo", "write");
  mainBefore = gh.sha(owner, repo, "main")!;
  stableBefore = gh.tags(owner, repo).find((t) => t.name === "stable")?.commit;
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const comments = (number: number) => botComments(gh, owner, repo, number);
const tagCommit = (name: string) => gh.tags(owner, repo).find((t) => t.name === name)?.commit;

async function latestTag(): Promise<string> {
  const response = await fetch(`${gh.url}/repos/${owner}/${repo}/releases/latest`, { headers: { authorization: `token ${gh.userToken("leo")}` } });
  return ((await response.json()) as { tag_name: string }).tag_name;
}

describe("a project with two maintenance lines", () => {
  it("cuts 1.4.2 on release-1.4: tag on that branch, main untouched, stable unmoved, 2.0.0 still the latest, production not deployed", async () => {
    const number = gh.addIssue({ owner, repo, title: "Patch 1.4", body: "", author: "leo" });
    await commentAs(gh, owner, repo, number, "/release 1.4.2", "leo");
    await app.waitFor(() => comments(number).find((c) => c.body.includes("released")), 60_000);
    await app.settle();
    const tagged = tagCommit("v1.4.2");
    expect(tagged).toBeDefined();
    expect(gh.file(owner, repo, tagged!, "app.py")).toBe("v1.4 fixed\n");
    expect(gh.file(owner, repo, tagged!, "CHANGELOG.md")).toMatch(/^# Changelog\n\n## 1\.4\.2 \(\d{4}-\d{2}-\d{2}\)\n\n- Fix the timeout/);
    const head = gh.sha(owner, repo, "release-1.4")!;
    expect(commitMessage(gh, owner, repo, head)).toMatch(/^Back to development/);
    expect(gh.file(owner, repo, head, "CHANGELOG.md")).toContain("## 1.4.3 (unreleased)");
    expect(gh.sha(owner, repo, "main")).toBe(mainBefore);
    expect(tagCommit("stable")).toBe(stableBefore);
    expect(gh.sha(owner, repo, "latest")).toBe(mainBefore);
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v1.4.2")).toMatchObject({ draft: false, prerelease: false, make_latest: "false" });
    expect(await latestTag()).toBe("v2.0.0");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    expect(gh.violations).toEqual([]);
  }, 90_000);

  it("cuts 2.1.0 on main with /release minor, the latest release, deployed to production", async () => {
    const number = gh.addIssue({ owner, repo, title: "Minor", body: "", author: "leo" });
    await commentAs(gh, owner, repo, number, "/release minor", "leo");
    await app.waitFor(() => comments(number).find((c) => c.body.includes("released")), 60_000);
    const tagged = tagCommit("v2.1.0");
    expect(gh.file(owner, repo, tagged!, "app.py")).toBe("v2\n");
    expect(gh.file(owner, repo, tagged!, "CHANGELOG.md")).toMatch(/## 2\.1\.0 \(\d{4}-\d{2}-\d{2}\)/);
    expect(gh.sha(owner, repo, "release-1.4")).not.toBe(tagged);
    await app.waitFor(() => deploymentsOf(gh, owner, repo, "production")[0], 30_000);
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "production").map((d) => d.sha)).toEqual([tagged]);
    expect(await latestTag()).toBe("v2.1.0");
    // The latest branch follows the newest final release, forward only, with no deploy behind it.
    expect(gh.sha(owner, repo, "latest")).toBe(tagged);
    expect(gh.violations).toEqual([]);
  }, 90_000);

  it("opens the cherry-pick PR into release-1.4 for a merged PR labelled backport release-1.4", async () => {
    const merged = gh.addMergedPullRequest({
      owner,
      repo,
      title: "Fix the retry",
      labels: ["backport release-1.4"],
      files: { "retry.py": "retry fixed\n" },
      author: "leo",
    });
    const pull = await app.waitFor(() => gh.pulls(owner, repo).find((p) => p.baseRef === "release-1.4"), 30_000);
    await app.settle();
    expect(pull).toMatchObject({ title: "[release-1.4] Fix the retry", headRef: `backport/${merged.number}-to-release-1.4`, state: "open" });
    expect(pull.body).toContain(`Backport of #${merged.number} to \`release-1.4\``);
    expect(gh.file(owner, repo, pull.headSha, "retry.py")).toBe("retry fixed\n");
    expect(gh.file(owner, repo, pull.headSha, "app.py")).toBe("v1.4 fixed\n");
    expect(commitMessage(gh, owner, repo, pull.headSha)).toBe(`Fix the retry (#${merged.number})\n\n(cherry picked from commit ${merged.mergeCommitSha})`);
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it("reports a conflicting backport on the original PR with the commands to do it by hand", async () => {
    const merged = gh.addMergedPullRequest({
      owner,
      repo,
      title: "Rework the app",
      labels: ["backport release-1.4"],
      files: { "app.py": "v2 reworked\n" },
      author: "leo",
    });
    const report = await app.waitFor(() => comments(merged.number).find((c) => c.body.includes("I could not backport")), 30_000);
    await app.settle();
    expect(report.body).toContain(
      `I could not backport #${merged.number} to \`release-1.4\`: \`app.py\` changed on \`release-1.4\` since this pull request's base`,
    );
    expect(report.body).toContain(`git switch -c backport/${merged.number}-to-release-1.4 origin/release-1.4\ngit cherry-pick -x ${merged.mergeCommitSha}`);
    expect(gh.pulls(owner, repo).filter((p) => p.baseRef === "release-1.4")).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it("backports with /backport release-1.5 typed on a merged PR, and refuses a branch that is not a release line", async () => {
    const merged = gh.addMergedPullRequest({ owner, repo, title: "Fix the docs", files: { "docs.md": "fixed\n" }, author: "leo" });
    await app.settle();
    await commentAs(gh, owner, repo, merged.number, "/backport main", "leo");
    await app.waitFor(() => comments(merged.number).find((c) => c.body.includes("is not a release branch")), 30_000);
    await app.settle();
    await commentAs(gh, owner, repo, merged.number, "/backport release-1.5", "leo");
    const reply = await app.waitFor(() => comments(merged.number).find((c) => c.body.includes("backported #")), 30_000);
    const pull = gh.pulls(owner, repo).find((p) => p.baseRef === "release-1.5");
    expect(pull).toMatchObject({ title: "[release-1.5] Fix the docs", headRef: `backport/${merged.number}-to-release-1.5` });
    expect(reply.body).toContain(`backported #${merged.number} to \`release-1.5\``);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
