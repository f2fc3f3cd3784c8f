// `plan --event release` on each example a release sets off: Openverse's changelog PR and
// production dispatch, UKRDC's staging deploy and downstream pin, GWCelery's checklist closed on
// publishing and opened by a candidate.
import { describe, expect, it } from "vitest";
import { actionsOf, notPlanned, payloadFor, planOn, plansOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "5f0c2e8d9a1b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

function release(owner: string, repo: string, defaultBranch: string, tag: string, extra: Record<string, unknown> = {}, action = "published") {
  return payloadFor(
    "release",
    action,
    owner,
    repo,
    defaultBranch,
    {
      release: {
        id: 77,
        tag_name: tag,
        name: tag,
        body: "- A change",
        draft: false,
        prerelease: false,
        target_commitish: defaultBranch,
        html_url: `https://github.com/${owner}/${repo}/releases/tag/${tag}`,
        ...extra,
      },
    },
    "joel",
  );
}

describe("plan release.published on Openverse's config", () => {
  const payload = release("WordPress", "openverse", "main", "api-2024.01.01.19.52.14");

  it("opens the changelog PR and dispatches production to the infrastructure repository with the rel- image", async () => {
    const run = await planOn("openverse", "release", payload, { now: NOW, sha: SHA, locks: {} });
    expect(actionsOf(run, "changelogForRelease")).toMatchObject([
      { kind: "open-pull-request", title: "Publish changelog for api-2024.01.01.19.52.14", base: "main" },
    ]);
    const deploy = actionsOf(run, "deployFollowingRelease");
    expect(deploy).toMatchObject([
      {
        kind: "create-deployment",
        environment: "production",
        ref: SHA,
        payload: { app: "api", image_tag: "rel-2024.01.01.19.52.14", release_tag: "api-2024.01.01.19.52.14" },
      },
      {
        kind: "dispatch-repository-event",
        repo: { owner: "WordPress", repo: "openverse-infrastructure" },
        eventType: "deploy_production_api",
        clientPayload: { actor: "joel", tag: "rel-2024.01.01.19.52.14" },
      },
    ]);
    expect(run.report?.assumed).toEqual([]);
  });

  it("names the commit it assumed when the facts do not say what the tag names", async () => {
    const run = await planOn("openverse", "release", payload, { now: NOW, locks: {} });
    expect(run.report?.assumed).toEqual(["sha: the tag api-2024.01.01.19.52.14 names main (the release's target_commitish)"]);
  });
});

describe("plan release.published on UKRDC's config", () => {
  const final = release("renalreg", "ukrdc-services", "master", "v10.8.5");
  const requirements = "fastapi==0.110.0\nukrdc-services==10.8.4\n";

  it("deploys the final to staging now and says production waits for staging's success", async () => {
    const run = await planOn("ukrdc", "release", final, { now: NOW, sha: SHA, locks: {}, downstream: {} });
    const [staging, production] = plansOf(run, "deployFollowingRelease");
    expect(staging?.actions.find((action) => action.kind === "dispatch-workflow")).toMatchObject({ inputs: { environment: "staging", version: "10.8.5" } });
    expect(production).toMatchObject({
      reason: "event-not-relevant",
      actions: [],
      summary: expect.stringContaining("production takes v10.8.5 once staging reports success"),
    });
  });

  it("raises ukrdc-webapi's pin on its release branch from the file the facts give", async () => {
    const run = await planOn("ukrdc", "release", final, { now: NOW, sha: SHA, locks: {}, downstream: { "renalreg/ukrdc-webapi": { content: requirements } } });
    expect(actionsOf(run, "downstreamPins")).toMatchObject([
      {
        kind: "open-pull-request",
        repo: { owner: "renalreg", repo: "ukrdc-webapi" },
        base: "release",
        title: "Raise ukrdc-services to 10.8.5",
        files: [{ path: "requirements.txt", content: requirements.replace("10.8.4", "10.8.5") }],
      },
    ]);
  });

  it("says which downstream file it needs when the facts leave it out", async () => {
    expect(notPlanned(await planOn("ukrdc", "release", final, { now: NOW, sha: SHA }), "downstreamPins")).toContain("missing: renalreg/ukrdc-webapi");
  });

  it("raises no pin and deploys only staging for a candidate", async () => {
    const run = await planOn("ukrdc", "release", release("renalreg", "ukrdc-services", "master", "v10.8.5rc1", { prerelease: true }), {
      now: NOW,
      sha: SHA,
      locks: {},
    });
    expect(actionsOf(run, "downstreamPins")).toEqual([]);
    expect(plansOf(run, "deployFollowingRelease")).toHaveLength(1);
    expect(actionsOf(run, "deployFollowingRelease").find((action) => action.kind === "create-deployment")).toMatchObject({
      environment: "staging",
      payload: { prerelease: true },
    });
  });
});

describe("plan release on GWCelery's config", () => {
  const marker = "<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->";

  it("closes the open checklist of the published version with a comment linking the release", async () => {
    const run = await planOn("gwcelery", "release", release("emfollow", "gwcelery", "main", "v2.6.0"), {
      now: NOW,
      checklists: [{ number: 3, body: `- [x] done\n\n${marker}` }],
    });
    expect(actionsOf(run, "closeChecklist")).toMatchObject([
      { kind: "comment", issueNumber: 3, body: expect.stringContaining("(tag `v2.6.0`). Closing this checklist.") },
      { kind: "update-issue", number: 3, state: "closed" },
    ]);
    expect(actionsOf(run, "deployFollowingRelease")).toEqual([]);
  });

  it("closes nothing when the facts show no open checklist of that version", async () => {
    const run = await planOn("gwcelery", "release", release("emfollow", "gwcelery", "main", "v2.6.0"), {
      now: NOW,
      checklists: [{ number: 3, state: "closed", body: marker }],
    });
    expect(plansOf(run, "closeChecklist")[0]).toMatchObject({ reason: "event-not-relevant", actions: [] });
  });

  it("opens the final version's checklist on release.prereleased of a candidate", async () => {
    const payload = release("emfollow", "gwcelery", "main", "v2.6.0rc1", { prerelease: true }, "prereleased");
    const run = await planOn("gwcelery", "release", payload, { now: NOW, checklists: [] });
    expect(actionsOf(run, "openChecklistOnPrerelease")).toMatchObject([{ kind: "create-issue", title: "Release version 2.6.0" }]);
    expect(run.report?.assumed).toContain("template: .github/ISSUE_TEMPLATE/release.md not given, so the built-in checklist is used");
  });

  it("plans the event named on the command line, so one payload serves published and prereleased", async () => {
    const payload = release("emfollow", "gwcelery", "main", "v2.6.0rc1", { prerelease: true });
    const run = await planOn("gwcelery", "release.prereleased", payload, { now: NOW, checklists: [] });
    expect(run.report?.parts.map((part) => part.feature)).toEqual(["openChecklistOnPrerelease"]);
  });
});
