// Issue #12 item 16: a broken config on the default branch is reported on the commit and the dashboard.
import { describe, expect, it } from "vitest";
import { planBrokenConfigReport, withoutConfigWarning, type BrokenConfigFacts } from "../../src/policy/broken-config.js";

const SHA = "a".repeat(40);
const facts = (overrides: Partial<BrokenConfigFacts> = {}): BrokenConfigFacts => ({
  repo: { owner: "org", repo: "app" },
  repoName: "org/app",
  branch: "main",
  headSha: SHA,
  yamlText: "environments:\n  staging:\n    deploy: { workflow: deploy.yml }\ncommands: { permission: wirte }\n",
  errors: [{ path: "commands.permission", message: "must be one of read, triage, write, maintain, admin" }],
  dashboard: undefined,
  ...overrides,
});

describe("planBrokenConfigReport", () => {
  it("fails a check run with each problem at its line, saying the bot is stopped until it is fixed", () => {
    const [check, ...rest] = planBrokenConfigReport(facts()).actions;
    expect(rest).toEqual([]);
    expect(check).toMatchObject({ kind: "check-run", key: `config-broken:${SHA}`, headSha: SHA, name: "Release Pilot config", conclusion: "failure" });
    if (check?.kind !== "check-run") return;
    expect(check.summary.split("\n")[0]).toBe(
      "Release Pilot does nothing on this repository (no deploys, release notes, changelogs or commands) until `.github/release-pilot.yml` on `main` is fixed.",
    );
    expect(check.annotations).toEqual([expect.objectContaining({ path: ".github/release-pilot.yml", line: 4, level: "failure" })]);
  });

  it("reports the loader's problems without lines when the file itself reads fine (the problem is in what it extends)", () => {
    const [check] = planBrokenConfigReport(
      facts({ yamlText: "_extends: .github\n", errors: [{ path: "", message: "cannot read .github/release-pilot.yml in org/.github" }] }),
    ).actions;
    expect(check?.kind === "check-run" && check.summary).toContain("- cannot read .github/release-pilot.yml in org/.github");
  });

  it("puts one warning at the top of the dashboard, replacing an earlier one", () => {
    const body = "<!-- release-pilot:dashboard -->\nThe dashboard.\n";
    const first = planBrokenConfigReport(facts({ dashboard: { number: 3, body } })).actions[1];
    expect(first).toMatchObject({ kind: "update-issue", number: 3, expectedBody: body });
    const warned = first?.kind === "update-issue" ? (first.body ?? "") : "";
    expect(warned).toContain("> [!WARNING]");
    expect(warned).toContain("line 4: `commands.permission`");
    expect(withoutConfigWarning(warned)).toBe(body);
    const again = planBrokenConfigReport(facts({ headSha: "b".repeat(40), dashboard: { number: 3, body: warned } })).actions[1];
    const rewarned = again?.kind === "update-issue" ? (again.body ?? "") : "";
    expect(rewarned.match(/\[!WARNING\]/g)).toHaveLength(1);
    expect(rewarned).toContain("bbbbbbb");
    // The same push again leaves the dashboard as it is.
    expect(planBrokenConfigReport(facts({ dashboard: { number: 3, body: warned } })).actions.map((a) => a.kind)).toEqual(["check-run"]);
  });
});
