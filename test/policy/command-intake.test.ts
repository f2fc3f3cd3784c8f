import { describe, expect, it } from "vitest";
import { takeCommand, type CommentFacts } from "../../src/policy/command-intake.js";

const base: CommentFacts = {
  repo: { owner: "o", repo: "r" },
  issueNumber: 7,
  commentId: 99,
  author: "alice",
  authorIsBot: false,
  parsed: { name: "help" },
  permission: "write",
  needed: "write",
};

describe("which comments the bot obeys", () => {
  it("runs a command from someone with enough permission, acknowledging it with 👀", () => {
    expect(takeCommand(base)).toEqual({
      kind: "run",
      command: { name: "help" },
      acknowledge: [{ kind: "react", key: "eyes:99", repo: base.repo, commentId: 99, content: "eyes" }],
    });
  });

  it.each([
    ["an ordinary comment", { parsed: undefined }],
    ["a bot's comment", { authorIsBot: true, author: "release-pilot[bot]" }],
  ])("ignores %s without a word", (_name, change) => {
    const intake = takeCommand({ ...base, ...change });
    expect(intake.kind).toBe("ignore");
  });

  it("asks for the commenter's permission before deciding", () => {
    expect(takeCommand({ ...base, permission: undefined })).toEqual({ kind: "need-permission" });
  });

  it.each([
    ["read", "write"],
    ["triage", "write"],
    ["write", "maintain"],
    ["none", "read"],
  ] as const)("politely refuses someone with %s access when %s is needed", (permission, needed) => {
    const intake = takeCommand({ ...base, permission, needed });
    expect(intake.kind).toBe("answer");
    if (intake.kind !== "answer") return;
    expect(intake.plan.reason).toBe("not-permitted");
    expect(intake.plan.actions).toMatchObject([{ kind: "comment", key: "reply:99", body: expect.stringContaining(`only people with ${needed} access`) }]);
  });

  it("answers a malformed command with the parser's sentence", () => {
    const intake = takeCommand({ ...base, parsed: { kind: "error", message: "unknown command /deplyo; did you mean /deploy?" } });
    expect(intake).toMatchObject({ kind: "answer", plan: { reason: "bad-command" } });
    if (intake.kind === "answer") expect(intake.plan.actions[1]).toMatchObject({ body: "@alice unknown command /deplyo; did you mean /deploy?" });
  });

  it("answers every command with the config's errors while the config is broken", () => {
    const intake = takeCommand({ ...base, configError: "environments.prod.aprovals: unknown key; did you mean approvals?" });
    expect(intake).toMatchObject({ kind: "answer", plan: { reason: "config-invalid" } });
    if (intake.kind === "answer") expect(intake.plan.actions[1]).toMatchObject({ body: expect.stringContaining("aprovals: unknown key") });
  });
});
