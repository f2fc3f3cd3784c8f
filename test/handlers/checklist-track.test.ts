// issues.edited on a checklist issue, through the real app with GitHub mocked: the progress line
// follows the ticked boxes, a box ticked between our read and our write is never overwritten,
// the bot's own edits are ignored, and "ready to release" is said once.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API, examplePayload, mockInstallationToken, REPO, setupNock, teardownNock, testProbot } from "./probot.js";

const CONFIG = `
checklist:
  template: .github/ISSUE_TEMPLATE/release.md
  labels: [release]
  open_on: [release-branch]
`;
const ISSUE = `/repos/${REPO.owner}/${REPO.repo}/issues/1`;
const MARKER = "<!-- release-pilot:checklist v=2.6.0 -->";

function checklist(first: boolean, second: boolean): string {
  return `## Basics\n\n1.  [${first ? "x" : " "}] CI passed\n2.  [${second ? "x" : " "}] Changelog checked\n\n${MARKER}\n`;
}

function editedPayload(body: string, sender = { login: "Codertocat", type: "User" }) {
  const payload = examplePayload("issues", "edited") as { issue: Record<string, unknown>; sender: Record<string, unknown> };
  payload.issue["body"] = body;
  payload.sender = { ...payload.sender, ...sender };
  return payload;
}

function withConfig(): nock.Scope {
  return mockInstallationToken(nock(API)).get(`/repos/${REPO.owner}/${REPO.repo}/contents/.github%2Frelease-pilot.yml`).reply(200, CONFIG);
}

describe("issues.edited on a release checklist", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("rewrites the progress line when a person ticks a box", async () => {
    const body = checklist(true, false);
    let patched: { body?: string } = {};
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [])
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body, html_url: "https://github.com/x/y/issues/1" })
      .patch(ISSUE, (sent: { body?: string }) => ((patched = sent), true))
      .reply(200, { number: 1, html_url: "https://github.com/x/y/issues/1" });

    await testProbot().receive({ id: "t1", name: "issues", payload: editedPayload(body) as never });

    expect(scope.isDone()).toBe(true);
    expect(patched.body).toContain("**Release checklist:** 1 of 2 items done, 1 open.");
    expect(patched.body).toContain("1.  [x] CI passed");
  });

  it("leaves the body alone when it changed after the event was sent", async () => {
    // The payload still shows one box; the issue already has both ticked.
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [])
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body: checklist(true, true), html_url: "https://github.com/x/y/issues/1" });

    await testProbot().receive({ id: "t2", name: "issues", payload: editedPayload(checklist(true, false)) as never });

    expect(scope.isDone()).toBe(true);
  });

  it("ignores an edit whose sender is a bot", async () => {
    const scope = withConfig();

    await testProbot().receive({
      id: "t3",
      name: "issues",
      payload: editedPayload(checklist(true, false), { login: "release-pilot[bot]", type: "Bot" }) as never,
    });

    expect(scope.isDone()).toBe(true);
  });

  it("says once that the checklist is ready when the last box is ticked", async () => {
    const body = checklist(true, true);
    let comment: { body?: string } = {};
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [])
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body, html_url: "https://github.com/x/y/issues/1" })
      .patch(ISSUE)
      .reply(200, { number: 1, html_url: "https://github.com/x/y/issues/1" })
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [])
      .post(`${ISSUE}/comments`, (sent: { body?: string }) => ((comment = sent), true))
      .reply(201, { id: 9, html_url: "https://github.com/x/y/issues/1#issuecomment-9" });

    await testProbot().receive({ id: "t4", name: "issues", payload: editedPayload(body) as never });

    expect(scope.isDone()).toBe(true);
    expect(comment.body).toContain("All 2 checklist items are done: 2.6.0 is ready to release. Type `/release`");
  });

  it("does not announce again once the ready comment is there", async () => {
    const body = checklist(true, true);
    const ready = { id: 9, body: "All done <!-- release-pilot:key=checklist-ready%3A1 -->", user: { login: "release-pilot[bot]", type: "Bot" } };
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [ready])
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body, html_url: "https://github.com/x/y/issues/1" })
      .patch(ISSUE)
      .reply(200, { number: 1, html_url: "https://github.com/x/y/issues/1" });

    await testProbot().receive({ id: "t5", name: "issues", payload: editedPayload(body) as never });

    expect(scope.isDone()).toBe(true);
  });

  it("announces all the same when only someone else's comment carries the ready marker", async () => {
    const body = checklist(true, true);
    // An outsider pasted the bot's hidden marker, hoping to silence the announcement.
    const pasted = { id: 8, body: "nothing to see <!-- release-pilot:key=checklist-ready%3A1 -->", user: { login: "mallory", type: "User" } };
    let comment: { body?: string } = {};
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [pasted])
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body, html_url: "https://github.com/x/y/issues/1" })
      .patch(ISSUE)
      .reply(200, { number: 1, html_url: "https://github.com/x/y/issues/1" })
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [pasted])
      .post(`${ISSUE}/comments`, (sent: { body?: string }) => ((comment = sent), true))
      .reply(201, { id: 9, html_url: "https://github.com/x/y/issues/1#issuecomment-9" });

    await testProbot().receive({ id: "t7", name: "issues", payload: editedPayload(body) as never });

    expect(scope.isDone()).toBe(true);
    expect(comment.body).toContain("All 2 checklist items are done");
  });

  it("ticks the item marked ci-green when every check run on the default branch's head passed", async () => {
    const body = `- [ ] CI is green <!-- release-pilot:auto ci-green -->\n- [ ] Docs\n\n${MARKER}\n`;
    const head = "c".repeat(40);
    let patched: { body?: string } = {};
    const scope = withConfig()
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [])
      .get(`/repos/${REPO.owner}/${REPO.repo}/git/ref/heads%2Fmaster`)
      .reply(200, { ref: "refs/heads/master", object: { sha: head, type: "commit" } })
      .get(`/repos/${REPO.owner}/${REPO.repo}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ id: 1, name: "tests", status: "completed", conclusion: "success" }] })
      // No commit statuses: the combined status is "pending" with none, which says nothing.
      .get(`/repos/${REPO.owner}/${REPO.repo}/commits/${head}/status`)
      .query(true)
      .reply(200, { state: "pending", statuses: [], sha: head, total_count: 0 })
      .get(ISSUE)
      .reply(200, { number: 1, title: "Release version 2.6.0", state: "open", body, html_url: "https://github.com/x/y/issues/1" })
      .patch(ISSUE, (sent: { body?: string }) => ((patched = sent), true))
      .reply(200, { number: 1, html_url: "https://github.com/x/y/issues/1" });

    await testProbot().receive({ id: "t6", name: "issues", payload: editedPayload(body) as never });

    expect(scope.isDone()).toBe(true);
    expect(patched.body).toContain("- [x] CI is green <!-- release-pilot:auto ci-green --> _(ticked by Release Pilot: CI is green on ccccccc)_");
    expect(patched.body).toContain("1 of 2 items done");
  });
});
