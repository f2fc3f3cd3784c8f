// A person's /lock holds every environment of every example against everyone but its holder,
// whether or not the environment queues deploys (issue #12, item 1). The lock goes through the
// message the executor writes and the codec every reader decodes, as on GitHub.
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lockMessage } from "../../../src/github/actions/lock.js";
import { parseConfig } from "../../../src/policy/config/index.js";
import { environmentSettings } from "../../../src/policy/deploy/decide-deploy.js";
import { decodeLock, heldBy, type Lock } from "../../../src/policy/deploy/lock.js";
import { personLockAction } from "../../../src/policy/deploy/person-lock.js";
import { planDeploy } from "../../../src/policy/deploy/plan-deploy.js";
import { NOW, SHA, deployFacts } from "./builders.js";

const EXPIRES = "2026-11-23T12:00:00.000Z";

/** What today's executor writes for `/lock <env> db migration for 2h` typed in comment 4242. */
function personLock(env: string): Lock {
  const action = personLockAction({
    repo: { owner: "org", repo: "app" },
    env,
    holder: "zackkrida",
    reason: "db migration",
    commentId: 4242,
    now: NOW,
    expiresAt: EXPIRES,
    commit: SHA,
  });
  const lock = decodeLock(lockMessage(action));
  if (lock === undefined) throw new Error("the lock message did not decode");
  return lock;
}

/** The line format the executor wrote before format 2, for the same /lock. */
function legacyPersonLock(env: string): Lock {
  const text = [
    `Release Pilot lock for ${env}`,
    "",
    "holder: zackkrida",
    "reason: db migration",
    `expires: ${EXPIRES}`,
    `<!-- release-pilot:key=${encodeURIComponent(`lock:${env}:comment-4242`)} -->`,
  ].join("\n");
  const lock = decodeLock(text);
  if (lock === undefined) throw new Error("the legacy lock message did not decode");
  return lock;
}

const examples = readdirSync("examples")
  .filter((file) => file.endsWith(".yml"))
  .flatMap((file) => {
    const result = parseConfig(parse(readFileSync(`examples/${file}`, "utf8")), { repo: "org/app" });
    if (!result.ok) throw new Error(`${file} does not parse`);
    return result.config.environments.flatMap((env) => [true, false].map((queue) => [file, env.name, queue, { ...environmentSettings(env), queue }] as const));
  });

describe("a person's /lock", () => {
  it("says in its message that a person holds it", () => {
    expect(heldBy(personLock("production"))).toBe("person");
    expect(heldBy(legacyPersonLock("production"))).toBe("person");
  });

  it.each(examples)("%s %s (queue %s): stops another person's deploy and lets the holder's through", (_file, _name, _queue, env) => {
    for (const lock of [personLock(env.name), legacyPersonLock(env.name)]) {
      const refused = planDeploy(deployFacts({ env: { ...env, requires: [], checks: [], approvals: 0 }, lock, requester: "sarayourfriend" }));
      expect(refused.reason).toBe("locked");
      expect(refused.actions.map((action) => action.kind)).toEqual(["comment"]);
      expect(JSON.stringify(refused.actions[0])).toContain(`${env.name} is locked by zackkrida (db migration)`);
      const own = planDeploy(deployFacts({ env: { ...env, requires: [], checks: [], approvals: 0 }, lock, requester: "zackkrida" }));
      expect(own.reason).toBe("planned");
      expect(own.actions.map((action) => action.kind)).not.toContain("acquire-lock");
    }
  });
});

describe("a deploy's lock", () => {
  it("says a deploy holds it, in the new format and the old", () => {
    const deploymentKey = `deploy:production:${SHA}:comment-7`;
    const key = `lock:production:${deploymentKey}`;
    const written = decodeLock(lockMessage({ holder: "alice", reason: "deploying", expiresAt: EXPIRES, key, now: NOW, deploymentKey }));
    expect(written).toMatchObject({ deploymentKey, key });
    const legacy = decodeLock(
      [
        "Release Pilot lock for production",
        "",
        "holder: alice",
        "reason: deploying",
        `expires: ${EXPIRES}`,
        `<!-- release-pilot:key=${encodeURIComponent(key)} -->`,
      ].join("\n"),
    );
    expect(legacy).toMatchObject({ deploymentKey, key });
  });
});
