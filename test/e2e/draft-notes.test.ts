// Openverse's notes end to end: labelled PRs merged into two apps, one push to main, and the
// built app keeps one draft release per app with the PRs in their categories.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const CONFIG = `versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
apps:
  api: { paths: ["api/**"], labels: ["🧱 stack: api"], tag: "api-{version}" }
  frontend: { paths: ["frontend/**"], labels: ["🧱 stack: frontend"], tag: "frontend-{version}" }
  catalog: { paths: ["catalog/**"], labels: ["🧱 stack: catalog"], tag: "catalog-{version}" }
notes:
  draft: true
  categories:
    - { title: New Features, labels: ["🌟 goal: addition"] }
    - { title: Improvements, labels: ["✨ goal: improvement"] }
    - { title: Internal Improvements, labels: ["🤖 aspect: dx", "🧰 goal: internal improvement"] }
    - { title: Bug Fixes, labels: ["🛠 goal: fix"] }
  exclude_labels: [skip-changelog]
`;

let gh: Emulator;
let app: AppProcess;
let before: string;
const numbers: number[] = [];

beforeAll(async () => {
  gh = await startEmulator();
  before = gh.createRepo({
    owner,
    repo,
    files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "api/manage.py": "", "frontend/app.vue": "" },
  }).headSha;
  gh.addRelease({ owner, repo, tag: "api-2024.01.01.19.52.14", publishedAt: "2024-01-01T19:52:14Z" });
  const merge = (title: string, labels: string[], file: string, author: string, mergedAt: string) =>
    numbers.push(gh.addMergedPullRequest({ owner, repo, title, labels, author, files: { [file]: title }, mergedAt }).number);
  merge("Add a script to observe the API during Redis migration", ["🧱 stack: api", "🌟 goal: addition"], "api/observe.py", "dhruvkb", "2024-01-02T10:00:00Z");
  merge("Bump jwcrypto from 1.5.0 to 1.5.1 in /api", ["🧱 stack: api", "🛠 goal: fix"], "api/Pipfile.lock", "dependabot[bot]", "2024-01-02T11:00:00Z");
  merge("Make analytics tests stricter", ["🧱 stack: frontend", "✨ goal: improvement"], "frontend/test.ts", "obulat", "2024-01-02T12:00:00Z");
  merge("Publish changelog for api-2024.01.01.19.52.14", ["🧱 stack: api", "skip-changelog"], "documentation/api.md", "openverse-bot", "2024-01-02T13:00:00Z");
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const drafts = () => gh.releases(owner, repo).filter((r) => r.draft);

describe("Openverse: a push to main keeps one draft release per app", () => {
  it("drafts the api and frontend releases with their PRs grouped by label", async () => {
    const sent = await app.send("push", pushPayload(gh, { owner, repo, ref: "main", before }));
    expect(sent.status).toBeLessThan(300);
    await app.waitFor(() => drafts().length === 2 || undefined, 20_000);

    const api = drafts().find((r) => r.tag_name.startsWith("api-"));
    const frontend = drafts().find((r) => r.tag_name.startsWith("frontend-"));
    expect(api?.tag_name).toMatch(/^api-\d{4}(\.\d{2}){5}$/);
    expect(api?.body).toBe(
      [
        "## New Features",
        "",
        "- Add a script to observe the API during Redis migration",
        `  ([#${numbers[0]}](${gh.url}/${owner}/${repo}/pull/${numbers[0]})) by @dhruvkb`,
        "",
        "## Bug Fixes",
        "",
        "- Bump jwcrypto from 1.5.0 to 1.5.1 in /api",
        `  ([#${numbers[1]}](${gh.url}/${owner}/${repo}/pull/${numbers[1]})) by @dependabot`,
        "",
      ].join("\n"),
    );
    expect(frontend?.body).toMatch(/^## Improvements\n\n- Make analytics tests stricter/);
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "api-2024.01.01.19.52.14")).toMatchObject({ draft: false, body: "" });
    expect(gh.violations).toEqual([]);
  });

  it("writes nothing and makes no second draft when the push is delivered again", async () => {
    gh.resetCalls();
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", before }), { deliveryId: "again" });
    await app.waitFor(() => gh.calls.some((c) => c.route === "/repos/{owner}/{repo}/pulls") || undefined);
    await app.settle();
    expect(drafts()).toHaveLength(2);
    expect(gh.counts().writes).toBe(0);
    expect(gh.violations).toEqual([]);
  });
});
