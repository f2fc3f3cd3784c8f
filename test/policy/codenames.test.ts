import { describe, expect, it } from "vitest";
import { CRYPTIDS, pickCodename, type CodenameFacts } from "../../src/policy/codenames.js";

const facts = (overrides: Partial<CodenameFacts>): CodenameFacts => ({ list: CRYPTIDS, used: [], version: "1.0.0", perMinor: true, ...overrides });

describe("pickCodename", () => {
  it.each<[string, Partial<CodenameFacts>, string]>([
    ["keeps the name through a minor series", { version: "2.5.2", previous: { version: "2.5.1", codename: "Cactus cat" } }, "Cactus cat"],
    ["keeps the name from a candidate to its final", { version: "2.5.1", previous: { version: "2.5.1rc2", codename: "Cactus cat" } }, "Cactus cat"],
    ["keeps the name for the next candidate", { version: "2.5.1rc1", previous: { version: "2.5.0", codename: "Cactus cat" } }, "Cactus cat"],
    [
      "picks the first unused name for a new minor",
      { version: "2.6.0rc1", previous: { version: "2.5.2", codename: "Cactus cat" }, used: ["Akkorokamui", "Alien Big Cat"] },
      "Almas",
    ],
    [
      "picks a new name at every release without perMinor",
      { version: "2.0.1", perMinor: false, previous: { version: "2.0.0", codename: "Akkorokamui" } },
      "Alien Big Cat",
    ],
    ["picks a new name when the previous release had none", { version: "1.0.2", previous: { version: "1.0.1" } }, "Akkorokamui"],
    ["compares used names without regard to case", { list: ["Cactus cat", "Champ"], used: ["Cactus Cat"] }, "Champ"],
    ["follows a custom list in its order", { list: ["Zeta", "Alpha"] }, "Zeta"],
  ])("%s", (_name, overrides, expected) => {
    expect(pickCodename(facts(overrides))).toEqual({ codename: expected });
  });

  it("says so when every name is used", () => {
    expect(pickCodename(facts({ list: ["Bigfoot", "Bunyip"], used: ["Bigfoot", "Bunyip"] }))).toEqual({
      error: "All 2 codenames in the list have been used; add names to `codenames` in .github/release-pilot.yml or give this release its codename by hand.",
    });
  });

  it("says so when the list is empty", () => {
    expect(pickCodename(facts({ list: [] }))).toEqual({
      error: "The codename list is empty; add names to `codenames` in .github/release-pilot.yml or give this release its codename by hand.",
    });
  });
});

describe("CRYPTIDS", () => {
  it("holds every codename GWCelery has used", () => {
    for (const name of ["Akkorokamui", "Alien Big Cat", "Bigfoot", "Bunyip", "Cactus cat", "Champ", "Ghost Deer", "Orabou", "Sheepsquatch"]) {
      expect(CRYPTIDS).toContain(name);
    }
  });

  it("is in alphabetical order without repeats", () => {
    expect([...CRYPTIDS].sort((a, b) => a.localeCompare(b, "en"))).toEqual(CRYPTIDS);
    expect(new Set(CRYPTIDS).size).toBe(CRYPTIDS.length);
  });
});
