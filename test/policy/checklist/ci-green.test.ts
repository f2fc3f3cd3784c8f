// ci-green counts check runs and commit statuses (CI outside GitHub Apps) alike.
import { describe, expect, it } from "vitest";
import { ciGreenOf } from "../../../src/policy/checklist/ci-green.js";

const run = (status: string, conclusion: string | null = null) => ({ status, conclusion });
const status = (state: string, context = "ci/jenkins") => ({ context, state });

describe("ciGreenOf", () => {
  it("is unknown with nothing reported", () => {
    expect(ciGreenOf([], [])).toBeUndefined();
  });

  it("is green when every run and every status passed, or only statuses reported", () => {
    expect(ciGreenOf([run("completed", "success"), run("completed", "skipped")], [status("success")])).toBe(true);
    expect(ciGreenOf([], [status("success"), status("success", "lint")])).toBe(true);
    expect(ciGreenOf([run("completed", "neutral")], [])).toBe(true);
  });

  it("is unknown while a run runs or a status is pending", () => {
    expect(ciGreenOf([run("completed", "success")], [status("pending")])).toBeUndefined();
    expect(ciGreenOf([run("in_progress")], [status("success")])).toBeUndefined();
  });

  it.each(["failure", "error"])("is red once a status is %s, even while others are pending", (state) => {
    expect(ciGreenOf([run("in_progress")], [status(state), status("pending", "lint")])).toBe(false);
    expect(ciGreenOf([run("completed", "success")], [status(state)])).toBe(false);
  });

  it("is red once a run failed", () => {
    expect(ciGreenOf([run("completed", "failure")], [status("success")])).toBe(false);
  });
});
