// A `ci-green` checklist item and CI that reports commit statuses (Jenkins): the real app
// in-process against the emulator. A failed or pending status ticks nothing; Jenkins reporting
// success on the default branch's head ticks the item without anyone editing the issue.
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../emulator/index.js";
import { reportStatus } from "../e2e/fixtures/story-steps.js";
import { startInProcess } from "./deploy/in-process.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const repo = "web";
const CONFIG = "checklist:\n  template: .github/ISSUE_TEMPLATE/release.md\n  labels: [release]\n";
const BODY = "- [ ] CI is green <!-- release-pilot:auto ci-green -->\n- [ ] Docs\n\n<!-- release-pilot:checklist v=2.6.0 -->\n";

let gh: Emulator;
let probot: Probot;
let delivery = 0;
let issue = 0;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) } });
  issue = gh.addIssue({ owner, repo, title: "Release version 2.6.0", body: BODY, labels: ["release"], author: "octocat" });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

const bodyOf = () => gh.issues(owner, repo).find((candidate) => candidate.number === issue)?.body ?? "";
const receive = (payload: Record<string, unknown>) => probot.receive({ id: `c${(delivery += 1)}`, name: "status", payload: payload as never });

describe("a ci-green item and commit statuses", { timeout: 60_000 }, () => {
  it("stays unticked while Jenkins fails or is pending on the default branch's head", async () => {
    const head = gh.sha(owner, repo, "main") ?? "";
    await receive(await reportStatus(gh, owner, repo, head, "ci/jenkins", "failure"));
    expect(bodyOf()).toBe(BODY);
    await receive(await reportStatus(gh, owner, repo, head, "ci/jenkins", "pending"));
    expect(bodyOf()).toBe(BODY);
  });

  it("is ticked when Jenkins reports success there, with no edit of the issue", async () => {
    const head = gh.sha(owner, repo, "main") ?? "";
    await receive(await reportStatus(gh, owner, repo, head, "ci/jenkins", "success"));
    expect(bodyOf()).toContain(`- [x] CI is green <!-- release-pilot:auto ci-green --> _(ticked by Release Pilot: CI is green on ${head.slice(0, 7)})_`);
    expect(bodyOf()).toContain("1 of 2 items done");
  });

  it("ticks nothing for a success on a commit that is not the default branch's head", async () => {
    gh.createBranch(owner, repo, "feature", "main");
    const other = gh.commit(owner, repo, "feature", { "a.txt": "a\n" }, "Feature");
    const second = gh.addIssue({ owner, repo, title: "Release version 2.7.0", body: BODY.replace("2.6.0", "2.7.0"), labels: ["release"] });
    gh.resetCalls();
    await receive(await reportStatus(gh, owner, repo, other, "ci/jenkins", "success"));
    expect(gh.issues(owner, repo).find((candidate) => candidate.number === second)?.body).toBe(BODY.replace("2.6.0", "2.7.0"));
    // Decided from the payload: no issue was listed.
    expect(gh.calls.filter((call) => call.route === "/repos/{owner}/{repo}/issues")).toEqual([]);
  });
});
