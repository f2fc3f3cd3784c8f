// The config loaded on an event (src/facts/github/config.ts): a YAML error found there names the file
// and the line, as the pull-request check does (issue #12, item 19).
import nock from "nock";
import { Context, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/facts/github/config.js";
import { API, examplePayload, REPO, setupNock, teardownNock } from "../handlers/probot.js";

const CONTENTS = `/repos/${REPO.owner}/${REPO.repo}/contents/.github%2Frelease-pilot.yml`;

function context(): Context {
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  const payload = examplePayload("issue_comment", "created");
  const log = {
    warn() {},
    info() {},
    debug() {},
    error() {},
    child() {
      return log;
    },
  };
  return new Context({ id: "delivery-1", name: "issue_comment", payload } as never, octokit as never, log as never);
}

function loadFrom(event: Context): ReturnType<typeof loadConfig> {
  return loadConfig({ octokit: event.octokit, config: (file) => event.config<Record<string, unknown>>(file) }, event.repo());
}

/** The loader asks with the raw media type; GitHub answers the bytes. */
function serve(scope: nock.Scope, text: string, times = 1): nock.Scope {
  return scope.get(CONTENTS).times(times).reply(200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" });
}

describe("loadConfig on an event", () => {
  beforeEach(setupNock);
  afterEach(teardownNock);

  it("names the file and the line of a YAML syntax error", async () => {
    // Once by Probot's loader, once more to place the error on its line.
    serve(nock(API), "tag: v{version}\nenvironments:\n  staging: [unclosed\n", 2);
    const loaded = await loadFrom(context());
    expect(loaded.kind).toBe("invalid");
    if (loaded.kind !== "invalid") return;
    expect(loaded.errors).toEqual([{ path: "", message: expect.stringMatching(/^\.github\/release-pilot\.yml line [34]: YAML syntax: /) }]);
    expect(loaded.message).not.toContain("https://");
  });

  it("names the line of an alias to no anchor, which the loader reports without one", async () => {
    serve(nock(API), "tag: v{version}\nnotes: *defaults\n", 2);
    const loaded = await loadFrom(context());
    expect(loaded).toMatchObject({
      kind: "invalid",
      errors: [{ path: "", message: ".github/release-pilot.yml line 2: YAML alias *defaults names no anchor before it; define &defaults first" }],
    });
  });

  it("names the extended file when the error is there", async () => {
    const scope = serve(nock(API), "_extends: .github\ntag: v{version}\n");
    scope
      .get(`/repos/${REPO.owner}/.github/contents/.github%2Frelease-pilot.yml`)
      .times(2)
      .reply(200, "tag: [\n", { "content-type": "application/vnd.github.raw; charset=utf-8" });
    const loaded = await loadFrom(context());
    expect(loaded).toMatchObject({
      kind: "invalid",
      errors: [{ message: expect.stringMatching(/^Codertocat\/\.github:\.github\/release-pilot\.yml line [12]: YAML syntax: /) }],
    });
  });

  it("keeps the loader's sentence, with the file named, when the problem is not the YAML", async () => {
    // A `_extends` that points back at this file: Probot stops with "Recursion detected".
    const scope = serve(nock(API), "_extends: .github\n");
    scope
      .get(`/repos/${REPO.owner}/.github/contents/.github%2Frelease-pilot.yml`)
      .reply(200, `_extends: ${REPO.repo}\n`, { "content-type": "application/vnd.github.raw; charset=utf-8" });
    const loaded = await loadFrom(context());
    expect(loaded).toMatchObject({
      kind: "invalid",
      errors: [
        {
          path: "",
          message:
            "Codertocat/.github:.github/release-pilot.yml: _extends leads back to .github/release-pilot.yml, which is already loaded (an _extends recursion); remove one of the _extends",
        },
      ],
    });
  });
});
