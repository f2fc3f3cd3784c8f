// A "Verified" success is final only when this app wrote it: the same words in a status someone
// else wrote must not skip the version check (and move pointer tags on their say-so).
import { describe, expect, it } from "vitest";
import { verifiedByThisApp } from "../../../src/policy/deploy/verified-status.js";
import { verifyStatus } from "../../../src/policy/deploy/verify.js";

const written = verifyStatus({ owner: "o", repo: "r" }, 1, { kind: "succeed", description: "Verified https://api.example.org/version" });
const description = written.kind === "set-deployment-status" ? written.description : "";

describe("verifiedByThisApp", () => {
  it.each([
    ["this app's own verified success", { description, byThisApp: true }, true],
    ["the same words in someone else's status", { description, byThisApp: false }, false],
    ["this app's status of another kind", { description: "Dispatched deploy.yml in o/r", byThisApp: true }, false],
    ["no description", { description: null, byThisApp: true }, false],
  ])("%s: %s", (_name, status, expected) => {
    expect(verifiedByThisApp(status)).toBe(expected);
  });
});
