import { describe, expect, it } from "vitest";
import { planDownstreamPins, type DownstreamFacts, type DownstreamFile } from "../../../src/policy/release/downstream.js";

const webapi = { owner: "renalreg", repo: "ukrdc-webapi" };
const requirements = "fastapi==0.110.0\nukrdc-services==10.8.4\n";

function target(overrides: Partial<DownstreamFile> = {}): DownstreamFile {
  return { repo: webapi, file: "requirements.txt", package: "ukrdc-services", base: "release", content: requirements, reachable: true, ...overrides };
}

function facts(overrides: Partial<DownstreamFacts> = {}): DownstreamFacts {
  return {
    repo: { owner: "renalreg", repo: "ukrdc-services" },
    release: { tag: "v10.8.5", url: "https://github.com/renalreg/ukrdc-services/releases/tag/v10.8.5", draft: false, prerelease: false },
    apps: [{ name: "ukrdc-services", tag: "v{version}" }],
    downstream: [target()],
    sha: "c".repeat(40),
    ...overrides,
  };
}

describe("planDownstreamPins", () => {
  it("opens a pull request on the downstream release branch raising the pin", () => {
    expect(planDownstreamPins(facts()).actions).toEqual([
      expect.objectContaining({
        kind: "open-pull-request",
        repo: webapi,
        branch: "release-pilot/pin-ukrdc-services-10.8.5",
        base: "release",
        title: "Raise ukrdc-services to 10.8.5",
        files: [{ path: "requirements.txt", content: "fastapi==0.110.0\nukrdc-services==10.8.5\n" }],
      }),
    ]);
  });

  it.each([
    ["a release candidate", facts({ release: { ...facts().release, tag: "v10.8.5rc1", prerelease: true } })],
    ["a pin that already names the version", facts({ downstream: [target({ content: "ukrdc-services==10.8.5\n" })] })],
  ])("does nothing for %s", (_name, input) => {
    expect(planDownstreamPins(input).actions).toEqual([]);
  });

  it.each([
    [
      "the app is not installed there",
      target({ reachable: false, base: undefined, content: undefined }),
      /Release Pilot is not installed on renalreg\/ukrdc-webapi, so it cannot raise the ukrdc-services pin there: install the app on renalreg\/ukrdc-webapi\./,
    ],
    ["the file is missing", target({ content: undefined }), /requirements\.txt in renalreg\/ukrdc-webapi is not on release/],
    ["the pin is a range", target({ content: "ukrdc-services>=10.8,<11\n" }), /range/],
  ])("reports on the released commit when %s", (_name, file, message) => {
    const [check] = planDownstreamPins(facts({ downstream: [file] })).actions;
    expect(check).toMatchObject({ kind: "check-run", conclusion: "failure", headSha: "c".repeat(40) });
    expect(check?.kind === "check-run" ? check.summary : "").toMatch(message);
  });
});
