import { describe, expect, it } from "vitest";
import { renderReleaseFile } from "../../../src/policy/changelog/index.js";
import { fixture, openverseFiles } from "./fixtures.js";

function split(text: string): { title: string; body: string } {
  const [heading = "", ...rest] = text.split("\n");
  return { title: heading.replace(/^# /, ""), body: rest.join("\n") };
}

describe("renderReleaseFile", () => {
  it.each(openverseFiles())("reproduces %s from its title and release body", (name) => {
    const text = fixture("openverse", name);
    expect(renderReleaseFile(split(text))).toBe(text);
  });

  it("turns a body typed with CRLF and trailing blank lines into LF with one final newline", () => {
    const text = fixture("openverse", "changelog-catalog-2024.09.09.23.00.57.md");
    const { title, body } = split(text);
    expect(renderReleaseFile({ title, body: `\r\n${body.replace(/\n/g, "\r\n")}\r\n\r\n` })).toBe(text);
  });

  it("writes only the title for an empty body", () => {
    expect(renderReleaseFile({ title: "2024.01.01.19.52.14", body: "" })).toBe("# 2024.01.01.19.52.14\n");
  });
});
