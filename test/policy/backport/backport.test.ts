import { describe, expect, it } from "vitest";
import { backportCommandRefusal, planBackportCommand } from "../../../src/policy/backport/command.js";
import type { CherryPick, MergedPull, PickedFile } from "../../../src/policy/backport/facts.js";
import { planBackport } from "../../../src/policy/backport/plan.js";
import { labelledBackports } from "../../../src/policy/backport/requests.js";
import { branchOfLabel, targetProblem } from "../../../src/policy/backport/target.js";
import type { Action, Comment, OpenPullRequest } from "../../../src/policy/plan.js";
import { config } from "../release/cut-builders.js";

const repo = { owner: "acme", repo: "widget" };
const lines = config('release_branch: "release-{version}"\nbackports: {}', "acme/widget");
const SHA = "d".repeat(40);
const pull: MergedPull = {
  number: 12,
  title: "Fix the timeout",
  url: "https://github.com/acme/widget/pull/12",
  labels: ["backport release-1.4"],
  mergeCommitSha: SHA,
  merged: true,
};
const answer = (body: string): Action => ({ kind: "comment", key: "answer", repo, issueNumber: 12, body });

function file(
  path: string,
  base: string | null,
  picked: string | null,
  target: string | null,
  content: string | null | undefined = `${path} fixed`,
): PickedFile {
  return { path, base, picked, target, content };
}

function pick(files: readonly PickedFile[], merge = false): CherryPick {
  return { kind: "files", branchHead: "e".repeat(40), parent: "f".repeat(40), merge, files };
}

function decide(p: CherryPick, over: Partial<MergedPull> = {}) {
  return planBackport({ repo, pull: { ...pull, ...over }, branch: "release-1.4", pick: p, answer });
}

describe("planBackport", () => {
  it("opens a pull request into the branch with the picked files, a -x trailer and the [branch] title", () => {
    const decided = decide(pick([file("app.py", "b1", "b2", "b1"), file("old.py", "b3", null, "b3", null), file("same.py", "b4", "b5", "b5")]));
    expect(decided.reason).toBe("planned");
    const [open] = decided.actions as [OpenPullRequest];
    expect(open).toMatchObject({
      kind: "open-pull-request",
      key: "backport:12:release-1.4",
      branch: "backport/12-to-release-1.4",
      base: "release-1.4",
      title: "[release-1.4] Fix the timeout",
      commitMessage: `Fix the timeout (#12)\n\n(cherry picked from commit ${SHA})`,
      files: [
        { path: "app.py", content: "app.py fixed" },
        { path: "old.py", content: null },
      ],
    });
    expect(open.body).toContain("Backport of #12 to `release-1.4`");
  });

  it("reports a conflict on the original pull request with the exact commands, naming the file", () => {
    const decided = decide(pick([file("app.py", "b1", "b2", "b9"), file("ok.py", "b3", "b4", "b3")], true));
    expect(decided.reason).toBe("gate-refused");
    const [comment] = decided.actions as [Comment];
    expect(comment.body).toContain("I could not backport #12 to `release-1.4`: `app.py` changed on `release-1.4` since this pull request's base");
    expect(comment.body).toContain(
      `git fetch origin release-1.4\ngit switch -c backport/12-to-release-1.4 origin/release-1.4\ngit cherry-pick -x -m 1 ${SHA}\n`,
    );
    expect(comment.body).not.toContain("ok.py");
  });

  it("says there is nothing to do when the branch already has every change", () => {
    expect(decide(pick([file("app.py", "b1", "b2", "b2")])).reason).toBe("already-done");
  });

  it("refuses a file that is not text rather than writing it wrong", () => {
    const decided = decide(pick([{ path: "logo.png", base: "b1", picked: "b2", target: "b1", content: undefined }]));
    expect(decided.reason).toBe("gate-refused");
    expect((decided.actions[0] as Comment).body).toContain("`logo.png` is not text");
  });

  it("refuses a pull request that is not merged", () => {
    expect(decide(pick([]), { merged: false, mergeCommitSha: null }).reason).toBe("gate-refused");
  });

  it("tells the command there is no such branch", () => {
    const decided = planBackportCommand({ repo, pull, branch: "release-1.4", pick: { kind: "no-branch" }, answer });
    expect((decided.actions[0] as Comment).body).toBe("There is no branch `release-1.4` to backport #12 to; create it from the release it maintains first.");
  });

  it("keeps the pull request's title as text in the body, never a mention", () => {
    const decided = decide(pick([file("app.py", "b1", "b2", "b1")]), { title: "Fix @octocat <!-- x -->" });
    expect((decided.actions[0] as OpenPullRequest).body).not.toMatch(/(^|\s)@octocat/);
  });
});

describe("which backports a pull request asks for", () => {
  it.each([
    ["backport {branch}", "backport release-1.4", "release-1.4"],
    ["backport-to-{branch}", "backport-to-8.3.x", "8.3.x"],
    ["{branch} backport", "release-1.4 backport", "release-1.4"],
    ["backport {branch}", "backport", undefined],
    ["backport {branch}", "bug", undefined],
  ])("under %s, the label %s names %s", (pattern, label, branch) => {
    expect(branchOfLabel(label, pattern)).toBe(branch);
  });

  it.each([
    ["the default branch", "main", "`main` is not a release branch (named like `release-{version}`); name one, e.g. /backport release-1.4."],
    [
      "a branch the template does not name",
      "feature-x",
      "`feature-x` is not a release branch (named like `release-{version}`); name one, e.g. /backport release-1.4.",
    ],
    [
      "a name with shell characters",
      "release-1.4;rm",
      "`release-1.4;rm` is not a branch name (it has characters other than letters, digits and . _ / -); name a release branch, e.g. /backport release-1.4.",
    ],
    [
      "a name climbing out",
      "release-1.4/../main",
      "`release-1.4/../main` is not a branch name (it contains ..); name a release branch, e.g. /backport release-1.4.",
    ],
  ])("refuses %s as a target", (_name, branch, message) => {
    expect(targetProblem(lines, branch, "main")).toBe(message);
  });

  it("picks every release branch the merged pull request's labels name, and reports a bad one on it", () => {
    const asked = labelledBackports(lines, { repo, defaultBranch: "main", pull: { ...pull, labels: ["bug", "backport release-1.4", "backport main"] } });
    expect(asked.kind).toBe("requests");
    if (asked.kind !== "requests") return;
    expect(asked.requests[0]).toEqual({ kind: "pick", branch: "release-1.4" });
    expect(asked.requests[1]?.kind).toBe("refused");
  });

  it("acts only on the label just added to a merged pull request", () => {
    const asked = labelledBackports(lines, {
      repo,
      defaultBranch: "main",
      pull: { ...pull, labels: ["backport release-1.4", "backport release-1.5"] },
      addedLabel: "backport release-1.5",
    });
    expect(asked.kind === "requests" && asked.requests).toEqual([{ kind: "pick", branch: "release-1.5" }]);
  });

  it("waits for the merge before acting on a label", () => {
    expect(labelledBackports(lines, { repo, defaultBranch: "main", pull: { ...pull, merged: false, mergeCommitSha: null } }).kind).toBe("none");
  });

  it("does nothing when backports are off", () => {
    const asked = labelledBackports(config('release_branch: "release-{version}"', "acme/widget"), { repo, defaultBranch: "main", pull });
    expect(asked.kind === "none" && asked.plan.reason).toBe("not-configured");
  });

  it("refuses /backport where backports are off or on an issue", () => {
    const off = config('release_branch: "release-{version}"', "acme/widget");
    expect(backportCommandRefusal(off, { branch: "release-1.4", defaultBranch: "main", onPullRequest: true, answer })?.reason).toBe("bad-command");
    expect(backportCommandRefusal(lines, { branch: "release-1.4", defaultBranch: "main", onPullRequest: false, answer })?.reason).toBe("bad-command");
    expect(backportCommandRefusal(lines, { branch: "release-1.4", defaultBranch: "main", onPullRequest: true, answer })).toBeUndefined();
  });
});
