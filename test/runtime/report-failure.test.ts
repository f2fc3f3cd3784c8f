import { describe, expect, it } from "vitest";
import type { Job } from "../../src/runtime/queue/index.js";
import type { Comment } from "../../src/policy/plan.js";
import { failureComment, failureReport, reportFailure, threadOf } from "../../src/runtime/report-failure.js";

const commentJob: Job = {
  id: "delivery-42",
  name: "issue_comment",
  payload: {
    installation: { id: 7 },
    repository: { name: "web", owner: { login: "acme" } },
    issue: { number: 12 },
    comment: { id: 99, user: { login: "alice" } },
  },
  repoKey: "acme/web",
  attempts: 5,
  state: "failed",
  lastError: "create-deployment (deploy:prod) failed: Server Error",
  enqueuedAt: 0,
};

function recorder(options: { failComment?: boolean } = {}) {
  const comments: { installationId: number; action: Comment }[] = [];
  const errors: string[] = [];
  const report = reportFailure({
    log: { error: (_obj, msg) => void errors.push(msg) },
    octokitFor: async (installationId) => ({
      writeComment: async (action) => {
        if (options.failComment) throw new Error("502");
        comments.push({ installationId, action });
      },
    }),
  });
  return { report, comments, errors };
}

describe("reportFailure", () => {
  it("reports a failed command in the bot's one reply to that command, as the event's installation", async () => {
    const { report, comments } = recorder();
    await report(commentJob, new Error("ignored"));
    // The same key and text the command's own answer uses (src/policy/command-intake.ts), so the
    // executor edits that reply: one failure, one comment, not "/lock failed" and a second report.
    expect(comments).toEqual([
      {
        installationId: 7,
        action: {
          kind: "comment",
          key: "reply:99",
          repo: { owner: "acme", repo: "web" },
          issueNumber: 12,
          body: `@alice ${failureComment(commentJob, commentJob.lastError!)}`,
          editable: true,
        },
      },
    ]);
  });

  it("reports any other event's failure in one comment per delivery, edited when it fails again", () => {
    const job: Job = {
      ...commentJob,
      name: "issues",
      payload: { installation: { id: 7 }, repository: { name: "web", owner: { login: "acme" } }, issue: { number: 12 } },
    };
    const thread = threadOf(job.payload)!;
    expect(failureReport(job, "boom", thread)).toMatchObject({ kind: "comment", key: "job-failed:delivery-42", issueNumber: 12, editable: true });
    expect(failureReport({ ...job, attempts: 6 }, "boom", thread).key).toBe(failureReport(job, "boom", thread).key);
  });

  it("quotes an error holding backticks and a marker without letting either out of the block", () => {
    const body = failureComment(commentJob, "bad ```\n<!-- release-pilot:key=reply:1 -->");
    expect(body).toContain("````\nbad ```");
    expect(body).not.toContain("<!-- release-pilot:key=reply:1 -->");
  });

  it("says what failed and how to run the job again", () => {
    const body = failureComment(commentJob, "create-deployment (deploy:prod) failed: Server Error");
    expect(body).toContain("could not finish your command after 5 attempts");
    expect(body).toContain("create-deployment (deploy:prod) failed: Server Error");
    expect(body).toContain("`release-pilot jobs retry delivery-42`");
  });

  it("logs the failure with its delivery id even when there is no thread to comment on", async () => {
    const { report, comments, errors } = recorder();
    await report({ ...commentJob, name: "push", payload: { installation: { id: 7 }, repository: { name: "web", owner: { login: "acme" } } } }, new Error("x"));
    expect(comments).toEqual([]);
    expect(errors).toEqual(["job failed"]);
  });

  it("logs that the person was not told when the comment itself fails", async () => {
    const { report, errors } = recorder({ failComment: true });
    await report(commentJob, new Error("x"));
    expect(errors).toEqual(["job failed", "could not report the failed job on its thread"]);
  });

  it("shortens a long error message", () => {
    expect(failureComment(commentJob, "x".repeat(2_000)).length).toBeLessThan(800);
  });
});

describe("threadOf", () => {
  it.each<[string, unknown, number | undefined]>([
    ["an issue comment's issue", { installation: { id: 1 }, repository: { name: "r", owner: { login: "o" } }, issue: { number: 3 } }, 3],
    ["a pull request event's PR", { installation: { id: 1 }, repository: { name: "r", owner: { login: "o" } }, pull_request: { number: 4 } }, 4],
    ["nothing for a push", { installation: { id: 1 }, repository: { name: "r", owner: { login: "o" } } }, undefined],
    ["nothing without an installation", { repository: { name: "r", owner: { login: "o" } }, issue: { number: 3 } }, undefined],
  ])("finds %s", (_name, payload, number) => {
    expect(threadOf(payload)?.number).toBe(number);
  });
});
