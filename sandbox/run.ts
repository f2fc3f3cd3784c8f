// `npm run sandbox`: Openverse's release process (PROCESSES.md §4) against a local GitHub emulator,
// with no account and no network. It starts the emulator, starts the built app as its own process
// (as `npm start` would), sends signed webhooks the way GitHub does, and after each one prints
// what the bot did.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeStatePage } from "./page.js";
import { startEmulator, type Emulator } from "../test/emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload, releasePayload } from "../test/e2e/fixtures/event-payloads.js";
import { startApp, type AppProcess } from "../test/e2e/harness.js";
import { describeChanges, snapshot } from "./snapshot.js";
import { workflowsFor } from "../test/emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const MAINTAINER = "zackkrida";

interface Step {
  readonly title: string;
  /** What people and other systems did before the webhook: not the bot's doing, so not reported. */
  readonly seed?: () => unknown;
  readonly send: () => Promise<void>;
}

function steps(gh: Emulator, app: AppProcess): Step[] {
  const releaseIds = new Map<string, number>();
  const publish = (tag: string): Step => ({
    title: `release ${tag} published`,
    seed: () =>
      releaseIds.set(
        tag,
        releaseIds.get(tag) ??
          gh.addRelease({ owner, repo, tag, name: tag, body: "- Add a script to observe the API during Redis migration (#3575) by @dhruvkb" }),
      ),
    send: async () => void (await app.send("release", releasePayload(gh, { owner, repo, releaseId: releaseIds.get(tag)!, sender: MAINTAINER }))),
  });
  let reported = 0;
  const finish = (state: "success" | "failure"): Step => ({
    title: `the production deploy workflow reports ${state}`,
    seed: async () => {
      const deployment = gh
        .deployments(owner, repo)
        .find((d) => d.environment === "production" && d.statuses.every((s) => !["success", "failure"].includes(s.state)));
      if (deployment === undefined) throw new Error("no production deployment is waiting for its outcome");
      reported = deployment.id;
      await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${deployment.id}/statuses`, {
        method: "POST",
        headers: { authorization: `token ${gh.userToken("openverse-bot")}`, "content-type": "application/json" },
        body: JSON.stringify({ state }),
      });
    },
    send: async () => void (await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: reported }))),
  });
  let issue = 0;
  return [
    {
      title: "push to main after two merged API pull requests",
      seed: () => {
        gh.addMergedPullRequest({
          owner,
          repo,
          title: "Add a script to observe the API during Redis migration",
          labels: ["🧱 stack: api", "🌟 goal: addition"],
          author: "dhruvkb",
          files: { "api/observe.py": "print('observing')\n" },
        });
        gh.addMergedPullRequest({
          owner,
          repo,
          title: "Bump jwcrypto from 1.5.0 to 1.5.1 in /api",
          labels: ["🧱 stack: api", "🛠 goal: fix"],
          author: "dependabot",
          files: { "api/requirements.txt": "jwcrypto==1.5.1\n" },
        });
      },
      send: async () => void (await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: MAINTAINER }))),
    },
    publish("api-2024.01.01.19.52.14"),
    { ...publish("api-2024.01.01.19.52.14"), title: "the same release.published delivered again" },
    finish("success"),
    publish("api-2024.02.02.10.00.00"),
    finish("failure"),
    {
      title: `${MAINTAINER} comments "/rollback production api" in an issue`,
      seed: () => (issue = gh.addIssue({ owner, repo, title: "Production is down" })),
      send: async () =>
        void (await app.send("issue_comment", commentPayload(gh, { owner, repo, number: issue, body: "/rollback production api", sender: MAINTAINER }))),
    },
  ];
}

export interface SandboxRun {
  /** The API contract violations seen: none, or the emulator found the bot asking what GitHub refuses. */
  readonly violations: readonly unknown[];
  /** The HTML page of the final state (page.ts). */
  readonly page: string;
}

/** Plays the process, printing through `print`, and writes the page of the final state into `outDir`. */
export async function runSandbox(print: (line: string) => void, outDir = join(tmpdir(), "release-pilot-sandbox")): Promise<SandboxRun> {
  const gh = await startEmulator();
  // With the Release Dashboard on, so the page shows it too (its Mermaid chart included).
  const config = `${readFileSync(new URL("../examples/openverse.yml", import.meta.url), "utf8")}\ndashboard: true\n`;
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "api/manage.py": "", "frontend/package.json": "{}" } });
  gh.createRepo({ owner, repo: "openverse-infrastructure" });
  gh.setPermission(owner, repo, MAINTAINER, "maintain");
  const app = await startApp({ emulator: gh });
  print(`Release Pilot sandbox: GitHub emulator at ${gh.url}, the app at ${app.url} (pid ${app.pid})`);
  print(`Repository ${owner}/${repo} with examples/openverse.yml as .github/release-pilot.yml\n`);
  try {
    for (const step of steps(gh, app)) {
      await step.seed?.();
      const before = snapshot(gh, owner, repo);
      await step.send();
      // The webhook is answered before the work is done; wait until the bot stops calling GitHub.
      await app.settle();
      print(`→ ${step.title}`);
      for (const line of describeChanges(gh, owner, repo, before, snapshot(gh, owner, repo))) print(`  ${line}`);
      print("");
    }
    if (gh.violations.length > 0) print(`GitHub API contract violations: ${JSON.stringify(gh.violations, null, 2)}`);
    const page = writeStatePage(gh, owner, repo, outDir);
    print(`What people will see on GitHub, as a page: ${page}`);
    return { violations: [...gh.violations], page };
  } finally {
    await app.stop();
    await gh.close();
  }
}
