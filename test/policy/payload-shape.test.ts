import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { missingPayloadField } from "../../src/policy/payload-shape.js";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];

describe("missingPayloadField", () => {
  it("finds nothing missing in any of GitHub's example payloads of the events the app handles", () => {
    for (const name of ["push", "release", "issues", "issue_comment", "pull_request", "deployment_status", "workflow_run", "check_run", "status"]) {
      for (const example of examples.find((entry) => entry.name === name)?.examples ?? [])
        expect([name, missingPayloadField(name, example)]).toEqual([name, undefined]);
    }
  });

  it("names what a payload lacks, and a payload that is not an object", () => {
    expect(missingPayloadField("workflow_run", null)).toBe("payload");
    expect(missingPayloadField("check_run", [])).toBe("payload");
    expect(missingPayloadField("check_run", { check_run: { name: "tests", head_sha: "a" }, repository: { name: "r" } })).toBe("repository.owner.login");
    expect(missingPayloadField("status", { sha: "a", state: "success", repository: { name: "r", owner: { login: "o" }, default_branch: "main" } })).toBe(
      "context",
    );
    expect(missingPayloadField("deployment_status", { deployment_status: { state: "success" }, repository: { name: "r", owner: { login: "o" } } })).toBe(
      "deployment.id",
    );
  });
});
