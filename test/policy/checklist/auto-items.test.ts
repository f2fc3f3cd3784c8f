import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoTick } from "../../../src/policy/checklist/auto-items.js";
import { countProgress } from "../../../src/policy/checklist/progress.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const ci = "- [ ] CI is green <!-- release-pilot:auto ci-green -->";
const changelog = "- [ ] Changelog ready <!-- release-pilot:auto changelog-ready -->";
const staging = "1.  [ ] Staging has it<!--release-pilot:auto   staging-deployed-->";
const body = ["## Basics", "", ci, changelog, staging, "- [ ] Manual step", ""].join("\n");

describe("autoTick", () => {
  it("ticks the CI item and notes the commit", () => {
    const result = autoTick(body, { ciGreen: true, sha: SHA });
    expect(result.ticked).toEqual(["CI is green"]);
    expect(result.body).toBe(body.replace(ci, "- [x] CI is green <!-- release-pilot:auto ci-green --> _(ticked by Release Pilot: CI is green on 0123456)_"));
  });

  it.each([
    ["changelogReady", { changelogReady: true }, "Changelog ready", " _(ticked by Release Pilot: the changelog is ready)_"],
    ["stagingDeployed", { stagingDeployed: true, sha: SHA }, "Staging has it", " _(ticked by Release Pilot: staging is deployed on 0123456)_"],
  ])("ticks the %s item", (_name, facts, text, note) => {
    const result = autoTick(body, facts);
    expect(result.ticked).toEqual([text]);
    expect(result.body).toContain(`[x] ${text}`);
    expect(result.body).toContain(`-->${note}`);
  });

  it("ticks nothing when no fact holds", () => {
    expect(autoTick(body, { ciGreen: false })).toEqual({ body, ticked: [] });
  });

  it("ticks every item whose fact holds, once", () => {
    const once = autoTick(body, { ciGreen: true, changelogReady: true, stagingDeployed: true, sha: SHA });
    expect(once.ticked).toEqual(["CI is green", "Changelog ready", "Staging has it"]);
    expect(autoTick(once.body, { ciGreen: true, changelogReady: true, stagingDeployed: true, sha: SHA })).toEqual({
      body: once.body,
      ticked: [],
    });
  });

  it("leaves an item a person unticked after the bot ticked it", () => {
    const unticked = autoTick(body, { ciGreen: true, sha: SHA }).body.replace("- [x] CI", "- [ ] CI");
    expect(autoTick(unticked, { ciGreen: true, sha: SHA }).ticked).toEqual([]);
  });

  it.each([
    ["ticked by a person", "- [x] CI is green <!-- release-pilot:auto ci-green -->"],
    ["crossed out", "- [ ] ~~CI is green~~ runners down <!-- release-pilot:auto ci-green -->"],
    ["inside a code fence", "```\n- [ ] CI is green <!-- release-pilot:auto ci-green -->\n```"],
    ["marked with an unknown fact", "- [ ] CI is green <!-- release-pilot:auto ci-red -->"],
  ])("does not touch an item %s", (_name, text) => {
    expect(autoTick(text, { ciGreen: true })).toEqual({ body: text, ticked: [] });
  });

  it("finds a marker on the line after the item text, not in a nested item", () => {
    const text = "- [ ] CI is green\n  <!-- release-pilot:auto ci-green -->\n- [ ] parent\n  - [ ] child <!-- release-pilot:auto ci-green -->";
    const result = autoTick(text, { ciGreen: true });
    expect(result.ticked).toEqual(["CI is green", "child"]);
    expect(result.body).toContain("- [ ] parent");
    expect(result.body).toContain("  - [x] child");
  });
});

describe("autoTick properties", () => {
  const bodies = fc
    .array(
      fc.constantFrom(
        ci,
        changelog,
        staging,
        "- [x] done",
        "```",
        "<!--",
        "-->",
        "\n",
        "  ",
        "<!-- release-pilot:progress -->",
        "<!-- /release-pilot:progress -->",
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join("\n"));
  const facts = fc.record({ ciGreen: fc.boolean(), changelogReady: fc.boolean(), stagingDeployed: fc.boolean(), sha: fc.constant(SHA) });

  it("never throws, only ever ticks, and ticking twice is ticking once", () => {
    fc.assert(
      fc.property(bodies, fc.string(), facts, (body, noise, known) => {
        const input = body + noise;
        const once = autoTick(input, known);
        expect(countProgress(once.body).done - countProgress(input).done).toBe(once.ticked.length);
        expect(autoTick(once.body, known)).toEqual({ body: once.body, ticked: [] });
      }),
      { numRuns: 2_000 },
    );
  }, 180_000);
});
