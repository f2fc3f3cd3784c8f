// BackportFacts from the two sources: the cherry-pick read from the emulator through the Git data
// API (githubFacts) and written down as a facts file (jsonFacts) give the same answers; and the
// GitHub reads tell a clean file, a conflict, a file already in place, a deletion and a binary
// file apart from the blobs alone.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions, PlanFacts } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { LoadedConfig } from "../../src/facts/config.js";
import { NotPlannableOfflineError } from "../../src/facts/json/not-given.js";
import type { GitHub } from "../../src/github/client.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { parseConfig } from "../../src/policy/config/index.js";
import type { RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo: RepoRef = { owner: "acme", repo: "widget" };
let gh: Emulator;
let github: FactSource;
let loaded: LoadedConfig;
let merged: { number: number; mergeCommitSha: string };

function fromJson(facts: PlanFacts): FactSource {
  return jsonFacts({ facts, assumed: new Assumptions(), repo, config: loaded, defaultBranch: "main", permissionFallback: "write" });
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...repo, files: { "app.py": "v1\n", "same.py": "old\n", "gone.py": "bye\n", "drift.py": "v1\n" } });
  gh.createBranch(repo.owner, repo.repo, "release-1.4");
  gh.commit(repo.owner, repo.repo, "release-1.4", { "drift.py": "v1 patched on the line\n", "same.py": "new\n" }, "Line work");
  merged = gh.addMergedPullRequest({
    ...repo,
    title: "Fix many things",
    labels: ["backport release-1.4"],
    files: { "app.py": "v1 fixed\n", "same.py": "new\n", "gone.py": null, "drift.py": "v1 fixed\n", "new.py": "added\n" },
  });
  const parsed = parseConfig({ release_branch: "release-{version}", backports: {} }, { repo: "acme/widget" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  loaded = { kind: "ok", config: parsed.config, warnings: [] };
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  github = githubFacts({ octokit, repo, self: fixedIdentity(gh.state.botUser) }, () => Promise.resolve(loaded));
});

afterAll(async () => {
  await gh?.close();
});

describe("backport facts", () => {
  it("read the merged pull request as the facts file gives it", async () => {
    const pull = await github.mergedPull(merged.number);
    expect(pull).toMatchObject({
      number: merged.number,
      title: "Fix many things",
      labels: ["backport release-1.4"],
      merged: true,
      mergeCommitSha: merged.mergeCommitSha,
    });
    expect(await fromJson(PlanFacts.parse({ backport: { pull } })).mergedPull(merged.number)).toEqual(pull);
  });

  it("tell each changed file's case apart from the blobs, reading only the text the pick writes", async () => {
    const pick = await github.cherryPick(merged.mergeCommitSha, "release-1.4");
    expect(pick.kind).toBe("files");
    if (pick.kind !== "files") return;
    const byPath = Object.fromEntries(pick.files.map((file) => [file.path, file]));
    expect(Object.keys(byPath)).toEqual(["app.py", "drift.py", "gone.py", "new.py", "same.py"]);
    // Clean: the line still has the base version.
    expect(byPath["app.py"]).toMatchObject({ content: "v1 fixed\n" });
    expect(byPath["app.py"]?.target).toBe(byPath["app.py"]?.base);
    // Conflict: the line changed it since the base.
    expect(byPath["drift.py"]?.target).not.toBe(byPath["drift.py"]?.base);
    expect(byPath["drift.py"]?.target).not.toBe(byPath["drift.py"]?.picked);
    // Deleted, added, already in place.
    expect(byPath["gone.py"]).toMatchObject({ picked: null, content: null });
    expect(byPath["new.py"]).toMatchObject({ base: null, target: null, content: "added\n" });
    expect(byPath["same.py"]?.target).toBe(byPath["same.py"]?.picked);
    expect(await fromJson(PlanFacts.parse({ backport: { pick } })).cherryPick(merged.mergeCommitSha, "release-1.4")).toEqual(pick);
  });

  it("say when the branch is not there", async () => {
    expect(await github.cherryPick(merged.mergeCommitSha, "release-9.9")).toEqual({ kind: "no-branch" });
  });

  it("are asked for offline rather than guessed", async () => {
    await expect(fromJson(PlanFacts.parse({})).cherryPick(merged.mergeCommitSha, "release-1.4")).rejects.toBeInstanceOf(NotPlannableOfflineError);
  });
});
