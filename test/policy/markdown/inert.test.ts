import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeBlock, codeSpan, inertText, mention } from "../../../src/policy/markdown/inert.js";

const ZWJ = "\u200d";
/** What GitHub would read as a mention: `@` then a login character, not after a word character. */
const PINGS = /(?:^|[^A-Za-z0-9`])@[A-Za-z0-9]/;

describe("inertText", () => {
  it.each([
    ["a team", "Fix the build for @org/team", `Fix the build for @${ZWJ}org/team`],
    ["a person", "thanks @alice!", `thanks @${ZWJ}alice!`],
    ["raw HTML", "Add <img src=x onerror=alert(1)>", "Add &lt;img src=x onerror=alert(1)>"],
    ["a hidden marker", "Title <!-- release-pilot:key=reply:1 -->", "Title &lt;!-- release-pilot:key=reply:1 -->"],
    ["line breaks", "one\n# two\r\n- three", "one # two - three"],
    ["an e-mail address", "mail me at a@b.org", `mail me at a@${ZWJ}b.org`],
  ])("makes %s inert", (_name, text, expected) => {
    expect(inertText(text)).toBe(expected);
  });

  it("keeps the text's own code spans as written, as Openverse's changelogs show them", () => {
    expect(inertText("Set the background color on `<option>` to fix readability issue")).toBe(
      "Set the background color on `<option>` to fix readability issue",
    );
    expect(inertText("Use ``a ` b`` and `@team`")).toBe("Use ``a ` b`` and `@team`");
  });

  it("still breaks a marker inside a code span, since markers are found in the raw text", () => {
    expect(inertText("`<!-- release-pilot:key=x -->`")).not.toContain("<!--");
  });

  it("treats an unclosed backtick as a literal one and keeps making the rest inert", () => {
    expect(inertText("a ` @team <b>")).toBe(`a \` @${ZWJ}team &lt;b>`);
  });

  it("never lets a mention, a tag or a marker through, whatever the text", () => {
    const piece = fc.oneof(fc.constantFrom("@", "@team", "`", "``", "<", "<!--", "-->", "\n", " ", "a", "org/x"), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const out = inertText(pieces.join(""));
        expect(out).not.toContain("<!--");
        expect(out).not.toMatch(/[\r\n]/);
        // Outside code spans there is no `<` and no `@` before a login character.
        const prose = out.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, " ");
        expect(prose).not.toMatch(PINGS);
        expect(prose).not.toContain("<");
      }),
      { numRuns: 10_000 },
    );
  });

  it("is linear: a long hostile title takes milliseconds", () => {
    const text = "`".repeat(1) + " `` ".repeat(20_000) + "@team <".repeat(5_000);
    const started = performance.now();
    inertText(text);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("codeSpan", () => {
  it.each([
    ["plain", "main", "`main`"],
    ["a backtick", "a`b", "``a`b``"],
    ["two backticks and an edge one", "``x`", "``` ``x` ```"],
    ["a newline", "a\nb", "`a b`"],
  ])("holds %s without breaking out", (_name, text, expected) => {
    expect(codeSpan(text)).toBe(expected);
  });

  it("breaks a marker held in the span", () => {
    expect(codeSpan("<!-- release-pilot:key=x -->")).not.toContain("<!--");
  });
});

describe("codeBlock", () => {
  it("fences with more backticks than the text holds", () => {
    expect(codeBlock("a\n```\nb")).toBe("````\na\n```\nb\n````");
    expect(codeBlock("plain")).toBe("```\nplain\n```");
  });
});

describe("mention", () => {
  it("mentions a GitHub login and shows anything else inert", () => {
    expect(mention("alice")).toBe("@alice");
    expect(mention("dependabot[bot]")).toBe("@dependabot[bot]");
    expect(mention("org/team")).toBe(`@${ZWJ}org/team`);
    expect(mention("x <!--")).toBe(`@${ZWJ}x &lt;!--`);
  });
});
