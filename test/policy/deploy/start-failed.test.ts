// Issue #12 item 16: an automatic deploy whose dispatch GitHub refused is failed with the reason.
import { describe, expect, it } from "vitest";
import { planStartFailed } from "../../../src/policy/deploy/start-failed.js";
import { SHA } from "./builders.js";

const KEY = `deploy:production/api:${SHA}:release-5`;

describe("planStartFailed", () => {
  const planned = planStartFailed({
    repo: { owner: "org", repo: "app" },
    deployment: { id: 9, environment: "production", sha: SHA, payload: { release_pilot_key: KEY, app: "api", image_tag: "rel-2" } },
    error: "GitHub answered 404 to the repository dispatch (Not Found)",
    isProduction: true,
  });

  it("errors the deployment with the reason, frees its lock and fails a check run offering the rollback", () => {
    expect(planned.actions.map((action) => action.kind)).toEqual(["set-deployment-status", "release-lock", "check-run"]);
    expect(planned.actions[0]).toMatchObject({
      key: "start-failed:9",
      deploymentId: 9,
      state: "error",
      description: "the deploy could not be started: GitHub answered 404 to the repository dispatch (Not Found)",
    });
    const check = planned.actions[2];
    expect(check?.kind === "check-run" && check.summary).toBe(
      [
        "❌ Deploying `1c1f6ab` (image `rel-2`) to **production** ended with error: the deploy could not be started: GitHub answered 404 to the repository dispatch (Not Found).",
        "",
        "To go back to the last version that succeeded there, comment in any issue or pull request of this repository:",
        "",
        "```",
        "/rollback production api",
        "```",
      ].join("\n"),
    );
  });

  it("uses the key the deployment_status GitHub then sends plans too, so that one writes no second check run", () => {
    expect(planned.actions[2]?.key).toBe(`deploy-failed:${KEY}`);
  });
});

describe("the reason a start failed is quoted inert", () => {
  it("does not let an input name from a workflow file mention a team in the reply", () => {
    const planned = planStartFailed({
      repo: { owner: "org", repo: "app" },
      deployment: { id: 9, environment: "staging", sha: SHA, payload: { release_pilot_key: `deploy:staging:${SHA}:comment-4`, issue_number: 4 } },
      error: ".github/workflows/deploy.yml does not declare the input @org/admins <img src=x>",
      isProduction: false,
    });
    const reply = planned.actions.find((action) => action.kind === "comment");
    expect(reply?.kind === "comment" && reply.body).toContain("does not declare the input");
    expect(reply?.kind === "comment" && reply.body).not.toMatch(/(?:^|[^A-Za-z0-9`])@[A-Za-z0-9]/);
    expect(reply?.kind === "comment" && reply.body).not.toContain("<img");
  });
});
