// The nine recorded CHANGES.rst lifecycle commits, reproduced. Where a person also edited items
// in the same commit, the person's edits are applied first ("staged") and the bot's step must
// then give exactly the recorded result.
import { describe, expect, it } from "vitest";
import { rstChangelog } from "../../../src/policy/changelog/index.js";
import { lifecycleDiffs, type LifecycleDiff } from "./fixtures.js";

const rst = rstChangelog();
const diffs = new Map(lifecycleDiffs().map((d) => [d.commit, d]));

function diff(commit: string): LifecycleDiff {
  const found = diffs.get(commit);
  if (!found) throw new Error(`no recorded diff ${commit}`);
  return found;
}

/** The recorded result with its top heading put back as it was before the commit. */
function withTopHeading(text: string, rawHeading: string): string {
  const top = rst.parse(text).sections[0];
  if (!top) throw new Error("fixture has no section");
  return text.slice(0, top.start) + rawHeading + text.slice(top.start + top.rawHeading.length);
}

function topHeading(text: string): string {
  const top = rst.parse(text).sections[0];
  if (!top) throw new Error("fixture has no section");
  return top.rawHeading;
}

function finalized(text: string, facts: { version: string; codename: string; date: string }): string {
  const result = rst.finalize(text, facts);
  if ("error" in result) throw new Error(result.error);
  return result.text;
}

describe("GWCelery lifecycle commits", () => {
  it("holds nine recorded commits", () => {
    expect(diffs.size).toBe(9);
  });

  it("7e7ccbd6 Back to development: adds 2.1.11 (unreleased) with the placeholder", () => {
    const { before, after } = diff("7e7ccbd6");
    expect(rst.addUnreleased(before, { version: "2.1.11", empty: "No changes yet." })).toBe(after);
  });

  it.each([
    ["d04c64ca", { version: "2.2.1", codename: "Sheepsquatch", date: "2024-02-23" }],
    ["47fb9800", { version: "2.5.1rc2", codename: "Cactus cat", date: "2024-08-20" }],
    ["5bbb6748", { version: "2.5.1", codename: "Cactus cat", date: "2024-08-20" }],
  ])("%s finalises the top section after the person's item edits", (commit, facts) => {
    const { before, after } = diff(commit);
    const staged = withTopHeading(after, topHeading(before));
    expect(finalized(staged, facts)).toBe(after);
  });

  it.each([
    ["f75f75bc", { version: "2.2.1", codename: "Sheepsquatch", date: "2024-03-01" }],
    ["5f928ca9", { version: "2.2.1", codename: "Sheepsquatch", date: "2024-03-08" }],
  ])("%s re-dates a release that slipped", (commit, facts) => {
    const { before, after } = diff(commit);
    expect(finalized(before, facts)).toBe(after);
  });

  it("ec161388 finalises the first candidate of 2.5.1 from its unreleased section", () => {
    const { after } = diff("ec161388");
    // 6a5ddf6b shows the section was `2.5.1 (unreleased)` before the candidate was cut.
    const staged = withTopHeading(after, "2.5.1 (unreleased)\n------------------\n");
    expect(finalized(staged, { version: "2.5.1rc1", codename: "Cactus cat", date: "2024-08-09" })).toBe(after);
  });

  it("6a5ddf6b adds 2.5.1 (unreleased), whose placeholder the person then replaced", () => {
    const { before, after } = diff("6a5ddf6b");
    const expected = after.replace("-   Enabled SSM triggers and HasSSM source property\n", "-   No changes yet.\n");
    expect(rst.addUnreleased(before, { version: "2.5.1", empty: "No changes yet." })).toBe(expected);
  });

  it("e265bd6f renames the unreleased 2.4.4 to 2.5.0, beside the section merged from the release branch", () => {
    const { before, after } = diff("e265bd6f");
    // 2.4.4 was finalised on its release branch; the merge brought that section in, not the bot.
    const expected = after.replace(/2\.4\.4 "Orabou" \(2024-06-14\)\n[\s\S]*?(?=2\.4\.3 )/, "");
    expect(rst.addUnreleased(before, { version: "2.5.0", empty: "No changes yet." })).toBe(expected);
  });
});
