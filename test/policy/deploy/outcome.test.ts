import { describe, expect, it } from "vitest";
import { planDeploymentOutcome, type OutcomeFacts } from "../../../src/policy/deploy/outcome.js";
import { OLD_SHA, SHA } from "./builders.js";

const KEY = `deploy:production/api:${SHA}:comment-42`;

function outcome(overrides: Partial<OutcomeFacts> = {}): OutcomeFacts {
  return {
    repo: { owner: "org", repo: "app" },
    deployment: {
      id: 9,
      environment: "production",
      sha: SHA,
      payload: { release_pilot_key: KEY, app: "api", image_tag: "rel-2", issue_number: 7, requested_by: "alice" },
    },
    state: "success",
    pointerTag: "production",
    isProduction: true,
    previousSuccess: { sha: OLD_SHA, ref: "v1", imageTag: "rel-1" },
    ...overrides,
  };
}

describe("planDeploymentOutcome", () => {
  it("moves the pointer tag, frees this deploy's lock and reports success", () => {
    const result = planDeploymentOutcome(outcome());
    expect(result.actions).toEqual([
      { kind: "move-tag", key: `pointer:production:${SHA}`, repo: { owner: "org", repo: "app" }, tag: "production", commit: SHA },
      {
        kind: "release-lock",
        key: `unlock:${KEY}`,
        repo: { owner: "org", repo: "app" },
        environment: "production@api",
        holderKey: `lock:production@api:${KEY}`,
      },
      {
        kind: "comment",
        key: `deploy-reply:${KEY}`,
        repo: { owner: "org", repo: "app" },
        issueNumber: 7,
        body: "✅ Deployed `1c1f6ab` (image `rel-2`) to **production**; `production` now points at it.",
        editable: true,
      },
    ]);
  });

  it.each(["failure", "error"] as const)("never moves the pointer tag on %s", (state) => {
    expect(planDeploymentOutcome(outcome({ state })).actions.map((action) => action.kind)).toEqual(["release-lock", "comment"]);
  });

  it("gives the exact rollback command when production fails", () => {
    const comment = planDeploymentOutcome(outcome({ state: "failure", logUrl: "https://github.com/org/infra/actions/runs/1" })).actions.find(
      (action) => action.kind === "comment",
    );
    expect(comment?.kind === "comment" && comment.body).toBe(
      [
        "❌ Deploying `1c1f6ab` (image `rel-2`) to **production** ended with failure ([logs](https://github.com/org/infra/actions/runs/1)).",
        "",
        "To go back to `0a0a0a0` (image `rel-1`), comment:",
        "",
        "```",
        "/rollback production api",
        "```",
      ].join("\n"),
    );
  });

  it("offers no rollback when an environment other than production fails", () => {
    const comment = planDeploymentOutcome(outcome({ state: "error", isProduction: false })).actions.find((action) => action.kind === "comment");
    expect(comment?.kind === "comment" && comment.body).not.toContain("/rollback");
  });

  it("reads the issue number from the payload even when GitHub returns it as a string", () => {
    const result = planDeploymentOutcome(
      outcome({ deployment: { id: 9, environment: "staging", sha: SHA, payload: { release_pilot_key: KEY, issue_number: "12" } } }),
    );
    expect(result.actions.find((action) => action.kind === "comment")).toMatchObject({ issueNumber: 12 });
  });

  it("comments nowhere when no issue asked", () => {
    const result = planDeploymentOutcome(
      outcome({ deployment: { id: 9, environment: "production", sha: SHA, payload: {} }, pointerTag: undefined, state: "success" }),
    );
    expect(result.actions).toEqual([
      {
        kind: "release-lock",
        key: "unlock:deployment-9",
        repo: { owner: "org", repo: "app" },
        environment: "production",
        holderKey: "lock:production:deployment-9",
      },
    ]);
  });

  // Issue #12 item 16: a failed deploy nobody typed reached nobody.
  describe("a failed automatic deploy (a push's or a release's)", () => {
    const RELEASE_KEY = `deploy:production/api:${SHA}:release-77`;
    const automatic = (state: "failure" | "error", isProduction = true) =>
      planDeploymentOutcome(
        outcome({
          state,
          isProduction,
          logUrl: "https://github.com/org/infra/actions/runs/1",
          deployment: {
            id: 9,
            environment: isProduction ? "production" : "staging",
            sha: SHA,
            payload: { release_pilot_key: RELEASE_KEY, app: "api", image_tag: "rel-2", release_tag: "api-2" },
          },
        }),
      );

    it("fails a check run on the commit, with the exact rollback offer for production", () => {
      const check = automatic("failure").actions.find((action) => action.kind === "check-run");
      expect(check).toEqual({
        kind: "check-run",
        key: `deploy-failed:${RELEASE_KEY}`,
        repo: { owner: "org", repo: "app" },
        headSha: SHA,
        name: "Release Pilot: deploy api to production",
        conclusion: "failure",
        title: "Deploying to production ended with failure",
        summary: [
          "❌ Deploying `1c1f6ab` (image `rel-2`) to **production** ended with failure ([logs](https://github.com/org/infra/actions/runs/1)).",
          "",
          "To go back to `0a0a0a0` (image `rel-1`), comment in any issue or pull request of this repository:",
          "",
          "```",
          "/rollback production api",
          "```",
        ].join("\n"),
        annotations: [],
      });
    });

    it("fails the check run without a rollback offer elsewhere, and on error too", () => {
      const check = automatic("error", false).actions.find((action) => action.kind === "check-run");
      expect(check).toMatchObject({ conclusion: "failure", title: "Deploying to staging ended with error" });
      expect(check?.kind === "check-run" && check.summary).not.toContain("/rollback");
    });

    it("writes no check run on success, nor for a deploy someone asked for in an issue (that one is answered there)", () => {
      expect(
        planDeploymentOutcome(outcome({ deployment: { id: 9, environment: "production", sha: SHA, payload: { release_pilot_key: RELEASE_KEY } } })).actions.map(
          (a) => a.kind,
        ),
      ).toEqual(["move-tag", "release-lock"]);
      expect(planDeploymentOutcome(outcome({ state: "failure" })).actions.map((a) => a.kind)).toEqual(["release-lock", "comment"]);
    });
  });

  it("plans the same keys when the same outcome is delivered twice", () => {
    const keys = () => planDeploymentOutcome(outcome()).actions.map((action) => action.key);
    expect(keys()).toEqual(keys());
  });
});
