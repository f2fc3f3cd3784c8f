import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/policy/plan.js";
import { planTrackChecklist, type TrackChecklistFacts } from "../../../src/policy/checklist/track.js";
import { countProgress, withProgressLine } from "../../../src/policy/checklist/progress.js";
import { repo } from "./builders.js";

const MARKER = "\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->\n";
const body = `- [x] a\n- [ ] b <!-- release-pilot:auto ci-green -->${MARKER}`;
const done = body.replace("- [ ] b", "- [x] b");

const facts = (overrides: Partial<TrackChecklistFacts["issue"]> = {}, rest: Partial<TrackChecklistFacts> = {}): TrackChecklistFacts => ({
  repo,
  issue: { number: 12, body, state: "open", ...overrides },
  alreadyAnnouncedReady: false,
  ...rest,
});

const kinds = (result: Plan): string[] => result.actions.map((action) => `${action.kind}:${action.key}`);

describe("planTrackChecklist", () => {
  it("adds the progress line", () => {
    const result = planTrackChecklist(facts());
    expect(result.summary).toBe("Update the progress of checklist #12 (1 of 2 items done).");
    expect(result.actions).toEqual([
      { kind: "update-issue", key: "checklist-progress:12", repo, number: 12, body: withProgressLine(body, countProgress(body)) },
    ]);
  });

  it("does nothing when the progress line is current", () => {
    const current = withProgressLine(body, countProgress(body));
    expect(planTrackChecklist(facts({ body: current }))).toEqual({
      reason: "already-done",
      summary: "Checklist #12 is up to date (1 of 2 items done).",
      actions: [],
    });
  });

  it("announces once when every item is done", () => {
    const result = planTrackChecklist(facts({ body: done }));
    expect(kinds(result)).toEqual(["update-issue:checklist-progress:12", "comment:checklist-ready:12"]);
    expect(result.actions[1]).toMatchObject({
      issueNumber: 12,
      body: "All 2 checklist items are done: 2.6.0 is ready to release. Type `/release` in a comment here to release it.",
    });
  });

  it("lists crossed-out items and their reasons in the ready comment", () => {
    const crossed = `- [x] a\n- [ ] ~~GCN alert~~ GCN is down\n- [ ] ~~Swift~~${MARKER}`;
    const comment = planTrackChecklist(facts({ body: crossed })).actions[1];
    expect(comment?.kind === "comment" && comment.body.split("\n").slice(1)).toEqual([
      "",
      "Crossed out:",
      "- GCN alert — GCN is down",
      "- Swift — no reason given",
    ]);
  });

  it("does not announce twice", () => {
    const current = withProgressLine(done, countProgress(done));
    expect(planTrackChecklist(facts({ body: current }, { alreadyAnnouncedReady: true })).reason).toBe("already-done");
  });

  it("announces when the line is current but the comment was never made", () => {
    const current = withProgressLine(done, countProgress(done));
    const result = planTrackChecklist(facts({ body: current }));
    expect(result.summary).toBe("Checklist #12 is complete and say it is ready to release.");
    expect(kinds(result)).toEqual(["comment:checklist-ready:12"]);
  });

  it("ticks auto items before counting", () => {
    const result = planTrackChecklist(facts({}, { auto: { ciGreen: true, sha: "abcdef0123" } }));
    expect(kinds(result)).toEqual(["update-issue:checklist-progress:12", "comment:checklist-ready:12"]);
    const update = result.actions[0];
    expect(update?.kind === "update-issue" && update.body).toContain(
      "- [x] b <!-- release-pilot:auto ci-green --> _(ticked by Release Pilot: CI is green on abcdef0)_",
    );
  });

  it.each([
    ["an issue without marker", { body: "- [ ] a" }, "Issue #12 is not a release checklist."],
    ["a closed checklist", { state: "closed" as const }, "Checklist #12 is closed."],
  ])("ignores %s", (_name, issue, summary) => {
    expect(planTrackChecklist(facts(issue))).toEqual({ reason: "event-not-relevant", summary, actions: [] });
  });
});
