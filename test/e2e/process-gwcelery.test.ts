// GWCelery's whole process (PROCESSES.md §1) played as one story with examples/gwcelery.yml:
// the release branch opens the checklist, the last tick says it is ready, `/release` in it cuts
// 2.6.0, publishing closes it, and production (command-only in the example) is deployed by
// `/deploy production v2.6.0` and reported back by the deploy workflow.
// A closed loop: the test only does what people and the deploy workflow do (push the branch, tick
// the boxes, comment, report the deployment's status); the emulator sends every webhook, the
// `release.published` of the release the bot itself cuts included.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { botComments, commentAs, commitMessage, deploymentsOf, expectCalm, reportDeployment, statesOf, tickEveryBoxAs } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "emfollow";
const repo = "gwcelery";
const TITLE = "Release version 2.6.0";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": readFileSync("examples/gwcelery.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/gwcelery.yml", "utf8")),
      ".github/ISSUE_TEMPLATE/release.md": readFileSync("test/fixtures/checklist/CreateARelease.md", "utf8"),
      "CHANGES.rst": readFileSync("test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", "utf8"),
    },
  });
  gh.addTag(owner, repo, "v2.5.2", "main", "Version 2.5.2");
  gh.setPermission(owner, repo, "leo", "write");
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const comments = (number: number) => botComments(gh, owner, repo, number);

describe("GWCelery from the release branch to production", () => {
  it("opens the checklist, cuts 2.6.0 from it, closes it on publishing and deploys v2.6.0 to production on /deploy", async () => {
    // A person pushes the new release branch: the checklist opens from the template.
    gh.createBranch(owner, repo, "release/v2.6", undefined, "leo");
    const issue = await app.waitFor(() => gh.issues(owner, repo).find((i) => i.title === TITLE), 30_000);
    expect(issue.body).toContain("1.  [ ] The CI pipeline succeeded");
    await app.settle();

    // Every box ticked: the bot says it is ready.
    await tickEveryBoxAs(gh, owner, repo, issue.number, "leo");
    const ready = await app.waitFor(() => comments(issue.number).find((c) => c.body.includes("2.6.0 is ready to release")), 30_000);
    expect(ready.body).toContain("Type `/release`");
    await app.settle();

    // `/release` in the checklist: changelog commit, annotated tag, release, back to development.
    await commentAs(gh, owner, repo, issue.number, "/release", "leo");
    await app.waitFor(() => comments(issue.number).find((c) => c.body.includes("released release")), 60_000);
    await app.settle();
    const tag = gh.tags(owner, repo).find((t) => t.name === "v2.6.0");
    expect(tag).toMatchObject({ annotated: true, message: expect.stringMatching(/^Version 2\.6\.0\n?$/) });
    expect(gh.file(owner, repo, tag!.commit!, "CHANGES.rst")).toMatch(
      /^Changelog\n=========\n\n2\.6\.0 "Akkorokamui" \(\d{4}-\d{2}-\d{2}\)\n-{32}\n\n- {3}Enabled SSM/,
    );
    expect(commitMessage(gh, owner, repo, tag!.commit!)).toMatch(new RegExp(`^Update changelog for version 2\\.6\\.0 "Akkorokamui"; closes #${issue.number}`));
    const head = gh.sha(owner, repo, "main")!;
    expect(commitMessage(gh, owner, repo, head)).toMatch(/^Back to development\./);
    expect(gh.file(owner, repo, head, "CHANGES.rst")).toContain(
      '=========\n\n2.6.1 (unreleased)\n------------------\n\n-   No changes yet.\n\n2.6.0 "Akkorokamui"',
    );
    const release = gh.releases(owner, repo).find((r) => r.tag_name === "v2.6.0");
    expect(release).toMatchObject({ draft: false, prerelease: false });

    // GitHub announces the release the bot published: the checklist is closed.
    await app.waitFor(() => gh.issues(owner, repo).find((i) => i.number === issue.number)?.state === "closed", 30_000);
    expect(comments(issue.number).at(-1)?.body).toContain("(tag `v2.6.0`). Closing this checklist.");
    await app.settle();
    // Production follows nothing in the example: publishing deploys nothing by itself.
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);

    // Production is redeployed when someone asks, at the release.
    await commentAs(gh, owner, repo, issue.number, "/deploy production v2.6.0", "leo");
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "production"), 30_000);
    await app.settle();
    const [production, ...others] = deploymentsOf(gh, owner, repo, "production");
    expect(others).toEqual([]);
    expect(production).toMatchObject({ sha: tag!.commit });
    expect(dispatch).toMatchObject({
      owner,
      repo,
      workflow_id: "deploy.yml",
      inputs: { environment: "production", ref: "v2.6.0", deployment_id: String(production!.id) },
    });

    // The deploy workflow reports success; the outcome is recorded and nothing else is deployed.
    await reportDeployment(gh, owner, repo, production!.id, "success");
    await app.settle();
    expect(statesOf(gh, owner, repo, production!.id).at(-1)).toBe("success");
    expect(gh.workflowDispatches).toHaveLength(1);
    expect(
      gh
        .tags(owner, repo)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["v2.5.2", "v2.6.0"]);
    expect(gh.issues(owner, repo).filter((i) => i.title.startsWith("Release version"))).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 120_000);

  // Continues the story above: 2.6.0 is the newest release now (issue #12 item 6).
  it("refuses a release or a checklist of a version not above the newest release, naming it and the next versions", async () => {
    const head = gh.sha(owner, repo, "main")!;
    const changes = gh.file(owner, repo, head, "CHANGES.rst");
    const number = gh.addIssue({ owner, repo, title: "Hotfix", body: "", author: "leo" });
    const ask = async (body: string, expected: string) => {
      await commentAs(gh, owner, repo, number, body, "leo");
      const answer = await app.waitFor(() => comments(number).find((c) => c.body.includes(expected)), 30_000);
      await app.settle();
      return answer.body;
    };
    expect(await ask("/release 2.6.0rc1", "2.6.0rc1 is older than 2.6.0, the newest release of gwcelery (tag v2.6.0)")).toContain(
      "name a newer version: 2.6.1, 2.7.0rc1, 2.7.0 or 3.0.0 (for example /release 2.6.1).",
    );
    expect(await ask("/release 2.5.3", "2.5.3 is older than 2.6.0")).toContain("/release 2.6.1");
    expect(
      await ask("/checklist 2.6.0", "The tag v2.6.0 is already taken by 2.6.0, the newest release of gwcelery, so I will not open a checklist for it"),
    ).toContain("(for example /checklist 2.6.1)");
    // Issue #12 item 17: production's ref input is "{tag}"; a commit's release is its (annotated) tag.
    const released = gh.tags(owner, repo).find((t) => t.name === "v2.6.0")!.commit!;
    const dispatched = gh.workflowDispatches.length;
    await commentAs(gh, owner, repo, number, `/deploy production ${released.slice(0, 7)}`, "leo");
    await app.waitFor(() => gh.workflowDispatches.length === dispatched + 1, 30_000);
    await app.settle();
    expect(gh.workflowDispatches.at(-1)).toMatchObject({ workflow_id: "deploy.yml", inputs: { environment: "production", ref: "v2.6.0" } });
    expect(await ask("/deploy production", "names a release")).toContain(
      `environments.production.deploy.inputs.ref ({tag}) names a release, and ${head.slice(0, 7)} is not tagged as a release of gwcelery (no tag like v{version} points at it); name the release to deploy, e.g. /deploy production v2.6.0.`,
    );
    expect(gh.workflowDispatches).toHaveLength(dispatched + 1);

    // Nothing was cut, renamed or opened.
    expect(gh.sha(owner, repo, "main")).toBe(head);
    expect(gh.file(owner, repo, head, "CHANGES.rst")).toBe(changes);
    expect(
      gh
        .tags(owner, repo)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["v2.5.2", "v2.6.0"]);
    expect(gh.releases(owner, repo)).toHaveLength(1);
    expect(gh.issues(owner, repo).filter((i) => i.title.startsWith("Release version"))).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 120_000);

  // The bot's own writes came back as webhooks (its release commits and tag on main, the release
  // it published, its checklist edits, comments and deployment statuses): none set off more.
  it("stays calm under its own webhooks: a bounded number of deliveries and calls, then quiet", async () => {
    await expectCalm(app, gh, { deliveries: 80, calls: 260 });
    // The release commits the bot pushed to main (which playground follows) deployed nothing and
    // asked nobody to approve a deploy of them.
    expect(mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.name.startsWith("Release Pilot: deploy"))).toEqual([]);
    expect(deploymentsOf(gh, owner, repo, "playground")).toEqual([]);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
