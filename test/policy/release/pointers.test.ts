import { describe, expect, it } from "vitest";
import { planPointers } from "../../../src/policy/release/pointers.js";
import { config } from "./cut-builders.js";

const repo = { owner: "acme", repo: "widget" };
const withPointers = config('release_branch: "release-{version}"\npointers: { stable: tag, latest: branch }', "acme/widget");
const TAGS = ["v1.4.1", "v2.0.0", "v1.4.2", "v2.1.0"];
const final = (tag: string) => ({ tag_name: tag, draft: false, prerelease: false });

describe("pointers follow the newest final release", () => {
  it("moves the stable tag and the latest branch (never forced) to a newest release's commit", () => {
    const decided = planPointers({ repo, config: withPointers, release: final("v2.1.0"), tags: TAGS, commit: "a".repeat(40) });
    expect(decided.actions).toEqual([
      { kind: "move-tag", key: `pointer:stable:${"a".repeat(40)}`, repo, tag: "stable", commit: "a".repeat(40) },
      { kind: "move-tag", key: `pointer:latest:${"a".repeat(40)}`, repo, tag: "latest", commit: "a".repeat(40), ref: "branch" },
    ]);
  });

  it("moves none for a patch of an older line published after a newer one", () => {
    const decided = planPointers({ repo, config: withPointers, release: final("v1.4.2"), tags: TAGS, commit: "b".repeat(40) });
    expect(decided).toMatchObject({
      reason: "gate-refused",
      actions: [],
      summary: "v1.4.2 is not the newest release (a patch of an older line), so stable, latest stay where they are.",
    });
  });

  it.each([
    ["a candidate", { tag_name: "v2.2.0-rc.1", draft: false, prerelease: true }],
    ["a draft", { tag_name: "v2.2.0", draft: true, prerelease: false }],
  ])("moves none for %s", (_name, release) => {
    expect(planPointers({ repo, config: withPointers, release, tags: TAGS, commit: "c".repeat(40) }).actions).toEqual([]);
  });

  it("moves none when the release's tag names no commit, or is no app's tag", () => {
    expect(planPointers({ repo, config: withPointers, release: final("v2.1.0"), tags: TAGS, commit: undefined }).actions).toEqual([]);
    expect(planPointers({ repo, config: withPointers, release: final("0.0.1"), tags: TAGS, commit: "d".repeat(40) }).actions).toEqual([]);
  });

  it("refuses a pointer that has the form of a release tag, or is no ref name", () => {
    const bad = config; // parse errors throw in the builder
    expect(() => bad('tag: "v{version}"\npointers: { v1.0.0: tag }', "acme/widget")).toThrow(/has the form of the release tag/);
    expect(() => bad('pointers: { "latest branch": branch }', "acme/widget")).toThrow(/is not a valid ref name/);
  });
});
