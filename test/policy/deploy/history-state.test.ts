// A deployment's statuses, newest first, read into its app's history (history-state.ts): GitHub's
// auto_inactive makes an earlier success inactive whichever app's deploy succeeded after it.
import { describe, expect, it } from "vitest";
import { historyState } from "../../../src/policy/deploy/history-state.js";

const statuses = (...states: string[]) => states.map((state) => ({ state }));

describe("historyState", () => {
  it.each([
    ["no status yet", statuses(), "pending"],
    ["a latest state that is not inactive", statuses("in_progress", "queued"), "in_progress"],
    ["a success", statuses("success", "in_progress"), "success"],
    ["a success GitHub made inactive", statuses("inactive", "success", "in_progress"), "inactive"],
    ["a success made inactive twice", statuses("inactive", "inactive", "success"), "inactive"],
    ["a failure made inactive after", statuses("inactive", "failure", "in_progress"), "failure"],
    ["an error made inactive after", statuses("inactive", "error"), "error"],
    // A verified deploy the bot failed after the workflow's success is a failure, not a success.
    ["a success then a failed verify, made inactive", statuses("inactive", "failure", "success"), "failure"],
    ["a queued deploy superseded before it started", statuses("inactive"), undefined],
    ["a deploy made inactive while it ran", statuses("inactive", "in_progress", "queued"), undefined],
    ["a state GitHub may add later", statuses("destroyed"), "pending"],
  ])("reads %s", (_name, given, expected) => {
    expect(historyState(given)).toBe(expected);
  });
});
