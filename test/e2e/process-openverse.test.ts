// Openverse's whole process (PROCESSES.md §4) played as one story with examples/openverse.yml:
// labelled pull requests land on main and the push drafts one release per changed app and deploys
// staging for those apps with the commit SHA as the image; a maintainer publishes the api draft,
// which opens the changelog PR (its file is the real changelog-api-2024.01.01.19.52.14.md with this
// release's date) and sends the production deploy to openverse-infrastructure as rel-{date}; the
// changelog PR is merged, which deploys nothing; the infrastructure reports production successful.
// A closed loop: the test only does what people and the deploy workflows do (land the PRs in one
// push, publish the draft, merge, comment, report deployment statuses); the emulator sends every
// webhook, the bot's own drafts, changelog branch and PR, and deployment statuses' included.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs, deploymentsOf, expectCalm, reportDeployment, statesOf } from "./fixtures/story.js";
import { publishDraft } from "./fixtures/story-steps.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const infra = "openverse-infrastructure";
const MAINTAINER = "zackkrida";
const DATE = /^\d{4}(\.\d{2}){5}$/;
/** The real changelog of an api release; its PRs are merged again below with their own numbers. */
const REAL = readFileSync("test/fixtures/processes/openverse/changelog-api-2024.01.01.19.52.14.md", "utf8");

let gh: Emulator;
let app: AppProcess;
let head: string;
/** The api release the maintainer publishes, `api-{date}`. */
let published: string;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": readFileSync("examples/openverse.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/openverse.yml", "utf8")),
      "api/manage.py": "",
      "frontend/package.json": "{}",
      "catalog/dags/__init__.py": "",
      "ingestion_server/ingestion_server/__init__.py": "",
    },
  });
  gh.createRepo({ owner, repo: infra, files: { "README.md": "infrastructure" } });
  gh.setPermission(owner, repo, MAINTAINER, "maintain");
  // The previous api release: the notes start after it.
  gh.addRelease({ owner, repo, tag: "api-2023.12.14.09.01.44", name: "api-2023.12.14.09.01.44", publishedAt: "2023-12-14T09:01:44Z" });
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const payload = (deployment: { payload: unknown }) => deployment.payload as Record<string, unknown>;
const drafts = () => gh.releases(owner, repo).filter((r) => r.draft);
const apiDraft = () => drafts().find((r) => r.tag_name.startsWith("api-"));
/** The real file with this emulator's pull request URLs and this release's date. */
const expectedChangelog = (date: string) => REAL.replace(/^# [\d.]+\n/, `# ${date}\n`).replaceAll("https://github.com/", `${gh.url}/`);
const realBody = () => expectedChangelog("x").replace(/^# x\n\n/, "");

describe("Openverse from a push to main to a production deploy", () => {
  it("drafts the api and frontend releases and deploys staging for those two apps with the commit SHA as the image", async () => {
    // The PRs of the real api changelog, under their real numbers, plus a frontend one and the
    // previous release's changelog PR, which only touches documentation and is skip-changelog.
    // They land on main in one push by the maintainer, as a merge queue lands a batch.
    gh.pushedAtOnce(() => {
      gh.addMergedPullRequest({
        owner,
        repo,
        number: 3575,
        title: "Add a script to observe the API during Redis migration",
        labels: ["🧱 stack: api", "🌟 goal: addition"],
        author: "dhruvkb",
        files: { "api/observe.py": "print('observing')\n" },
      });
      gh.addMergedPullRequest({
        owner,
        repo,
        number: 3591,
        title: "Publish changelog for api-2023.12.14.09.01.44",
        labels: ["skip-changelog", "🧱 stack: documentation"],
        author: "openverse-bot",
        files: { "documentation/changelogs/api/2023.12.14.09.01.44.md": "# 2023.12.14.09.01.44\n" },
      });
      gh.addMergedPullRequest({
        owner,
        repo,
        number: 3598,
        title: "Make analytics tests stricter",
        labels: ["🧱 stack: frontend", "✨ goal: improvement"],
        author: "obulat",
        files: { "frontend/test/analytics.spec.ts": "expect(true)\n" },
      });
      gh.addMergedPullRequest({
        owner,
        repo,
        number: 3600,
        title: "Bump jwcrypto from 1.5.0 to 1.5.1 in /api",
        labels: ["🧱 stack: api", "🛠 goal: fix"],
        author: "dependabot[bot]",
        files: { "api/Pipfile.lock": "jwcrypto==1.5.1\n" },
      });
    }, MAINTAINER);
    head = gh.sha(owner, repo, "main")!;

    await app.waitFor(() => drafts().length === 2 && deploymentsOf(gh, owner, repo, "staging").length === 2 && gh.workflowDispatches.length === 2, 30_000);
    await app.settle();

    const api = apiDraft()!;
    expect(api.tag_name.slice("api-".length)).toMatch(DATE);
    expect(api.body).toBe(realBody());
    const frontend = drafts().find((r) => r.tag_name.startsWith("frontend-"));
    expect(frontend?.body).toBe(`## Improvements\n\n- Make analytics tests stricter\n  ([#3598](${gh.url}/${owner}/${repo}/pull/3598)) by @obulat\n`);

    const staging = deploymentsOf(gh, owner, repo, "staging");
    expect(staging.map((d) => [payload(d)["app"], d.sha, payload(d)["image_tag"]]).sort()).toEqual([
      ["api", head, head],
      ["frontend", head, head],
    ]);
    for (const deployment of staging) {
      const inputs = { app: payload(deployment)["app"], tag: head, deployment_id: String(deployment.id) };
      expect(gh.workflowDispatches).toContainEqual(expect.objectContaining({ owner, repo, workflow_id: "deploy-staging.yml", ref: "main", inputs }));
    }
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
  }, 60_000);

  it("records staging's success for both apps and sends nothing to production", async () => {
    for (const deployment of deploymentsOf(gh, owner, repo, "staging")) {
      await reportDeployment(gh, owner, repo, deployment.id, "success", "openverse-bot");
    }
    await app.settle();
    // Both apps share the staging environment, so GitHub marks the first success inactive when
    // the second arrives; each still went through success.
    for (const deployment of deploymentsOf(gh, owner, repo, "staging")) expect(statesOf(gh, owner, repo, deployment.id)).toContain("success");
    expect(gh.repositoryDispatches).toEqual([]);
  }, 60_000);

  it("opens the changelog PR and dispatches production to the infrastructure repository as rel-{date} when the api draft is published", async () => {
    const draft = apiDraft()!;
    const tag = (published = draft.tag_name);
    const date = tag.slice("api-".length);
    await publishDraft(gh, owner, repo, draft.id, MAINTAINER);
    await app.waitFor(
      () =>
        gh.pulls(owner, repo).find((p) => p.headRef === `changelog/${tag}` && p.labels.length > 0) &&
        deploymentsOf(gh, owner, repo, "production")[0] &&
        gh.repositoryDispatches[0],
      30_000,
    );
    await app.settle();

    expect(gh.tags(owner, repo).find((t) => t.name === tag)?.commit).toBe(head);
    const pull = gh.pulls(owner, repo).find((p) => p.headRef === `changelog/${tag}`)!;
    expect(pull).toMatchObject({ title: `Publish changelog for ${tag}`, baseRef: "main", state: "open" });
    expect([...pull.labels].sort()).toEqual(["skip-changelog", "🧱 stack: documentation"].sort());
    expect(gh.file(owner, repo, pull.headSha, `documentation/changelogs/api/${date}.md`)).toBe(expectedChangelog(date));

    const [production, ...others] = deploymentsOf(gh, owner, repo, "production");
    expect(others).toEqual([]);
    expect(production).toMatchObject({ sha: head, payload: { app: "api", image_tag: `rel-${date}`, release_tag: tag } });
    expect(gh.repositoryDispatches).toEqual([
      expect.objectContaining({
        owner,
        repo: infra,
        event_type: "deploy_production_api",
        client_payload: { actor: MAINTAINER, tag: `rel-${date}`, deployment_id: String(production!.id) },
      }),
    ]);
    // The frontend draft waits for its own publishing.
    expect(drafts().map((r) => r.tag_name)).toEqual([expect.stringMatching(/^frontend-/)]);
  }, 60_000);

  it("deploys nothing when the changelog PR is merged, since it touches no app's files", async () => {
    const pull = gh.pulls(owner, repo).find((p) => p.headRef.startsWith("changelog/api-"))!;
    const dispatches = gh.workflowDispatches.length;
    gh.mergePullRequest(owner, repo, pull.number, "squash", MAINTAINER);
    await app.settle();
    expect(gh.workflowDispatches).toHaveLength(dispatches);
    expect(deploymentsOf(gh, owner, repo, "staging")).toHaveLength(2);
    // Skip-changelog keeps it out of every draft: the api has nothing unreleased, so no new draft.
    expect(apiDraft()).toBeUndefined();
  }, 60_000);

  it("records production's success reported by the infrastructure's deploy workflow", async () => {
    const [production] = deploymentsOf(gh, owner, repo, "production");
    await reportDeployment(gh, owner, repo, production!.id, "success", "openverse-bot");
    await app.settle();
    expect(statesOf(gh, owner, repo, production!.id).at(-1)).toBe("success");
    expect(deploymentsOf(gh, owner, repo, "production")).toHaveLength(1);
    expect(gh.repositoryDispatches).toHaveLength(1);
    expect(gh.workflowDispatches).toHaveLength(2);
    expect(
      gh
        .releases(owner, repo)
        .filter((r) => !r.draft)
        .map((r) => r.tag_name)
        .sort(),
    ).toEqual(["api-2023.12.14.09.01.44", published].sort());
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);

  // Issue #12 item 17: production's image is rel-{version}, and these commands name no version.
  it("deploys by hand the release of the commit (/promote, the dashboard's retry by SHA), and names the release when the commit has none", async () => {
    const date = published.slice("api-".length);
    const number = gh.addIssue({ owner, repo, title: "Ship the api", body: "", author: MAINTAINER });
    const comments = () => botComments(gh, owner, repo, number);
    const ask = async (body: string, done: () => unknown) => {
      await commentAs(gh, owner, repo, number, body, MAINTAINER);
      await app.waitFor(done, 30_000);
      await app.settle();
    };
    const sent = gh.repositoryDispatches.length;

    // Staging's api success is the published release's commit: promoted as that release.
    await ask("/promote staging production api", () => gh.repositoryDispatches.length === sent + 1);
    expect(gh.repositoryDispatches.at(-1)).toMatchObject({
      repo: infra,
      event_type: "deploy_production_api",
      client_payload: { actor: MAINTAINER, tag: `rel-${date}` },
    });
    expect(
      deploymentsOf(gh, owner, repo, "production").find((d) => d.id === Number(gh.repositoryDispatches.at(-1)?.client_payload["deployment_id"])),
    ).toMatchObject({ sha: head, payload: { image_tag: `rel-${date}` } });

    // The form the dashboard suggests for a retry: the commit's short SHA.
    await ask(`/deploy production ${head.slice(0, 7)} api`, () => gh.repositoryDispatches.length === sent + 2);
    expect(gh.repositoryDispatches.at(-1)).toMatchObject({ client_payload: { tag: `rel-${date}` } });

    // main's head is the changelog merge: no release, so the reply names the one to type.
    const main = gh.sha(owner, repo, "main")!;
    await ask("/deploy production api", () => comments().some((c) => c.body.includes("🚫 Not deploying")));
    const refusal = comments().find((c) => c.body.includes("🚫 Not deploying"))!.body;
    expect(refusal).toContain(`environments.production.image_tag (rel-{version}) names a release, and ${main.slice(0, 7)} is not tagged as a release of api`);
    expect(refusal).toContain(`name the release to deploy, e.g. /deploy production ${published} api.`);
    expect(refusal).not.toContain("has no value");
    expect(gh.repositoryDispatches).toHaveLength(sent + 2);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 90_000);

  // The bot's own writes came back as webhooks (its drafts, the changelog branch, commit, PR and
  // labels, the release tag, its deployment statuses): none set off more.
  it("stays calm under its own webhooks: a bounded number of deliveries and calls, then quiet", async () => {
    await expectCalm(app, gh, { deliveries: 80, calls: 260 });
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
