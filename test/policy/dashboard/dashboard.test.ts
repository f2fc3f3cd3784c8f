import { describe, expect, it } from "vitest";
import { DASHBOARD_MARKER, dashboardNotRefreshed, planDashboard, renderDashboard } from "../../../src/policy/dashboard/index.js";
import type { StatusFacts } from "../../../src/policy/status/index.js";

const repo = { owner: "WordPress", repo: "openverse" };
const sha1 = "1c1f6ab9e2d34f5a6b7c8d9e0f1a2b3c4d5e6f70";
const sha2 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";

const openverse: StatusFacts = {
  repo: "WordPress/openverse",
  now: "2024-01-02T10:00:00Z",
  multiApp: true,
  environments: [
    {
      name: "staging",
      url: "https://staging.openverse.org",
      requires: [],
      lock: undefined,
      apps: [
        { app: "api", deployed: { ref: "main", sha: sha2, imageTag: sha2, at: "2024-01-02T09:00:00Z", by: "zackkrida" } },
        { app: "frontend", deployed: undefined },
      ],
    },
    {
      name: "production",
      url: null,
      requires: ["staging"],
      lock: { holder: "dhruvkb", reason: "db migration", expiresAt: "2024-01-02T12:00:00Z" },
      apps: [
        {
          app: "api",
          deployed: { ref: sha1, sha: sha1, imageTag: "rel-2024.01.01.19.52.14", at: "2024-01-01T20:00:00Z", by: "zackkrida" },
          failed: { ref: sha2, sha: sha2, imageTag: "rel-2024.01.02.08.00.00", at: "2024-01-02T08:30:00Z", by: "zackkrida" },
        },
        { app: "frontend", deployed: undefined },
      ],
    },
  ],
  apps: [
    {
      name: "api",
      lastRelease: {
        tag: "api-2024.01.01.19.52.14",
        publishedAt: "2024-01-01T19:52:14Z",
        url: "https://github.com/WordPress/openverse/releases/tag/api-2024.01.01.19.52.14",
      },
      mergedSince: 2,
      capped: false,
      unreleased: [
        { number: 3600, title: "Bump jwcrypto from 1.5.0 to 1.5.1 in /api", url: "https://github.com/WordPress/openverse/pull/3600" },
        { number: 3575, title: "Add a script to observe the API during Redis migration", url: "https://github.com/WordPress/openverse/pull/3575" },
      ],
    },
    { name: "frontend", lastRelease: undefined, mergedSince: 0, capped: false, unreleased: [] },
  ],
  checklists: undefined,
};

describe("the Release Dashboard", () => {
  it("renders the promotion path, deployments, locks, unreleased PRs and failures with their commands", () => {
    expect(renderDashboard(openverse)).toMatchSnapshot();
  });

  it("draws an arrow for each environment a promotion requires, with what runs there", () => {
    const text = renderDashboard(openverse);
    expect(text).toContain("env_staging --> env_production");
    expect(text).toContain('env_production["production<br/>api: rel-2024.01.01.19.52.14<br/>frontend: nothing yet"]');
  });

  it("offers the exact retry and rollback commands for a failure newer than the last success", () => {
    expect(renderDashboard(openverse)).toContain("retry with `/deploy production 9a8b7c6 api` or go back with `/rollback production api`");
  });

  it("renders the same text for the same state at another time, so unchanged means unedited", () => {
    expect(renderDashboard({ ...openverse, now: "2024-01-02T11:00:00Z" })).toBe(renderDashboard(openverse));
  });
});

describe("keeping the dashboard issue current", () => {
  const base = { repo, enabled: true, status: openverse, labels: ["release-dashboard"] };

  it("opens the dashboard when there is none", () => {
    expect(planDashboard({ ...base, existing: undefined }).actions).toMatchObject([
      { kind: "create-issue", key: "dashboard", title: "Release Dashboard", labels: ["release-dashboard"], body: expect.stringContaining(DASHBOARD_MARKER) },
    ]);
  });

  it("edits nothing when the dashboard already shows this state, marker and all", () => {
    const body = `${renderDashboard(openverse)}\n\n<!-- release-pilot:key=dashboard -->\n`;
    expect(planDashboard({ ...base, existing: { number: 7, body } })).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("reads a person's edit that leaves a long run of spaces before text as changed, in linear time", () => {
    // The dashboard is editable by anyone with write access; a `\s*marker\s*$` regex took
    // quadratic time on a run of spaces followed by anything but the marker.
    const body = `${renderDashboard(openverse)}${" ".repeat(200_000)}x\n\n<!-- release-pilot:key=dashboard -->\n`;
    const started = process.cpuUsage();
    expect(planDashboard({ ...base, existing: { number: 7, body } }).actions).toMatchObject([{ kind: "update-issue", number: 7 }]);
    const { user } = process.cpuUsage(started);
    // CPU time, not wall time: a quadratic scan of 200,000 spaces costs many seconds of it.
    expect(user).toBeLessThan(1_000_000);
  });

  it("edits the one dashboard issue when the state changed, guarding against a concurrent edit", () => {
    const result = planDashboard({ ...base, existing: { number: 7, body: `${DASHBOARD_MARKER}\nold` } });
    expect(result.actions).toMatchObject([{ kind: "update-issue", number: 7, expectedBody: `${DASHBOARD_MARKER}\nold`, body: renderDashboard(openverse) }]);
  });

  it("does nothing when the config does not ask for a dashboard", () => {
    expect(planDashboard({ ...base, enabled: false, existing: undefined })).toMatchObject({ reason: "not-configured", actions: [] });
  });
});

// GitHub announces the app's own writes too (issue #14 item 11): the run that made them already
// refreshed the dashboard last, so their events leave it alone, except a published release.
describe("events of this app's own writes", () => {
  it("leaves the dashboard alone for this app's pushes, statuses, comments and issue edits", () => {
    for (const name of ["push", "deployment_status", "issue_comment", "issues"]) {
      expect(dashboardNotRefreshed(true, { name, senderIsBot: true, senderIsThisApp: true })?.reason).toBe("event-not-relevant");
    }
  });

  it("refreshes it for a release this app published, and for another bot's push", () => {
    expect(dashboardNotRefreshed(true, { name: "release", senderIsBot: true, senderIsThisApp: true })).toBeUndefined();
    expect(dashboardNotRefreshed(true, { name: "push", senderIsBot: true, senderIsThisApp: false })).toBeUndefined();
  });
});
