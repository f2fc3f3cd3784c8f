import { describe, expect, it } from "vitest";
import { cutMarker } from "../../../src/policy/release/cut-facts.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import type { Action, CommitFiles, CreateRelease, CreateTag } from "../../../src/policy/plan.js";
import { checklistBody, gwceleryFacts, GWCELERY_CHANGES, ukrdcFacts } from "./cut-builders.js";

function only<K extends Action["kind"]>(actions: readonly Action[], kind: K): Extract<Action, { kind: K }>[] {
  return actions.filter((a): a is Extract<Action, { kind: K }> => a.kind === kind);
}

function replyOf(actions: readonly Action[]): string {
  const comment = only(actions, "comment")[0];
  if (comment === undefined) throw new Error("no reply");
  return comment.body;
}

describe("planCutRelease for GWCelery 2.6.0 from the real CHANGES.rst", () => {
  const decision = planCutRelease(gwceleryFacts());
  const { actions } = decision.plan;

  it("plans reply, changelog commit, tag, release and back to development in that order", () => {
    expect(actions.map((a) => `${a.kind} ${a.key}`)).toEqual([
      "comment reply:99",
      "commit-files release:v2.6.0:commit",
      "create-tag release:v2.6.0:tag",
      "create-release release:v2.6.0:release",
      "commit-files release:v2.6.0:back-to-development",
    ]);
  });

  it("finalises the unreleased heading with a new codename and today's UTC date", () => {
    const [commit] = only(actions, "commit-files") as [CommitFiles];
    const text = commit.files[0]?.content ?? "";
    expect(commit.files.map((f) => f.path)).toEqual(["CHANGES.rst"]);
    expect(text.startsWith('Changelog\n=========\n\n2.6.0 "Akkorokamui" (2024-12-03)\n--------------------------------\n\n-   Enabled SSM triggers')).toBe(
      true,
    );
    expect(text.slice(text.indexOf("2.5.2 "))).toBe(GWCELERY_CHANGES.slice(GWCELERY_CHANGES.indexOf("2.5.2 ")));
  });

  it("writes GWCelery's commit message, closing the checklist issue", () => {
    const [commit] = only(actions, "commit-files") as [CommitFiles];
    expect(commit.message).toBe('Update changelog for version 2.6.0 "Akkorokamui"; closes #880');
    expect(commit.branch).toBe("main");
  });

  it("tags the changelog commit v2.6.0, annotated Version 2.6.0", () => {
    const [tag] = only(actions, "create-tag") as [CreateTag];
    expect(tag).toMatchObject({ tag: "v2.6.0", message: "Version 2.6.0", commit: { fromAction: "release:v2.6.0:commit" } });
  });

  it("publishes the release with the changelog section as notes and the comment's marker", () => {
    const [release] = only(actions, "create-release") as [CreateRelease];
    expect(release).toMatchObject({ tag: "v2.6.0", name: "v2.6.0", draft: false, prerelease: false });
    expect(release.body.startsWith("-   Enabled SSM triggers and HasSSM source property\n")).toBe(true);
    expect(release.body.endsWith(`\n\n${cutMarker(99)}`)).toBe(true);
    expect(release.body).not.toContain("2.5.2");
  });

  it("goes back to development with an empty 2.6.1 section on top", () => {
    const back = only(actions, "commit-files")[1];
    expect(back?.message).toBe("Back to development.");
    expect(
      back?.files[0]?.content?.startsWith(
        'Changelog\n=========\n\n2.6.1 (unreleased)\n------------------\n\n-   No changes yet.\n\n2.6.0 "Akkorokamui" (2024-12-03)\n',
      ),
    ).toBe(true);
  });

  it("remembers what to link in the finished reply", () => {
    expect(decision.outcome).toMatchObject({ kind: "cut", releaseKey: "release:v2.6.0:release", reply: { version: "2.6.0", nextUnreleased: "2.6.1" } });
  });
});

describe("which version /release cuts", () => {
  const gw = (command: object, extra: object = {}) =>
    gwceleryFacts({ command: { name: "release", ...command }, issue: { number: 3, title: "Cut", body: "", labels: [] }, ...extra });
  it.each([
    ["a patch after the newest tag (2.5.2)", gw({ level: "patch" }), "v2.5.3"],
    ["a minor after the newest tag", gw({ level: "minor" }), "v2.6.0"],
    ["the first candidate of the release the changelog announces", gw({ level: "rc" }), "v2.6.0rc1"],
    ["the next candidate after a tagged one", gw({ level: "rc" }, { tags: ["v2.5.2", "v2.6.0rc1"] }), "v2.6.0rc2"],
    ["the unreleased heading's version when no level is given", gw({}), "v2.6.0"],
    ["an exact version as given", gw({ version: "2.6.0" }), "v2.6.0"],
    ["UKRDC's candidate after 10.8.4", ukrdcFacts(), "v10.8.5rc1"],
    ["UKRDC's final after its candidate", ukrdcFacts({ command: { name: "release", level: "final" }, tags: ["v10.8.4", "v10.8.5rc1"] }), "v10.8.5"],
    ["UKRDC's candidate from the version file when nothing is tagged", ukrdcFacts({ tags: [] }), "v10.8.5rc1"],
    [
      "a candidate of the checklist's version",
      gwceleryFacts({ command: { name: "release", level: "rc" }, issue: { number: 5, title: "", body: checklistBody("2.6.0", false), labels: [] } }),
      "v2.6.0rc1",
    ],
  ])("cuts %s", (_name, facts, tag) => {
    expect(only(planCutRelease(facts).plan.actions, "create-release")[0]?.tag).toBe(tag);
  });
});

describe("UKRDC release candidates", () => {
  it("bumps the version file and publishes a pre-release", () => {
    const { actions } = planCutRelease(ukrdcFacts()).plan;
    expect(only(actions, "commit-files")).toEqual([
      expect.objectContaining({
        message: "Bump version to 10.8.5rc1",
        branch: "master",
        files: [{ path: "ukrdc/services/__init__.py", content: '__version__ = "10.8.5rc1"\n' }],
      }),
    ]);
    expect(only(actions, "create-release")[0]).toMatchObject({ prerelease: true, tag: "v10.8.5rc1", body: cutMarker(7) });
  });
});

describe("release candidates in GWCelery", () => {
  const facts = gwceleryFacts({ command: { name: "release", level: "rc" }, issue: { number: 5, title: "", body: checklistBody("2.6.0", true), labels: [] } });
  const { actions } = planCutRelease(facts).plan;

  it("leave `closes` out of the commit message", () => {
    expect(only(actions, "commit-files")[0]?.message).toBe('Update changelog for version 2.6.0rc1 "Akkorokamui"');
  });

  it("do not go back to development, so the next candidate renames the same section", () => {
    expect(only(actions, "commit-files")).toHaveLength(1);
  });
});

describe("/release refuses with one sentence", () => {
  const released = GWCELERY_CHANGES.replace("2.6.0 (unreleased)\n------------------", '2.6.0 "Akkorokamui" (2024-12-03)\n--------------------------------');
  const emptyUnreleased = `Changelog\n=========\n\n2.6.1 (unreleased)\n------------------\n\n-   No changes yet.\n\n${released.slice(released.indexOf("2.6.0 "))}`;
  it.each([
    [
      "the unreleased section is empty",
      gwceleryFacts({ changelog: emptyUnreleased, issue: { number: 9, title: "", body: checklistBody("2.6.1", true), labels: [] }, tags: ["v2.6.0"] }),
      /lists no changes yet/,
    ],
    [
      "the version already has a release",
      gwceleryFacts({ releases: [{ id: 1, tag: "v2.6.0", url: "https://x/r/1", body: "", draft: false, prerelease: false }] }),
      /already released/,
    ],
    ["the tag is taken", gwceleryFacts({ tags: ["v2.5.2", "v2.6.0"] }), /tag v2\.6\.0 .* already taken/],
    [
      "checklist boxes are open",
      gwceleryFacts({ issue: { number: 880, title: "", body: checklistBody("2.6.0", false), labels: [] } }),
      /2 of 2 checklist items are still open[\s\S]*Update the changelog/,
    ],
    ["a level that disagrees with the checklist", gwceleryFacts({ command: { name: "release", level: "major" } }), /This checklist is for 2\.6\.0/],
    ["final on a final version", ukrdcFacts({ command: { name: "release", level: "final" } }), /already a final version/],
  ])("when %s", (_name, facts, message) => {
    const { plan } = planCutRelease(facts);
    expect(plan.actions).toHaveLength(1);
    expect(only(plan.actions, "comment")[0]?.body).toMatch(message);
    expect(plan.reason).not.toBe("planned");
  });
});

describe("a redelivered /release", () => {
  it("answers with the same finished reply instead of cutting again", () => {
    const first = planCutRelease(ukrdcFacts());
    if (first.outcome.kind !== "cut") throw new Error("expected a cut");
    const again = planCutRelease(
      ukrdcFacts({
        tags: ["v10.8.4", "v10.8.5rc1"],
        versionFiles: { "ukrdc/services/__init__.py": '__version__ = "10.8.5rc1"\n' },
        releases: [{ id: 5, tag: "v10.8.5rc1", url: "https://x/releases/5", body: cutMarker(7), draft: false, prerelease: true }],
      }),
    );
    expect(again.plan.reason).toBe("already-done");
    expect(replyOf(again.plan.actions)).toContain("released release candidate **10.8.5rc1**");
    expect(replyOf(again.plan.actions)).toContain("(https://x/releases/5)");
  });

  it("does not take a release someone else wrote with this comment's marker for its own cut", () => {
    const forged = planCutRelease(
      ukrdcFacts({ releases: [{ id: 6, tag: "v0.0.1", url: "https://x/releases/6", body: cutMarker(7), draft: false, prerelease: false, byThisApp: false }] }),
    );
    expect(forged.outcome.kind).toBe("cut");
    expect(forged.plan.reason).not.toBe("already-done");
  });

  it("resumes from the tag when the changelog commit is already on the branch", () => {
    const [commit] = only(planCutRelease(gwceleryFacts()).plan.actions, "commit-files");
    const facts = gwceleryFacts({ changelog: commit?.files[0]?.content ?? "" });
    expect(planCutRelease(facts).plan.actions.map((a) => a.kind)).toEqual(["comment", "create-tag", "create-release", "commit-files"]);
    expect(only(planCutRelease(facts).plan.actions, "create-tag")[0]?.commit).toBe("a".repeat(40));
  });
});
