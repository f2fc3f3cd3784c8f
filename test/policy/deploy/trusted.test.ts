import { describe, expect, it } from "vitest";
import type { AuthorAssociation } from "../../../src/policy/config/types.js";
import { decideTrust, needsPullAssociation, type TrustFacts } from "../../../src/policy/deploy/trusted.js";
import { SHA } from "./builders.js";

const ALL: readonly AuthorAssociation[] = ["OWNER", "MEMBER", "COLLABORATOR"];

function facts(overrides: Partial<TrustFacts> = {}): TrustFacts {
  return { env: "staging", sha: SHA, pusher: "mallory", trusted: ALL, permission: "read", ...overrides };
}

describe("decideTrust", () => {
  it.each<[string, Partial<TrustFacts>, "trusted" | "untrusted"]>([
    ["a pusher with write permission", { permission: "write" }, "trusted"],
    ["a pusher with maintain permission", { permission: "maintain" }, "trusted"],
    ["a pusher with admin permission", { permission: "admin" }, "trusted"],
    ["a pusher with triage permission", { permission: "triage" }, "untrusted"],
    ["a pusher with read permission", { permission: "read" }, "untrusted"],
    ["a pusher unknown to the repository", { permission: "none" }, "untrusted"],
    ["a writer when only the owner is trusted", { permission: "write", trusted: ["OWNER"] }, "untrusted"],
    ["an admin when only the owner is trusted", { permission: "admin", trusted: ["OWNER"] }, "trusted"],
    ["the merge of a pull request by a member", { permission: "none", mergedPullAssociation: "MEMBER" }, "trusted"],
    ["the merge of a pull request by a contributor", { permission: "none", mergedPullAssociation: "CONTRIBUTOR" }, "untrusted"],
    ["the merge of a pull request by a first-timer", { permission: "none", mergedPullAssociation: "FIRST_TIME_CONTRIBUTOR" }, "untrusted"],
  ])("%s is %s", (_, overrides, kind) => {
    expect(decideTrust(facts(overrides)).kind).toBe(kind);
  });

  it("tells who may deploy the held commit and with which command", () => {
    expect(decideTrust(facts())).toEqual({
      kind: "untrusted",
      message: `Deploy to staging waits for approval: mallory is not a trusted author; a maintainer can run /deploy staging ${SHA.slice(0, 7)}`,
    });
  });

  it("names the app in the command of a repository with several", () => {
    const decided = decideTrust(facts({ app: "api" }));
    expect(decided.kind === "untrusted" ? decided.message : "").toMatch(/run \/deploy staging [0-9a-f]{7} api$/);
  });
});

describe("needsPullAssociation", () => {
  it.each([
    ["write", false],
    ["read", true],
  ])("reads the merged pull request for a pusher with %s permission: %s", (permission, needed) => {
    expect(needsPullAssociation(facts({ permission }))).toBe(needed);
  });
});
