// GitHub refuses bodies over its limits (check-run summaries 65,535, issue, pull request and
// comment bodies 65,536, release bodies 125,000 characters); the executor cuts them with a visible
// note and keeps the hidden marker at the end, so the bot still finds its own comment afterwards.
import { fixedIdentity } from "../../src/github/identity.js";
import fc from "fast-check";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/client.js";
import { execute } from "../../src/github/execute.js";
import { LIMITS, fitBody } from "../../src/github/limits.js";
import { keyMarker } from "../../src/policy/markers/key.js";
import type { Action, RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("fitBody", () => {
  it("leaves a body within the limit as it is", () => {
    expect(fitBody("short", 10)).toBe("short");
  });

  it("cuts a long body at a line, says so, and keeps the markers at its end", () => {
    const marker = keyMarker("reply:7");
    const body = `${"- a line of notes\n".repeat(10_000)}\n\n${marker}\n`;
    const fitted = fitBody(body, LIMITS.comment);
    expect(bytes(fitted)).toBeLessThanOrEqual(LIMITS.comment);
    expect(fitted).toMatch(
      /- a line of notes\n\n\*… cut here: the full text is longer than GitHub allows here \(65,536 characters\)\.\*\n\n<!-- release-pilot:key=reply%3A7 -->\n$/,
    );
  });

  it("counts bytes, so a body of wide characters fits whether GitHub counts characters or bytes", () => {
    const fitted = fitBody("é🚀".repeat(40_000), LIMITS.checkRunSummary);
    expect(bytes(fitted)).toBeLessThanOrEqual(LIMITS.checkRunSummary);
    expect(fitted).not.toContain("\ufffd");
  });

  it("closes a fence the cut leaves open and never ends inside an HTML comment", () => {
    const fenced = fitBody(`intro\n\`\`\`\n${"code\n".repeat(20_000)}\`\`\`\n`, 1_000);
    expect(fenced).toMatch(/code\n```\n\n\*… cut here/);
    const commented = fitBody(`${"x".repeat(900)}\n<!-- ${"y".repeat(500)} -->`, 1_000);
    expect(commented.lastIndexOf("<!--")).toBeLessThan(commented.lastIndexOf("-->") + 1);
    expect(commented).toContain("cut here");
  });

  it("always fits and keeps the markers, whatever the body", () => {
    const marker = keyMarker("k");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 3_000 }), fc.integer({ min: 300, max: 2_000 }), fc.boolean(), (text, limit, marked) => {
        const body = marked ? `${text}\n\n${marker}\n` : text;
        const fitted = fitBody(body, limit);
        expect(bytes(fitted)).toBeLessThanOrEqual(limit);
        if (marked) expect(fitted.trimEnd().endsWith(marker)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("the executor's runners send bodies GitHub accepts", () => {
  const repo: RepoRef = { owner: "acme", repo: "limits" };
  const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
  let emulator: Emulator;
  let octokit: GitHub;
  let sha: string;
  const huge = "- Bump a dependency from 1.0.0 to 1.0.1 (#1234) by @someone\n".repeat(3_000);

  beforeAll(async () => {
    emulator = await startEmulator();
    sha = emulator.createRepo({ ...repo, files: { "README.md": "x\n" } }).headSha;
    octokit = new ProbotOctokit({
      auth: { token: "test" },
      baseUrl: `${emulator.url}/api/v3`,
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as GitHub;
  });
  afterAll(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  async function run(action: Action) {
    return execute({ reason: "planned", summary: "test", actions: [action] }, { octokit, log, self: fixedIdentity({ login: "release-pilot[bot]" }) });
  }

  it("cuts a comment to 65,536 and finds it again by its marker", async () => {
    const number = emulator.addIssue({ ...repo, title: "Long" });
    const action: Action = { kind: "comment", key: "reply:1", repo, issueNumber: number, body: huge, editable: true };
    await run(action);
    const [comment] = emulator.comments(repo.owner, repo.repo, number);
    expect(bytes(comment!.body)).toBeLessThanOrEqual(LIMITS.comment);
    expect(comment!.body).toContain("cut here");
    const [again] = await run(action);
    expect(again?.status).toBe("already-done");
    expect(emulator.comments(repo.owner, repo.repo, number)).toHaveLength(1);
  });

  it("cuts an issue body to 65,536 and a release body to 125,000", async () => {
    await run({ kind: "create-issue", key: "checklist:1", repo, title: "Checklist", body: huge, labels: [] });
    const issue = emulator.issues(repo.owner, repo.repo).find((i) => i.title === "Checklist");
    expect(bytes(issue!.body ?? "")).toBeLessThanOrEqual(LIMITS.issueBody);
    expect(issue!.body).toContain(keyMarker("checklist:1"));
    await run({ kind: "create-release", key: "release:v1", repo, tag: "v1", name: "v1", body: huge.repeat(2), draft: true, prerelease: false });
    const release = emulator.releases(repo.owner, repo.repo).find((r) => r.tag_name === "v1");
    expect(bytes(release!.body ?? "")).toBeLessThanOrEqual(LIMITS.releaseBody);
    expect(release!.body).toContain("(125,000 characters)");
  });

  it("cuts a check run's summary to 65,535", async () => {
    await run({
      kind: "check-run",
      key: "config-check:1",
      repo,
      headSha: sha,
      name: "Release Pilot config",
      conclusion: "failure",
      title: "Many problems",
      summary: huge,
      annotations: [],
    });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, filter: "all" });
    expect(bytes(data.check_runs[0]!.output.summary ?? "")).toBeLessThanOrEqual(LIMITS.checkRunSummary);
  });
});
