// Whether a release raises downstream pins at all (moved out of the downstream-pins handler with #13).
import { describe, expect, it } from "vitest";
import { nothing } from "../../../src/policy/plan.js";
import { downstreamFacts, pinsNotRaised } from "../../../src/policy/release/downstream-facts.js";
import { gwceleryConfig, ukrdcConfig } from "./cut-builders.js";

describe("which releases raise pins", () => {
  it("raises them for UKRDC's final", () => {
    expect(pinsNotRaised(ukrdcConfig, { draft: false, prerelease: false })).toBeUndefined();
  });

  it("raises none for a candidate, a draft, or a repository without downstream entries, saying so", () => {
    const not = nothing("event-not-relevant", "No downstream pin is raised for this release.");
    expect(pinsNotRaised(ukrdcConfig, { draft: false, prerelease: true })).toEqual(not);
    expect(pinsNotRaised(ukrdcConfig, { draft: true, prerelease: false })).toEqual(not);
    expect(pinsNotRaised(gwceleryConfig, { draft: false, prerelease: false })).toEqual(not);
  });

  it("hands the release, the apps' tags and the files read to the pin decision", () => {
    const release = { tag_name: "v10.8.5", html_url: "https://x/v10.8.5", draft: false, prerelease: false };
    expect(downstreamFacts(ukrdcConfig, { owner: "renalreg", repo: "ukrdc-services" }, release, [], "abc")).toEqual({
      repo: { owner: "renalreg", repo: "ukrdc-services" },
      release: { tag: "v10.8.5", url: "https://x/v10.8.5", draft: false, prerelease: false },
      apps: ukrdcConfig.apps.map((app) => ({ name: app.name, tag: app.tag })),
      downstream: [],
      sha: "abc",
    });
  });
});
