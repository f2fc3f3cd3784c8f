import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GWCELERY } from "../policy/config/process-configs.js";
import { API, examplePayload, mockInstallationToken, REPO, setupNock, teardownNock, testProbot } from "./probot.js";

const repo = `/repos/${REPO.owner}/${REPO.repo}`;
const HEAD = "a".repeat(40);
const CHANGES = "Changelog\n=========\n\n2.6.0 (unreleased)\n------------------\n\n-   A change.\n";
const CHECKLIST = "<!-- release-pilot:checklist v=2.6.0 -->\n## Basics\n\n1.  [x] Update the changelog\n2.  [ ] Deploy to playground\n";

/** `GET branches/main` as GitHub answers it (the OpenAPI example's shape), protected or not. */
function branch(requiredChecks: readonly string[] | undefined) {
  return {
    name: "main",
    commit: { sha: HEAD },
    protected: requiredChecks !== undefined,
    protection: {
      enabled: requiredChecks !== undefined,
      required_status_checks: { enforcement_level: requiredChecks?.length ? "non_admins" : "off", contexts: requiredChecks ?? [], checks: [] },
    },
    protection_url: `https://api.github.com${repo}/branches/main/protection`,
  };
}

function commentPayload(body = CHECKLIST) {
  const payload = examplePayload("issue_comment", "created") as {
    issue: Record<string, unknown>;
    comment: Record<string, unknown>;
    repository: Record<string, unknown>;
    sender: Record<string, unknown>;
  };
  payload.issue["body"] = body;
  payload.issue["labels"] = [];
  payload.comment["body"] = "/release";
  payload.comment["id"] = 555;
  payload.comment["user"] = { ...(payload.comment["user"] as object), login: "leo", type: "User" };
  payload.sender["login"] = "leo";
  payload.sender["type"] = "User";
  payload.repository["default_branch"] = "main";
  return payload;
}

describe("/release in a checklist issue with open boxes", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("reads the facts, writes nothing but a reply naming the open item", async () => {
    const payload = commentPayload();
    const number = (payload.issue as { number: number }).number;
    let reply = "";
    const scope = mockInstallationToken(nock(API))
      .get(`${repo}/contents/.github%2Frelease-pilot.yml`)
      .reply(200, GWCELERY)
      .get(`${repo}/collaborators/leo/permission`)
      .reply(200, { permission: "write", role_name: "write", user: { login: "leo" } })
      .post(`${repo}/issues/comments/555/reactions`, { content: "eyes" })
      .reply(201, { id: 1, content: "eyes" })
      .get(`${repo}/git/ref/heads%2Fmain`)
      .reply(200, { ref: "refs/heads/main", object: { sha: HEAD, type: "commit" } })
      .get(`${repo}/git/matching-refs/tags%2F`)
      .query(true)
      .reply(200, [{ ref: "refs/tags/v2.5.2", object: { sha: "b".repeat(40), type: "tag" } }])
      .get(`${repo}/releases`)
      .query({ per_page: "100" })
      .reply(200, [])
      .get(`${repo}/contents/CHANGES.rst`)
      .query({ ref: HEAD })
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from(CHANGES).toString("base64") })
      .get(`${repo}/branches/main`)
      .reply(200, branch(undefined))
      .get(`${repo}/rules/branches/main`)
      .query(true)
      .reply(200, [])
      .get(`${repo}/issues/${number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`${repo}/issues/${number}/comments`, (body: { body: string }) => ((reply = body.body), true))
      .reply(201, { id: 9, html_url: "https://github.com/x/y/issues/1#issuecomment-9" });

    await testProbot().receive({ id: "d1", name: "issue_comment", payload: payload as never });

    expect(scope.isDone()).toBe(true);
    expect(reply).toContain("@leo Not releasing 2.6.0 yet: 1 of 2 checklist items is still open.");
    expect(reply).toContain("Deploy to playground");
  });
});

describe("/release on a protected main", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("is refused up front with the sentence naming the fix, and nothing is written but the reply", async () => {
    const payload = commentPayload(CHECKLIST.replace("[ ] Deploy", "[x] Deploy"));
    const number = (payload.issue as { number: number }).number;
    let reply = "";
    // Every write but the reply would be an unmatched request, which nock refuses (and the test fails).
    const scope = mockInstallationToken(nock(API))
      .get(`${repo}/contents/.github%2Frelease-pilot.yml`)
      .reply(200, GWCELERY)
      .get(`${repo}/collaborators/leo/permission`)
      .reply(200, { permission: "write", role_name: "write", user: { login: "leo" } })
      .post(`${repo}/issues/comments/555/reactions`, { content: "eyes" })
      .reply(201, { id: 1, content: "eyes" })
      .get(`${repo}/git/ref/heads%2Fmain`)
      .reply(200, { ref: "refs/heads/main", object: { sha: HEAD, type: "commit" } })
      .get(`${repo}/git/matching-refs/tags%2F`)
      .query(true)
      .reply(200, [{ ref: "refs/tags/v2.5.2", object: { sha: "b".repeat(40), type: "tag" } }])
      .get(`${repo}/releases`)
      .query({ per_page: "100" })
      .reply(200, [])
      .get(`${repo}/contents/CHANGES.rst`)
      .query({ ref: HEAD })
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from(CHANGES).toString("base64") })
      .get(`${repo}/branches/main`)
      .reply(200, branch(["ci"]))
      // The app has no administration permission, so the rest of the protection is not readable.
      .get(`${repo}/branches/main/protection`)
      .reply(403, { message: "Resource not accessible by integration", status: "403" })
      .get(`${repo}/rules/branches/main`)
      .query(true)
      .reply(200, [])
      .get(`${repo}/issues/${number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`${repo}/issues/${number}/comments`, (body: { body: string }) => ((reply = body.body), true))
      .reply(201, { id: 9, html_url: "https://github.com/x/y/issues/1#issuecomment-9" });

    await testProbot().receive({ id: "d2", name: "issue_comment", payload: payload as never });

    expect(scope.isDone()).toBe(true);
    expect(reply).toContain(
      "@leo main is protected (status checks required (ci)), so /release cannot commit the changelog and version files to it: cut releases without a release commit (remove changelog.file and version_files from .github/release-pilot.yml), or allow the app to bypass the rule.",
    );
  });
});
