import { describe, expect, it } from "vitest";
import { BACK_TO_DEVELOPMENT, changelogCommitMessage } from "../../../src/policy/changelog/index.js";

describe("changelogCommitMessage", () => {
  it.each([
    [{ version: "2.5.1", codename: "Cactus cat", issue: 853, rc: false }, 'Update changelog for version 2.5.1 "Cactus cat"; closes #853'],
    [{ version: "2.2.1", codename: "Sheepsquatch", issue: 765, rc: false }, 'Update changelog for version 2.2.1 "Sheepsquatch"; closes #765'],
    [{ version: "2.5.1rc1", codename: "Cactus cat", issue: 853, rc: true }, 'Update changelog for version 2.5.1rc1 "Cactus cat"'],
    [{ version: "1.0.1", rc: false }, "Update changelog for version 1.0.1"],
  ])("writes %o as %s", (facts, expected) => {
    expect(changelogCommitMessage(facts)).toBe(expected);
  });

  it("goes back to development with GWCelery's words", () => {
    expect(BACK_TO_DEVELOPMENT).toBe("Back to development.");
  });
});
