// /lock and /unlock decided from the lock found on the environment: a live lock of someone else's
// is refused with who holds it, the command's own lock (a redelivery) and an expired one are
// taken, and a deploy that lost the race for a lock is told who won.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/policy/config/index.js";
import { decideLock, decideUnlock, lockedOutText } from "../../../src/policy/deploy/lock-command.js";
import type { Action } from "../../../src/policy/plan.js";

const parsed = parseConfig(parse(readFileSync("examples/greenweb.yml", "utf8")), { repo: "thegreenwebfoundation/admin-portal" });
if (!parsed.ok) throw new Error("greenweb.yml does not parse");
const { config } = parsed;
const repo = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const NOW = "2024-10-21T12:00:00.000Z";
const SHA = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
const reply = (body: string): Action => ({ kind: "comment", key: "reply:42", repo, issueNumber: 7, body, editable: true });
const facts = { repo, holder: "fershad", commentId: 42, now: NOW, commit: SHA, defaultBranch: "master" };

describe("decideLock", () => {
  it("takes the lock for the duration asked, on the default branch's head", () => {
    const decided = decideLock(config, { environment: "production", reason: "db upgrade", durationMs: 7_200_000 }, { ...facts, held: undefined }, reply);
    expect(decided).toMatchObject({
      reason: "planned",
      actions: [
        { kind: "acquire-lock", key: "lock:production:comment-42", environment: "production", expiresAt: "2024-10-21T14:00:00.000Z", commit: SHA },
        { kind: "comment", body: expect.stringContaining("🔒 production is locked by fershad (db upgrade) until 2024-10-21 14:00 UTC") },
      ],
    });
  });

  it("answers who holds a live lock of someone else's, and takes none", () => {
    const held = { holder: "mrchrisadams", reason: "load test", expiresAt: "2024-10-21T13:00:00Z" };
    expect(decideLock(config, { environment: "production" }, { ...facts, held }, reply)).toMatchObject({
      actions: [
        { kind: "comment", body: "production is already locked by mrchrisadams (load test) until 2024-10-21 13:00 UTC; ask them to /unlock production first." },
      ],
    });
  });

  it("takes the lock again when it is this command's own (a redelivery), or expired", () => {
    const own = { holder: "fershad", reason: "", expiresAt: "2024-10-21T13:00:00Z", key: "lock:production:comment-42" };
    expect(decideLock(config, { environment: "production" }, { ...facts, held: own }, reply)).toMatchObject({
      actions: [{ kind: "acquire-lock" }, { kind: "comment" }],
    });
    const expired = { holder: "mrchrisadams", reason: "", expiresAt: "2024-10-21T11:00:00Z" };
    expect(decideLock(config, { environment: "production" }, { ...facts, held: expired }, reply)).toMatchObject({
      actions: [{ kind: "acquire-lock" }, { kind: "comment" }],
    });
  });

  it("names an environment the config does not have, and says when there is no commit to hang the lock on", () => {
    expect(decideLock(config, { environment: "prod" }, { ...facts, held: undefined }, reply)).toMatchObject({
      actions: [{ body: "there is no environment prod; type /help for this repository's environments." }],
    });
    expect(decideLock(config, { environment: "production" }, { ...facts, commit: undefined, held: undefined }, reply)).toEqual({
      error: "the default branch master has no commit to hang the lock on",
    });
  });
});

describe("decideUnlock and the lost race", () => {
  it("frees the environment and names who held it, or says it was free", () => {
    const held = { holder: "mrchrisadams", reason: "", expiresAt: "2024-10-21T13:00:00Z" };
    expect(decideUnlock(config, { environment: "production" }, { repo, commentId: 42, held }, reply)).toMatchObject({
      actions: [
        { kind: "release-lock", key: "unlock:production:comment-42", environment: "production" },
        { body: "🔓 production is free again (it was locked by mrchrisadams)." },
      ],
    });
    expect(decideUnlock(config, { environment: "production" }, { repo, commentId: 42, held: undefined }, reply)).toMatchObject({
      actions: [{ kind: "release-lock" }, { body: "production was not locked; nothing to free." }],
    });
  });

  it("tells a deploy that lost the race who won, with the reason only when it says something", () => {
    expect(lockedOutText("staging", { holder: "hubot", reason: "unknown", expiresAt: "2024-10-21T13:00:00Z" })).toBe(
      "staging is locked by hubot until 2024-10-21 13:00 UTC; wait for it to be free and try again.",
    );
  });
});
