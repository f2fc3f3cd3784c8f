// The Actions mode against the emulator: one workflow event, the workflow's token, the same app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireActionsEnvironment, runInActions } from "../../src/actions/run.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { examplePayload } from "../e2e/fixtures/payloads.js";

const owner = "WordPress";
const repo = "openverse";
const TAG = "api-2024.01.01.19.52.14";
let gh: Emulator;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml":
        'versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }\napps: { api: { tag: "api-{version}" } }\nchangelog: { path: "documentation/changelogs/{app}/{version}.md" }\n',
    },
  });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("running as a GitHub Actions step", () => {
  it("handles the workflow's event with the workflow's token", async () => {
    const releaseId = gh.addRelease({ owner, repo, tag: TAG, body: "- a change" });
    const payload = examplePayload("release", "published", {
      owner,
      repo,
      overrides: { release: { id: releaseId, tag_name: TAG, name: TAG, body: "- a change" }, repository: { default_branch: "main" } },
    });
    await runInActions(
      { GITHUB_TOKEN: "ghs_workflow", GITHUB_EVENT_NAME: "release", GITHUB_EVENT_PATH: "/unused", GITHUB_API_URL: `${gh.url}/api/v3` },
      payload,
    );
    expect(gh.pulls(owner, repo).map((pull) => pull.title)).toEqual([`Publish changelog for ${TAG}`]);
    expect(gh.calls.some((call) => call.route.startsWith("/app/installations"))).toBe(false);
  });

  it("says which variables are missing, in one sentence", () => {
    expect(() => requireActionsEnvironment({ GITHUB_EVENT_NAME: "push" })).toThrow(/^GITHUB_TOKEN, GITHUB_EVENT_PATH are not set; run this as a workflow step/);
  });
});
