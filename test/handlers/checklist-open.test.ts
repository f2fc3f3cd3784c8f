// release.prereleased and release.created through the real app with GitHub mocked: a published
// candidate opens the checklist of its final version from the template on the default branch;
// a release created already published (not a draft) opens nothing.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API, examplePayload, mockInstallationToken, REPO, setupNock, teardownNock, testProbot } from "./probot.js";

const CONFIG = `
tag: "v{version}"
checklist:
  template: .github/ISSUE_TEMPLATE/release.md
  labels: [release]
  open_on: [prerelease, draft-release]
`;
const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;

function releasePayload(action: string, tag: string, fields: Record<string, unknown> = {}) {
  const payload = examplePayload("release", action) as { release: Record<string, unknown> };
  Object.assign(payload.release, { tag_name: tag, ...fields });
  return payload;
}

function withConfig(): nock.Scope {
  return mockInstallationToken(nock(API)).get(`${REPO_PATH}/contents/.github%2Frelease-pilot.yml`).reply(200, CONFIG);
}

describe("opening a checklist from a release event", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("opens the checklist of 2.6.0 when v2.6.0rc1 is published as a prerelease", async () => {
    let created: { title?: string; body?: string; labels?: string[] } = {};
    const listed = { state: "all", labels: "release", sort: "created", direction: "desc", per_page: "100" };
    const scope = withConfig()
      .get(`${REPO_PATH}/contents/.github%2FISSUE_TEMPLATE%2Frelease.md`)
      .query({ ref: "master" })
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from("- [ ] Test {version}\n").toString("base64") })
      .get(`${REPO_PATH}/issues`)
      .query(listed)
      .reply(200, [])
      .get(`${REPO_PATH}/issues`)
      .query(listed)
      .reply(200, [])
      .post(`${REPO_PATH}/issues`, (sent: typeof created) => ((created = sent), true))
      .reply(201, { number: 7, html_url: "https://github.com/x/y/issues/7" });

    await testProbot().receive({ id: "o1", name: "release", payload: releasePayload("prereleased", "v2.6.0rc1") as never });

    expect(scope.isDone()).toBe(true);
    expect(created.title).toBe("Release version 2.6.0");
    expect(created.labels).toEqual(["release"]);
    expect(created.body).toContain("- [ ] Test 2.6.0");
    expect(created.body).toContain("<!-- release-pilot:checklist v=2.6.0 app=Hello-World -->");
  });

  it("opens nothing when a created release is not a draft", async () => {
    const scope = withConfig();

    await testProbot().receive({ id: "o2", name: "release", payload: releasePayload("created", "v2.6.0", { draft: false }) as never });

    expect(scope.isDone()).toBe(true);
  });
});
