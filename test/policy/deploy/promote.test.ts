import { describe, expect, it } from "vitest";
import { choosePromotion } from "../../../src/policy/deploy/promote.js";
import { OLD_SHA, SHA, record } from "./builders.js";

describe("choosePromotion", () => {
  it.each([
    [
      "the newest success",
      [record("success", SHA, { ref: "main", imageTag: "staging-1c1f6ab9" }), record("inactive", OLD_SHA)],
      { sha: SHA, ref: "main", imageTag: "staging-1c1f6ab9" },
    ],
    ["past a failed newer deploy", [record("failure", OLD_SHA), record("success", SHA)], { sha: SHA, ref: SHA }],
    ["past a deploy still running", [record("in_progress", OLD_SHA), record("success", SHA)], { sha: SHA, ref: SHA }],
    // In a monorepo the history is one app's: another app's success in the same environment made
    // GitHub mark this app's running version inactive, and it is still what runs for this app.
    ["an app's version inactivated by another app's success", [record("failure", OLD_SHA), record("inactive", SHA)], { sha: SHA, ref: SHA }],
  ])("promotes %s", (_name, history, expected) => {
    expect(choosePromotion({ from: "staging", history })).toEqual(expected);
  });

  it.each([
    [
      "nothing was deployed",
      [],
      "nothing has succeeded on staging yet, so there is nothing to promote; deploy to staging first with /deploy staging, then /promote staging production",
    ],
    [
      "a first deploy still running",
      [record("queued", SHA)],
      "nothing has succeeded on staging yet, though a deploy is under way; wait for it to finish, then /promote staging production",
    ],
  ])("explains when %s", (_name, history, error) => {
    expect(choosePromotion({ from: "staging", to: "production", history })).toEqual({ error });
  });
});
