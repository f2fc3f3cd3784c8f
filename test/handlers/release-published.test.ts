import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API, examplePayload, mockInstallationToken, REPO, setupNock, teardownNock, testProbot } from "./probot.js";

const TAG = "api-2024.01.01.19.52.14";
const BRANCH = `changelog/${TAG}`;
const FILE = "documentation/changelogs/api/2024.01.01.19.52.14.md";
const CONFIG = `
versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
apps:
  api: { tag: "api-{version}", labels: ["🧱 stack: api"] }
changelog:
  path: "documentation/changelogs/{app}/{version}.md"
  labels: [skip-changelog]
`;
const BASE = "a".repeat(40);

function releasePayload() {
  const payload = examplePayload("release", "published") as {
    release: Record<string, unknown>;
    repository: Record<string, unknown>;
  };
  payload.release["tag_name"] = TAG;
  payload.release["name"] = TAG;
  payload.release["body"] = "## New Features\r\n\r\n- A thing (#1) by @a";
  payload.repository["default_branch"] = "main";
  return payload;
}

function mockConfig(scope: nock.Scope): nock.Scope {
  return scope.get(`/repos/${REPO.owner}/${REPO.repo}/contents/.github%2Frelease-pilot.yml`).reply(200, CONFIG);
}

describe("release.published with a per-release changelog", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("opens the changelog pull request with the file, branch, title and labels", async () => {
    const repo = `/repos/${REPO.owner}/${REPO.repo}`;
    const bodies: Record<string, unknown> = {};
    const scope = mockConfig(mockInstallationToken(nock(API)))
      .get(`${repo}/pulls`)
      .query({ state: "all", head: `${REPO.owner}:${BRANCH}`, per_page: "1" })
      .reply(200, [])
      .get(`${repo}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`)
      .reply(404, { message: "Not Found" })
      .get(`${repo}/git/ref/heads%2Fmain`)
      .reply(200, { ref: "refs/heads/main", object: { sha: BASE, type: "commit" } })
      .get(`${repo}/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: "t".repeat(40) } })
      .post(`${repo}/git/trees`, (body) => ((bodies["tree"] = body), true))
      .reply(201, { sha: "b".repeat(40) })
      .post(`${repo}/git/commits`, (body) => ((bodies["commit"] = body), true))
      .reply(201, { sha: "c".repeat(40) })
      .post(`${repo}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: "c".repeat(40) })
      .reply(201, {})
      .post(`${repo}/pulls`, (body) => ((bodies["pull"] = body), true))
      .reply(201, { number: 42, html_url: "https://github.com/x/y/pull/42" })
      .post(`${repo}/issues/42/labels`, { labels: ["skip-changelog"] })
      .reply(200, []);

    await testProbot().receive({ id: "d1", name: "release", payload: releasePayload() as never });

    expect(scope.isDone()).toBe(true);
    expect(bodies["tree"]).toEqual({
      base_tree: "t".repeat(40),
      tree: [{ path: FILE, mode: "100644", type: "blob", content: "# 2024.01.01.19.52.14\n\n## New Features\n\n- A thing (#1) by @a\n" }],
    });
    expect(bodies["commit"]).toMatchObject({ message: `Publish changelog for ${TAG}`, parents: [BASE] });
    expect(bodies["pull"]).toMatchObject({ head: BRANCH, base: "main", title: `Publish changelog for ${TAG}` });
  });

  it("opens nothing when the pull request already exists (a redelivery)", async () => {
    const scope = mockConfig(mockInstallationToken(nock(API)))
      .get(`/repos/${REPO.owner}/${REPO.repo}/pulls`)
      .query(true)
      .reply(200, [{ number: 42, html_url: "https://github.com/x/y/pull/42", labels: [{ name: "skip-changelog" }] }]);

    await testProbot().receive({ id: "d2", name: "release", payload: releasePayload() as never });

    expect(scope.isDone()).toBe(true);
  });

  it("does nothing without a config file", async () => {
    const scope = mockInstallationToken(nock(API))
      .get(`/repos/${REPO.owner}/${REPO.repo}/contents/.github%2Frelease-pilot.yml`)
      .reply(404, { message: "Not Found" })
      .get(`/repos/${REPO.owner}/.github/contents/.github%2Frelease-pilot.yml`)
      .reply(404, { message: "Not Found" });

    await testProbot().receive({ id: "d3", name: "release", payload: releasePayload() as never });

    expect(scope.isDone()).toBe(true);
  });
});
