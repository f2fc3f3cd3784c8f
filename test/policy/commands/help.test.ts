import { describe, expect, it } from "vitest";
import { helpText } from "../../../src/policy/commands/help.js";
import { parseCommand } from "../../../src/policy/commands/parse.js";

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

  it("starts with a sentence, so the reply's leading mention does not turn the heading into a literal ###", () => {
    const reply = `@leo ${helpText({ environments: ["staging"], apps: [] })}`;
    expect(reply.split("\n")[0]).toBe("@leo here are the commands I take.");
    expect(reply).toContain("\n\n#### Release Pilot commands\n");
  });

  it("gives an example that works as typed: with the app in a repository of several", () => {
    for (const known of [
      { environments: ["staging", "production"], apps: ["api", "frontend"] },
      { environments: ["staging"], apps: ["web"] },
    ]) {
      const example = /For example: `([^`]+)`/.exec(helpText(known))?.[1] ?? "";
      const parsed = parseCommand(example, known);
      expect(parsed).toMatchObject({ name: "deploy", environment: "staging" });
      if (known.apps.length > 1) expect(parsed).toMatchObject({ app: "api" });
    }
  });
});
