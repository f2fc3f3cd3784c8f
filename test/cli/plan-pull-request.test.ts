// `plan --event pull_request`: the config check, planned from the files the facts say the pull
// request changes and the config text at its head (`files`), else the --config file.
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn, plansOf } from "./plan-run.js";

const HEAD = "9".repeat(40);
const CONFIG = ".github/release-pilot.yml";

function pull(action = "opened") {
  return payloadFor("pull_request", action, "emfollow", "gwcelery", "main", { pull_request: { number: 31, head: { sha: HEAD } } });
}

describe("plan pull_request: the config check", () => {
  it("fails the proposed config on its head commit, with the problem at its line", async () => {
    const run = await planOn("gwcelery", "pull_request", pull(), {
      now: "2024-10-21T12:00:00Z",
      pullFiles: [{ filename: CONFIG, status: "modified" }],
      files: { [CONFIG]: "environments:\n  staging:\n    follows: { brnch: main }\n    deploy: { workflow: deploy.yml }\n" },
    });
    expect(actionsOf(run, "checkConfigChange")).toMatchObject([
      {
        kind: "check-run",
        headSha: HEAD,
        name: "Release Pilot config",
        conclusion: "failure",
        annotations: [{ path: CONFIG, line: 3, level: "failure", message: expect.stringContaining("did you mean branch?") }],
      },
    ]);
    expect(run.report?.assumed).toEqual([]);
  });

  it("checks the --config file when the facts do not give the text at the head, and says so", async () => {
    const run = await planOn("gwcelery", "pull_request", pull("synchronize"), { now: "2024-10-21T12:00:00Z" });
    expect(actionsOf(run, "checkConfigChange")).toMatchObject([{ kind: "check-run", headSha: HEAD, conclusion: "success" }]);
    expect(run.report?.assumed).toEqual([
      `pullFiles: the pull request edits ${CONFIG}`,
      `files.${CONFIG}: the --config file, at 9999999`,
      "files..github/workflows/deploy.yml: not given, so the deploy inputs are not checked against it",
    ]);
  });

  it("leaves a pull request that does not touch the config alone, saying why", async () => {
    const run = await planOn("gwcelery", "pull_request", pull("reopened"), { pullFiles: [{ filename: "README.md" }, { filename: CONFIG, status: "removed" }] });
    expect(plansOf(run, "checkConfigChange")).toEqual([{ reason: "event-not-relevant", summary: `The pull request does not change ${CONFIG}.`, actions: [] }]);
  });
});
