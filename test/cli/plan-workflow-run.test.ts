// `plan --event workflow_run`: a dispatched deploy workflow that failed without setting its
// deployment's status has the deployment it served failed, with the run as the log; the offline
// plan of the real feature (reportFailedDeployWorkflow) from the deployments the facts give.
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn, plansOf } from "./plan-run.js";

const NOW = "2024-10-21T12:00:00Z";
const SHA = "1c1f6ab9d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7";
const KEY = `deploy:staging:${SHA}:push-${SHA}`;

function runOf(conclusion: string, event = "workflow_dispatch") {
  return payloadFor("workflow_run", "completed", "thegreenwebfoundation", "admin-portal", "master", {
    workflow_run: {
      id: 77,
      name: "Deploy",
      path: ".github/workflows/deploy.yml",
      head_sha: SHA,
      event,
      status: "completed",
      conclusion,
      html_url: "https://github.com/thegreenwebfoundation/admin-portal/actions/runs/77",
      // GitHub creates the run right after the dispatch, so after the deployment it serves.
      created_at: "2024-10-21T11:50:05Z",
    },
  });
}

const deployments = {
  staging: [
    {
      id: 31,
      sha: SHA,
      state: "in_progress" as const,
      createdAt: "2024-10-21T11:50:00Z",
      description: "Dispatched deploy.yml in thegreenwebfoundation/admin-portal (run 77)",
      payload: { release_pilot_key: KEY, requested_by: "fershad" },
    },
  ],
};

describe("plan workflow_run on Green Web Foundation's config", () => {
  it("fails the staging deployment the failed run served and frees its lock", async () => {
    const run = await planOn("greenweb", "workflow_run", runOf("failure"), { now: NOW, deployments });
    const actions = actionsOf(run, "reportFailedDeployWorkflow");
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "set-deployment-status", deploymentId: 31, state: "failure" }),
        expect.objectContaining({ kind: "release-lock", environment: "staging" }),
      ]),
    );
  });

  it("says why nothing happens for a run that succeeded or was not dispatched", async () => {
    const passed = await planOn("greenweb", "workflow_run", runOf("success"), { now: NOW, deployments });
    expect(plansOf(passed, "reportFailedDeployWorkflow")).toMatchObject([{ reason: "event-not-relevant", actions: [] }]);
    const pushed = await planOn("greenweb", "workflow_run", runOf("failure", "push"), { now: NOW, deployments });
    expect(plansOf(pushed, "reportFailedDeployWorkflow")).toMatchObject([{ reason: "event-not-relevant", actions: [] }]);
  });
});
