import { describe, expect, it } from "vitest";
import { chooseRollbackTarget } from "../../../src/policy/deploy/rollback.js";
import { OLD_SHA, SHA, record } from "./builders.js";

const MID = "5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b";

describe("chooseRollbackTarget", () => {
  it.each([
    [
      "the previous success, marked inactive by GitHub",
      [record("success", SHA, { ref: "v3" }), record("inactive", MID, { ref: "v2" }), record("inactive", OLD_SHA, { ref: "v1" })],
      { sha: MID, ref: "v2" },
    ],
    [
      "past failures, to the last version that worked",
      [record("success", SHA), record("failure", MID), record("error", MID), record("inactive", OLD_SHA, { imageTag: "rel-1" })],
      { sha: OLD_SHA, ref: OLD_SHA, imageTag: "rel-1" },
    ],
    ["past redeploys of the current version", [record("success", SHA), record("inactive", SHA), record("inactive", OLD_SHA)], { sha: OLD_SHA, ref: OLD_SHA }],
    [
      "a different image built from the same commit",
      [record("success", SHA, { imageTag: "rel-2" }), record("inactive", SHA, { imageTag: "rel-1" })],
      { sha: SHA, ref: SHA, imageTag: "rel-1" },
    ],
    [
      "a failed current deploy, to the version that ran before it",
      [record("failure", SHA), record("success", MID), record("inactive", OLD_SHA)],
      { sha: MID, ref: MID },
    ],
    [
      // One app's history in a monorepo: another app's success made this app's running version
      // inactive too (GitHub's auto_inactive knows environments, not apps).
      "an app's running version that another app's success made inactive",
      [record("inactive", SHA, { ref: "api-2" }), record("inactive", OLD_SHA, { ref: "api-1" })],
      { sha: OLD_SHA, ref: "api-1" },
    ],
    [
      "a deploy still running, judged from the newest that finished",
      [record("in_progress", SHA), record("success", MID), record("inactive", OLD_SHA)],
      { sha: OLD_SHA, ref: OLD_SHA },
    ],
  ])("skips %s", (_name, history, expected) => {
    expect(chooseRollbackTarget({ history, environment: "production" })).toEqual(expected);
  });

  it.each([
    [
      "no deployments",
      [],
      "nothing has finished deploying to production yet, so there is nothing to roll back to; deploy a version first with /deploy production.",
    ],
    [
      "only one success",
      [record("success", SHA, { ref: "v1.0.0" })],
      "production has only ever run v1.0.0 successfully, so there is no earlier version to roll back to; name one with /rollback production api to <tag>.",
    ],
    [
      "only one success, which another app's success made inactive",
      [record("inactive", SHA, { ref: "api-1" })],
      "production has only ever run api-1 successfully, so there is no earlier version to roll back to; name one with /rollback production api to <tag>.",
    ],
    [
      "only failures",
      [record("failure", SHA, { imageTag: "rel-2" }), record("error", OLD_SHA)],
      "nothing has succeeded on production before the failed rel-2, so there is no earlier version to roll back to; name one with /rollback production api to <tag>.",
    ],
  ])("explains when there is %s", (_name, history, error) => {
    expect(chooseRollbackTarget({ history, environment: "production", app: "api" })).toEqual({ error });
  });

  describe("to a named version", () => {
    const history = [
      record("success", SHA, { ref: "v3", imageTag: "rel-3" }),
      record("failure", MID, { ref: "v2" }),
      record("inactive", OLD_SHA, { ref: "v1", imageTag: "rel-1" }),
    ];

    it.each([
      ["a ref that deployed", "v1", { sha: OLD_SHA, ref: "v1", imageTag: "rel-1" }],
      ["an image tag that deployed", "rel-1", { sha: OLD_SHA, ref: "v1", imageTag: "rel-1" }],
      ["a short SHA that deployed", OLD_SHA.slice(0, 8), { sha: OLD_SHA, ref: "v1", imageTag: "rel-1" }],
      ["a version whose deploy failed", "v2", { sha: MID, ref: "v2" }],
      ["the current version, which redeploys it", "v3", { sha: SHA, ref: "v3", imageTag: "rel-3" }],
      ["a tag that was never deployed but exists", "v0.9", { sha: "abc", ref: "v0.9" }],
    ])("picks %s", (_name, to, expected) => {
      expect(chooseRollbackTarget({ history, to, tags: { "v0.9": "abc" }, environment: "production" })).toEqual(expected);
    });

    it("explains a name that never deployed and is no tag", () => {
      expect(chooseRollbackTarget({ history, to: "v9", environment: "production" })).toEqual({
        error: '"v9" was never deployed to production and is not a tag of this repository; name one that was, e.g. /rollback production to rel-3',
      });
    });
  });
});
