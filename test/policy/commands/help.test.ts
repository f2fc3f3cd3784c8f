import { describe, expect, it } from "vitest";
import { helpText } from "../../../src/policy/commands/help.js";

describe("helpText", () => {
  it("lists every command and this repository's environments and apps", () => {
    expect(helpText({ environments: ["staging", "production"], apps: ["api", "frontend"] })).toMatchSnapshot();
  });

  it("says when there are no environments", () => {
    const text = helpText({ environments: [], apps: [] });
    expect(text).toContain("no environments configured");
    expect(text).not.toContain("Apps:");
  });

  it("escapes the pipes of usage forms so the table keeps its columns", () => {
    const row = helpText({ environments: ["x"], apps: [] })
      .split("\n")
      .find((line) => line.includes("/release"));
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(4);
  });
});
