// The foundation slice end to end: the built app as its own process, the emulator as GitHub,
// Openverse's changelog pull request after `api-2024.01.01.19.52.14` is published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { examplePayload } from "./fixtures/payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const TAG = "api-2024.01.01.19.52.14";
const CONFIG = `versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
apps:
  api: { tag: "api-{version}", labels: ["🧱 stack: api"], paths: ["api/**"] }
  frontend: { tag: "frontend-{version}", labels: ["🧱 stack: frontend"], paths: ["frontend/**"] }
changelog:
  path: "documentation/changelogs/{app}/{version}.md"
  labels: [skip-changelog]
`;
const BODY =
  "## New Features\n\n- Add a script to observe the API during Redis migration\n  ([#3575](https://github.com/WordPress/openverse/pull/3575)) by @dhruvkb\n";

let gh: Emulator;
let app: AppProcess;

function published(releaseId: number) {
  return examplePayload("release", "published", {
    owner,
    repo,
    installationId: 1,
    overrides: {
      release: { id: releaseId, tag_name: TAG, name: TAG, body: BODY, draft: false, prerelease: false },
      repository: { default_branch: "main" },
    },
  });
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "api/manage.py": "" } });
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

describe("Openverse: publishing a release opens its changelog pull request", () => {
  it("opens the PR with its branch, title, labels and the dated file", async () => {
    const releaseId = gh.addRelease({ owner, repo, tag: TAG, name: TAG, body: BODY });
    const sent = await app.send("release", published(releaseId));
    expect(sent.status).toBeLessThan(300);

    // The PR exists a moment before its labels: wait for the finished state.
    const pull = await app.waitFor(() => gh.pulls(owner, repo).find((p) => p.labels.length > 0));
    expect(pull).toMatchObject({ title: `Publish changelog for ${TAG}`, headRef: `changelog/${TAG}`, baseRef: "main" });
    expect(pull.labels).toEqual(["skip-changelog"]);
    expect(gh.file(owner, repo, `changelog/${TAG}`, "documentation/changelogs/api/2024.01.01.19.52.14.md")).toBe(`# 2024.01.01.19.52.14\n\n${BODY}`);
    expect(gh.violations).toEqual([]);
  });

  it("opens nothing new when the webhook is redelivered or the release published again", async () => {
    const releaseId = gh.releases(owner, repo)[0]!.id;
    gh.resetCalls();
    await app.send("release", published(releaseId), { deliveryId: "redelivered" });
    await app.send("release", published(releaseId));
    await app.waitFor(() => gh.calls.filter((call) => call.route === "/repos/{owner}/{repo}/pulls").length >= 2 || undefined);

    expect(gh.pulls(owner, repo)).toHaveLength(1);
    expect(gh.counts().writes).toBe(0);
    expect(gh.refs(owner, repo).filter((ref) => ref.ref.startsWith("refs/heads/changelog/"))).toHaveLength(1);
  });
});
