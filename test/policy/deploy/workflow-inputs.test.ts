import { describe, expect, it } from "vitest";
import { inputProblems, inputsToSend, workflowDeclaration } from "../../../src/policy/deploy/workflow-inputs.js";

const TARGET = { workflow: "deploy.yml", repo: "acme/web", ref: "main" };
const DEPLOY = `
on:
  push:
  workflow_dispatch:
    inputs:
      environment: { required: true }
      ref: { required: true }
      region: { required: true, default: eu }
      deployment_id: { required: true }
`;

describe("workflowDeclaration", () => {
  it("reads the declared inputs, whichever form on: takes", () => {
    const declared = workflowDeclaration(DEPLOY);
    expect(declared.ok && [...declared.inputs.keys()]).toEqual(["environment", "ref", "region", "deployment_id"]);
    expect(workflowDeclaration("on: workflow_dispatch\n")).toEqual({ ok: true, inputs: new Map() });
    expect(workflowDeclaration("on: [push, workflow_dispatch]\n").ok).toBe(true);
  });

  it("tells a missing file, a file without the trigger and unreadable YAML apart", () => {
    expect(workflowDeclaration(undefined)).toEqual({ ok: false, problem: "missing" });
    expect(workflowDeclaration("on: [push]\n")).toEqual({ ok: false, problem: "no-trigger" });
    expect(workflowDeclaration("on: [push\n")).toEqual({ ok: false, problem: "unreadable" });
  });
});

describe("inputsToSend", () => {
  it("adds the deployment's id only where the workflow declares deployment_id", () => {
    expect(inputsToSend(TARGET, workflowDeclaration(DEPLOY), { environment: "prod", ref: "abc" }, 7)).toEqual({
      ok: true,
      inputs: { environment: "prod", ref: "abc", deployment_id: "7" },
    });
    const plain = workflowDeclaration("on:\n  workflow_dispatch:\n    inputs:\n      tag: {}\n");
    expect(inputsToSend(TARGET, plain, { tag: "v1" }, 7)).toEqual({ ok: true, inputs: { tag: "v1" } });
  });

  it("refuses an input the workflow does not declare, naming it and the fix", () => {
    const sent = inputsToSend(TARGET, workflowDeclaration(DEPLOY), { environment: "prod", ref: "abc", image: "x" }, 7);
    expect(sent).toEqual({
      ok: false,
      error:
        ".github/workflows/deploy.yml in acme/web at main does not declare the input image: declare it under on.workflow_dispatch.inputs, or remove it from deploy.inputs",
    });
  });

  it("refuses a dispatch missing a required input without a default, and names it", () => {
    const problems = inputProblems(TARGET, workflowDeclaration(DEPLOY), ["environment"]);
    expect(problems).toEqual([".github/workflows/deploy.yml in acme/web at main requires the input ref, which deploy.inputs does not give: add ref: '{...}'"]);
  });

  it("says what to do about a missing workflow or trigger", () => {
    expect(inputProblems(TARGET, workflowDeclaration(undefined), [])[0]).toContain("there is no .github/workflows/deploy.yml in acme/web at main");
    expect(inputProblems(TARGET, workflowDeclaration("on: push\n"), [])[0]).toContain("add `on: workflow_dispatch`");
  });

  it("refuses more than GitHub's 25 inputs", () => {
    const names = Array.from({ length: 26 }, (_, i) => `i${i}`);
    const declared = workflowDeclaration(`on:\n  workflow_dispatch:\n    inputs:\n${names.map((n) => `      ${n}: {}`).join("\n")}\n`);
    expect(inputProblems(TARGET, declared, names)).toEqual([expect.stringContaining("GitHub takes at most 25")]);
  });
});
