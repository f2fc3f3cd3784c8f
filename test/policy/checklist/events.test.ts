// Which events open, close or track a checklist (moved out of the handlers with #13): decided
// from the payload and config alone, and a "no" is a plan that says why.
import { describe, expect, it } from "vitest";
import {
  askedAutoFacts,
  checklistCommandStep,
  checklistOpenedReply,
  checklistOf,
  releaseBranchChecklist,
  releaseChecklist,
  releaseClosesChecklist,
  tracksChecklist,
} from "../../../src/policy/checklist/index.js";
import { nothing, plan } from "../../../src/policy/plan.js";
import { config, gwceleryConfig, ukrdcConfig } from "../release/cut-builders.js";

const MARKER = "<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->";

describe("a push opens a checklist only when it creates a release branch", () => {
  it("opens 2.6.0's on the push creating release/v2.6", () => {
    expect(releaseBranchChecklist(gwceleryConfig, { ref: "refs/heads/release/v2.6", created: true, deleted: false })).toMatchObject({
      kind: "open",
      app: "gwcelery",
      trigger: { kind: "release-branch", branch: "release/v2.6" },
    });
  });

  it.each([
    { ref: "refs/heads/release/v2.6", created: false, deleted: false },
    { ref: "refs/heads/release/v2.6", created: true, deleted: true },
    { ref: "refs/heads/feature", created: true, deleted: false },
    { ref: "refs/tags/v2.6.0", created: true, deleted: false },
  ])("opens none for $ref (created $created, deleted $deleted), saying so", (push) => {
    expect(releaseBranchChecklist(gwceleryConfig, push)).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", "The push does not create a release branch that opens a checklist."),
    });
  });

  it("opens none without a checklist section", () => {
    expect(releaseBranchChecklist(ukrdcConfig, { ref: "refs/heads/release/v2.6", created: true, deleted: false }).kind).toBe("none");
  });
});

describe("a prerelease or a draft opens its final version's checklist", () => {
  it("opens on a prerelease GWCelery's open_on names", () => {
    expect(releaseChecklist(gwceleryConfig, { tag_name: "v2.6.0rc1", draft: false }, "prerelease")).toMatchObject({
      kind: "open",
      trigger: { kind: "prerelease", tag: "v2.6.0rc1" },
    });
  });

  it("opens none on a draft when open_on leaves drafts out, and none for a release that is no draft", () => {
    expect(releaseChecklist(gwceleryConfig, { tag_name: "v2.6.0", draft: true }, "draft-release")).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", "Checklists are not opened on a draft-release."),
    });
    expect(releaseChecklist(gwceleryConfig, { tag_name: "v2.6.0", draft: false }, "draft-release")).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", "Only a draft release opens a checklist on release.created."),
    });
  });

  it("names the tag that belongs to no app of a monorepo", () => {
    const mono = config(
      "checklist: { template: release.md, open_on: [prerelease] }\napps:\n  api: { paths: ['api/**'], tag: 'api-{version}' }\n  web: { paths: ['web/**'], tag: 'web-{version}' }\n",
      "acme/mono",
    );
    expect(releaseChecklist(mono, { tag_name: "v1.0.0rc1", draft: false }, "prerelease")).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", "The tag v1.0.0rc1 belongs to no configured app; no checklist opened."),
    });
  });
});

describe("a published final closes its version's open checklist", () => {
  it("closes 2.6.0's on v2.6.0 and finds it by its marker", () => {
    const of = releaseClosesChecklist(gwceleryConfig, { tag_name: "v2.6.0", draft: false, prerelease: false });
    expect(of).toMatchObject({ kind: "close", app: "gwcelery", version: "2.6.0" });
    const issues = [
      { number: 2, body: "<!-- release-pilot:checklist v=2.5.0 app=gwcelery -->" },
      { number: 3, body: MARKER },
    ];
    expect(of.kind === "close" ? checklistOf(issues, of)?.number : undefined).toBe(3);
  });

  it("closes none for a candidate, whose final's checklist stays open", () => {
    expect(releaseClosesChecklist(gwceleryConfig, { tag_name: "v2.6.0rc1", draft: false, prerelease: true })).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", "This release closes no checklist."),
    });
  });
});

describe("which issue events track a checklist", () => {
  const event = { action: "edited", senderType: "User", number: 5, body: `- [ ] x\n\n${MARKER}` };

  it("tracks a person's edit of a checklist", () => {
    expect(tracksChecklist(gwceleryConfig, event)).toBeUndefined();
  });

  it("leaves a bot's edit, an issue that is no checklist, and a repository without checklists alone", () => {
    const not = nothing("event-not-relevant", "Issue #5 is not a checklist the bot tracks on this event.");
    expect(tracksChecklist(gwceleryConfig, { ...event, senderType: "Bot" })).toEqual(not);
    expect(tracksChecklist(gwceleryConfig, { ...event, body: "A bug" })).toEqual(not);
    expect(tracksChecklist(ukrdcConfig, event)).toEqual(not);
  });

  it("keeps the bot's own opening, which adds the progress line", () => {
    expect(tracksChecklist(gwceleryConfig, { ...event, action: "opened", senderType: "Bot" })).toBeUndefined();
  });

  it("reads only the auto facts the body asks for", () => {
    expect(askedAutoFacts("- [ ] CI <!-- release-pilot:auto ci-green -->")).toEqual({ ci: true, changelog: false, staging: false });
    expect(askedAutoFacts("- [ ] plain")).toEqual({ ci: false, changelog: false, staging: false });
  });
});

describe("/checklist's answers", () => {
  it("asks for the version, and names the setup when there is no checklist section", () => {
    expect(checklistCommandStep(gwceleryConfig, { name: "checklist" })).toEqual({
      kind: "answer",
      text: "Which version is the checklist for? Type the version, for example `/checklist 2.6.0`.",
    });
    expect(checklistCommandStep(ukrdcConfig, { name: "checklist", version: "10.8.5" })).toMatchObject({
      kind: "answer",
      text: expect.stringContaining("Release checklists are not set up here"),
    });
    expect(checklistCommandStep(gwceleryConfig, { name: "checklist", version: "2.6.0" })).toMatchObject({ kind: "open", app: "gwcelery", version: "2.6.0" });
  });

  it("links the opened checklist, or the one already there", () => {
    const opened = plan("Open it.", []);
    expect(checklistOpenedReply({ app: "gwcelery", version: "2.6.0", plan: opened, created: { status: "done", url: "https://x/4" }, existing: [] })).toBe(
      "Opened the release checklist: https://x/4",
    );
    const existing = [{ number: 4, state: "closed" as const, body: MARKER, url: "https://x/4" }];
    const done = nothing("already-done", "There is one.");
    expect(checklistOpenedReply({ app: "gwcelery", version: "v2.6.0", plan: done, created: undefined, existing })).toBe(
      "The release checklist for 2.6.0 is already there (closed): https://x/4",
    );
    expect(
      checklistOpenedReply({ app: "gwcelery", version: "2.6.0", plan: done, created: undefined, existing: [{ number: 4, state: "closed", body: MARKER }] }),
    ).toBe("The release checklist for 2.6.0 is already there (closed): #4");
  });
});
