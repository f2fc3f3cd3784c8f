import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateGates } from "../../../src/policy/deploy/gates.js";
import { NOW, SHA, environment, gateFacts } from "./builders.js";

const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.parse(NOW) - hours * HOUR).toISOString();
const approval = (login: string, permission = "write", at = hoursAgo(1)) => ({ login, permission, at });
const lock = { holder: "bob", reason: "db upgrade", expiresAt: "2026-11-23T12:00:00.000Z", createdAt: hoursAgo(1) };

describe("evaluateGates with one gate", () => {
  it.each([
    ["no gates at all", gateFacts()],
    ["requires staging, and the commit succeeded there", gateFacts({ env: environment({ requires: ["staging"] }), succeededOn: { staging: [{ sha: SHA }] } })],
    [
      "requires staging, and the image succeeded there from another commit",
      gateFacts({
        env: environment({ requires: ["staging"] }),
        target: { sha: SHA, imageTag: "rel-1" },
        succeededOn: { staging: [{ sha: "other", imageTag: "rel-1" }] },
      }),
    ],
    [
      "a green migrations check",
      gateFacts({ env: environment({ checks: ["migrations"] }), checkRuns: [{ name: "migrations", status: "completed", conclusion: "success" }] }),
    ],
    [
      "a red migrations check, deployed with migrations",
      gateFacts({
        env: environment({ checks: ["migrations"] }),
        withMigrations: true,
        checkRuns: [{ name: "migrations", status: "completed", conclusion: "failure" }],
      }),
    ],
    [
      "a rerun that turned a red check green",
      gateFacts({
        env: environment({ checks: ["tests"] }),
        checkRuns: [
          { name: "tests", status: "completed", conclusion: "success" },
          { name: "tests", status: "completed", conclusion: "failure" },
        ],
      }),
    ],
    ["two approvals from maintainers", gateFacts({ env: environment({ approvals: 2 }), approvals: [approval("bob", "maintain"), approval("carol", "admin")] })],
    [
      "approvals within the window",
      gateFacts({ env: environment({ approvals: 1, approvalsWithinMs: 24 * HOUR }), approvals: [approval("bob", "write", hoursAgo(23))] }),
    ],
    ["a lock that expired", gateFacts({ lock: { ...lock, expiresAt: hoursAgo(1) } })],
    ["a lock held by the requester", gateFacts({ lock: { ...lock, holder: "Alice" } })],
    [
      "another deploy running where deploys are not queued",
      gateFacts({ env: environment({ queue: false }), lock: { ...lock, deploymentKey: "deploy:production:x:comment-1" } }),
    ],
  ])("proceeds with %s", (_name, facts) => {
    expect(evaluateGates(facts).kind).toBe("proceed");
  });

  it.each([
    [
      "the commit never succeeded on staging",
      gateFacts({ env: environment({ requires: ["staging"] }), succeededOn: { staging: [{ sha: "other" }] } }),
      "requires",
      "production only takes what succeeded on staging, and 1c1f6ab has not; deploy it there first (/deploy staging 1c1f6ab) or promote what did (/promote staging production).",
    ],
    [
      "the same commit succeeded on staging with another image",
      gateFacts({
        env: environment({ requires: ["staging"] }),
        target: { sha: SHA, imageTag: "rel-2" },
        succeededOn: { staging: [{ sha: SHA, imageTag: "rel-1" }] },
      }),
      "requires",
      "production only takes what succeeded on staging, and image rel-2 has not; deploy it there first (/deploy staging 1c1f6ab) or promote what did (/promote staging production).",
    ],
    [
      "a red migrations check",
      gateFacts({ env: environment({ checks: ["migrations"] }), checkRuns: [{ name: "migrations", status: "completed", conclusion: "failure" }] }),
      "migrations",
      "the migrations check on 1c1f6ab reports pending migrations; deploy with them using /deploy production 1c1f6ab --with-migrations",
    ],
    [
      "a migrations check still running, even with migrations",
      gateFacts({
        env: environment({ checks: ["migrations"] }),
        withMigrations: true,
        checkRuns: [{ name: "migrations", status: "in_progress", conclusion: null }],
      }),
      "checks",
      "the migrations check is still in progress on 1c1f6ab; deploy again when it has passed.",
    ],
    ["a missing check", gateFacts({ env: environment({ checks: ["tests"] }) }), "checks", "the tests check has not run on 1c1f6ab; run it, then deploy again."],
    [
      "a red check other than migrations, even with migrations",
      gateFacts({ env: environment({ checks: ["tests"] }), withMigrations: true, checkRuns: [{ name: "tests", status: "completed", conclusion: "failure" }] }),
      "checks",
      "the tests check ended failure on 1c1f6ab; fix it and deploy a commit where it passes.",
    ],
    [
      "the requester's own approval only",
      gateFacts({ env: environment({ approvals: 1 }), approvals: [approval("alice", "admin")], issueNumber: 7 }),
      "approvals",
      "production needs 1 approval from people with write access other than alice and has 0; ask one more maintainer to 👍 this comment, then type the same command again here.",
    ],
    [
      "one approver twice and one with read access",
      gateFacts({ env: environment({ approvals: 2 }), approvals: [approval("bob"), approval("BOB"), approval("dave", "read")], issueNumber: 7 }),
      "approvals",
      "production needs 2 approvals from people with write access other than alice and has 1 (bob); ask one more maintainer to 👍 this comment, then type the same command again here.",
    ],
    [
      "an approval older than the window",
      gateFacts({ env: environment({ approvals: 2, approvalsWithinMs: 24 * HOUR }), approvals: [approval("bob", "write", hoursAgo(25))], issueNumber: 7 }),
      "approvals",
      "production needs 2 approvals from people with write access other than alice in the last 1d and has 0; ask 2 more maintainers to 👍 this comment, then type the same command again here.",
    ],
    [
      "a deploy nobody typed, which no one can 👍",
      gateFacts({ env: environment({ approvals: 2 }), requester: "ci-bot" }),
      "approvals",
      "production needs 2 approvals from people with write access other than ci-bot and has 0; a deploy nobody typed has no comment to 👍, so deploy it by hand with /deploy production 1c1f6ab in an issue or pull request.",
    ],
    [
      "a deploy of one app nobody typed",
      gateFacts({ env: environment({ approvals: 1 }), app: "api", requester: "ci-bot" }),
      "approvals",
      "production needs 1 approval from people with write access other than ci-bot and has 0; a deploy nobody typed has no comment to 👍, so deploy it by hand with /deploy production 1c1f6ab api in an issue or pull request.",
    ],
    [
      "a lock held by someone else",
      gateFacts({ lock }),
      "locked",
      "production is locked by bob (db upgrade) until 2026-11-23 12:00 UTC; wait for /unlock production and try again.",
    ],
    [
      "another deploy in progress, even the requester's own",
      gateFacts({ lock: { ...lock, holder: "alice", reason: "deploying 0a0a0a0", deploymentKey: "deploy:production:x:comment-1" } }),
      "locked",
      "production is locked by alice (deploying 0a0a0a0) until 2026-11-23 12:00 UTC; wait for that deploy to finish and try again.",
    ],
    [
      "a person's lock where deploys are not queued",
      gateFacts({ env: environment({ queue: false }), lock }),
      "locked",
      "production is locked by bob (db upgrade) until 2026-11-23 12:00 UTC; wait for /unlock production and try again.",
    ],
  ])("refuses %s", (_name, facts, reason, message) => {
    const decision = evaluateGates(facts);
    expect(decision).toMatchObject({ kind: "refuse", reason, message });
  });
});

describe("evaluateGates with several gates", () => {
  const strict = environment({ requires: ["staging"], checks: ["migrations"], approvals: 1 });
  const passing = gateFacts({
    env: strict,
    succeededOn: { staging: [{ sha: SHA }] },
    checkRuns: [{ name: "migrations", status: "completed", conclusion: "success" }],
    approvals: [approval("bob")],
  });

  it("proceeds when every gate passes, logging each", () => {
    const decision = evaluateGates(passing);
    expect(decision.kind).toBe("proceed");
    expect(decision.logs).toEqual(["production is not locked", "1c1f6ab succeeded on staging", "migrations: success", "1 of 1 approvals (bob)"]);
  });

  it.each([
    ["the lock before everything", { lock, succeededOn: {}, approvals: [] }, "locked"],
    ["requires before checks and approvals", { succeededOn: {}, approvals: [] }, "requires"],
    ["checks before approvals", { checkRuns: [], approvals: [] }, "checks"],
    ["approvals last", { approvals: [] }, "approvals"],
  ])("names %s when several fail", (_name, overrides, reason) => {
    const decision = evaluateGates({ ...passing, ...overrides });
    expect(decision.kind === "refuse" && decision.reason).toBe(reason);
  });

  it("still logs every gate when one refuses", () => {
    const decision = evaluateGates({ ...passing, lock });
    expect(decision.logs).toHaveLength(4);
  });

  it("every refusal is one sentence", () => {
    const decision = evaluateGates({ ...passing, lock, succeededOn: {}, checkRuns: [], approvals: [] });
    expect(decision.kind === "refuse" && decision.message).toMatch(/^[^\n]+$/);
  });
});

describe("evaluateGates on any facts", () => {
  it("never throws, and every refusal is one sentence with the reason", () => {
    const login = fc.constantFrom("alice", "bob", "Carol", "dave");
    const iso = fc.integer({ min: Date.parse(NOW) - 48 * HOUR, max: Date.parse(NOW) + 48 * HOUR }).map((ms) => new Date(ms).toISOString());
    const facts = fc.record({
      env: fc.record({
        name: fc.constantFrom("production", "staging"),
        requires: fc.subarray(["staging", "dev"]),
        checks: fc.subarray(["migrations", "tests"]),
        approvals: fc.integer({ min: 0, max: 3 }),
        queue: fc.boolean(),
      }),
      target: fc.record({ sha: fc.constantFrom(SHA, "abc"), imageTag: fc.option(fc.constantFrom("rel-1", "rel-2"), { nil: undefined }) }),
      succeededOn: fc.dictionary(fc.constantFrom("staging", "dev"), fc.array(fc.record({ sha: fc.constantFrom(SHA, "abc") }), { maxLength: 2 })),
      checkRuns: fc.array(
        fc.record({
          name: fc.constantFrom("migrations", "tests"),
          status: fc.constantFrom("completed", "queued", "in_progress"),
          conclusion: fc.constantFrom("success", "failure", "cancelled", null),
        }),
        { maxLength: 4 },
      ),
      withMigrations: fc.boolean(),
      approvals: fc.array(fc.record({ login, permission: fc.constantFrom("read", "write", "admin", "none"), at: iso }), { maxLength: 4 }),
      lock: fc.option(fc.record({ holder: login, reason: fc.constantFrom("", "freeze"), expiresAt: iso }), { nil: undefined }),
      now: fc.constant(NOW),
      requester: login,
    });
    fc.assert(
      fc.property(facts, (value) => {
        const decision = evaluateGates(value);
        if (decision.kind === "proceed") return;
        expect(decision.message).toMatch(/^[^\n]+$/);
        expect(decision.message).toMatch(/; /);
        expect(decision.message).toMatch(/[.]$|--with-migrations$/);
      }),
      { numRuns: 2_000 },
    );
  });
});
