// Item 8 of issue #14: GitHub's body limits and its 1 MB limit on file contents, answered as
// GitHub answers them (sources in limits.ts and routes/contents.ts).
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "../../src/github/git.js";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";

let gh: Emulator;
const owner = "acme";
const repo = "web";
const BIG = "x".repeat(1024 * 1024 + 1);

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { "README.md": "hi\n", "CHANGELOG.md": BIG } });
  gh.addIssue({ owner, repo, title: "Release checklist" });
});

afterAll(async () => {
  // An over-long body is GitHub's own refusal, not a request outside its description.
  expect(gh.violations).toEqual([]);
  await gh.close();
});

const validationError = (resource: string, code: string, field: string, message: string) => ({
  message: "Validation Failed",
  errors: [{ resource, code, field, message }],
});

describe("body limits", () => {
  it("refuses an issue body over 65,536 characters and takes one at the limit", async () => {
    const over = await call(gh, "POST", `/repos/${owner}/${repo}/issues`, { title: "t", body: "a".repeat(65_537) });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject(validationError("Issue", "custom", "body", "body is too long (maximum is 65536 characters)"));
    expect((await call(gh, "POST", `/repos/${owner}/${repo}/issues`, { title: "t", body: "a".repeat(65_536) })).status).toBe(201);
    const edit = await call(gh, "PATCH", `/repos/${owner}/${repo}/issues/1`, { body: "a".repeat(65_537) });
    expect(edit.json).toMatchObject(validationError("Issue", "custom", "body", "body is too long (maximum is 65536 characters)"));
  });

  it("counts characters, not bytes, for issue bodies", async () => {
    const wide = await call(gh, "POST", `/repos/${owner}/${repo}/issues`, { title: "t", body: "é".repeat(65_536) });
    expect(wide.status).toBe(201);
  });

  it("refuses a pull request body over 65,536 characters as an issue body", async () => {
    gh.createBranch(owner, repo, "feature");
    gh.commit(owner, repo, "feature", { "a.txt": "a\n" }, "Add a");
    const over = await call(gh, "POST", `/repos/${owner}/${repo}/pulls`, { title: "t", head: "feature", base: "main", body: "a".repeat(65_537) });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject(validationError("Issue", "custom", "body", "body is too long (maximum is 65536 characters)"));
  });

  it("refuses a comment over 65,536 characters, with the creation and the edit shapes", async () => {
    const created = await call(gh, "POST", `/repos/${owner}/${repo}/issues/1/comments`, { body: "a".repeat(65_537) });
    expect(created.status).toBe(422);
    expect(created.json).toMatchObject(validationError("IssueComment", "unprocessable", "data", "Body is too long (maximum is 65536 characters)"));
    const id = gh.addComment(owner, repo, 1, "short");
    const edited = await call(gh, "PATCH", `/repos/${owner}/${repo}/issues/comments/${id}`, { body: "a".repeat(65_537) });
    expect(edited.status).toBe(422);
    expect(edited.json).toMatchObject(validationError("IssueComment", "custom", "body", "body is too long (maximum is 65536 characters)"));
    expect(gh.comments(owner, repo, 1).map((c) => c.body)).toEqual(["short"]);
  });

  it("refuses a release body over 125,000 characters", async () => {
    const over = await call(gh, "POST", `/repos/${owner}/${repo}/releases`, { tag_name: "v1.0.0", draft: true, body: "a".repeat(125_001) });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject(validationError("Release", "custom", "body", "body is too long (maximum is 125000 characters)"));
    expect(gh.releases(owner, repo)).toEqual([]);
  });

  it("refuses a check-run summary over 65,535 characters with GitHub's 'Invalid request'", async () => {
    const head = gh.sha(owner, repo, "main");
    const over = await call(gh, "POST", `/repos/${owner}/${repo}/check-runs`, {
      name: "config",
      head_sha: head,
      output: { title: "t", summary: "a".repeat(70_000) },
    });
    expect(over.status).toBe(422);
    expect(over.json.message).toBe("Invalid request.\n\nOnly 65535 characters are allowed; 70000 were supplied.");
  });

  it("refuses a check-run summary within 65,535 characters but over 65,535 bytes", async () => {
    const head = gh.sha(owner, repo, "main");
    const over = await call(gh, "POST", `/repos/${owner}/${repo}/check-runs`, {
      name: "config",
      head_sha: head,
      output: { title: "t", summary: "é".repeat(40_000) },
    });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject(validationError("CheckRun", "custom", "summary", "summary exceeds a maximum bytesize of 65535"));
  });
});

describe("file contents over 1 MB", () => {
  it("come back with encoding none and no content from the JSON media type", async () => {
    const res = await call(gh, "GET", `/repos/${owner}/${repo}/contents/CHANGELOG.md`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ type: "file", encoding: "none", content: "", size: BIG.length });
  });

  it("come back whole from the raw media type", async () => {
    const res = await call(gh, "GET", `/repos/${owner}/${repo}/contents/CHANGELOG.md`, undefined, undefined, "application/vnd.github.raw+json");
    expect(res.text === BIG).toBe(true);
  });

  it("are read whole by the bot's readFile", async () => {
    const octokit = new ProbotOctokit({ auth: { token: "test" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } });
    // Compared as a boolean: a failing diff of two megabytes would bury the report.
    expect((await readFile(octokit, { owner, repo }, "CHANGELOG.md", "main")) === BIG).toBe(true);
  });
});
