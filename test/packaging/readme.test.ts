// The README is where a newcomer starts: its first config must be one the bot accepts, and every
// page it (or a page in docs/) links to must exist.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConfigText } from "../../src/policy/config-check.js";

const ROOT = resolve(import.meta.dirname, "../..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("gives a first config the bot accepts without an error or a warning", () => {
    const yaml = /```yaml\n# \.github\/release-pilot\.yml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(yaml).toBeDefined();
    const checked = checkConfigText(yaml ?? "", "acme/web");
    expect(checked.errors).toEqual([]);
    expect(checked.warnings).toEqual([]);
  });

  it("starts with what the bot does and how to install it", () => {
    const firstScreen = README.split("\n").slice(0, 40).join("\n");
    expect(firstScreen).toContain("GitHub App");
    expect(README.indexOf("## Install")).toBeGreaterThan(0);
    expect(README.indexOf("## Install")).toBeLessThan(README.indexOf("## A first config"));
  });

  it.each([
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`),
  ])("%s links only to files that exist", (file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    const missing = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1] ?? "")
      .filter((target) => !/^[a-z]+:/.test(target) && !target.includes("{"))
      .filter((target) => !existsSync(resolve(ROOT, dirname(file), target)));
    expect(missing).toEqual([]);
  });
});
