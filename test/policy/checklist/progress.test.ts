import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countProgress, progressText, withProgressLine } from "../../../src/policy/checklist/progress.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/checklist/${name}`, import.meta.url), "utf8");

/** Ticks the first `count` boxes of a body, in source order. */
const tick = (body: string, count: number): string => {
  let left = count;
  return body.replace(/\[ \]/g, (box) => (left-- > 0 ? "[x]" : box));
};

describe("countProgress over the real GWCelery templates", () => {
  // Counted by hand: current = Basics 5+21 nested, Test deployment 6, Mock events 15+29 nested,
  // Replay 1+9 nested; 2022-11 = Basics 4, Playground 6, Mock events 14+26 nested, Replay 1+10.
  it.each([
    ["CreateARelease.md", 86],
    ["CreateARelease.2022-11.md", 61],
  ])("counts every item of %s, none done", (name, total) => {
    const progress = countProgress(fixture(name));
    expect(progress.total).toBe(total);
    expect(progress.done).toBe(0);
    expect(progress.open).toHaveLength(total);
    expect(progress.crossedOut).toEqual([]);
  });

  it("reads a multi-line item as one item with its text joined", () => {
    const { open } = countProgress(fixture("CreateARelease.md"));
    expect(open[3]).toEqual({
      text:
        "If there is [milestone](https://git.ligo.org/emfollow/gwcelery/-/milestones) for this release, then the list of " +
        "issues and merge requests that have been addressed is accurate. Any unaddressed issues and merge requests have been " +
        "moved to another milestone.",
      line: 10,
      section: "Basics",
    });
  });

  it("names the section and line of a nested item", () => {
    const { open } = countProgress(fixture("CreateARelease.md"));
    expect(open.find((item) => item.text === "`p_astro.json`")).toEqual({
      text: "`p_astro.json`",
      line: 55,
      section: "Mock events",
    });
  });

  it("counts ticked boxes at every nesting level", () => {
    const progress = countProgress(tick(fixture("CreateARelease.md"), 30));
    expect(progress.done).toBe(30);
    expect(progress.open).toHaveLength(56);
  });

  it("crosses out a real item with its reason", () => {
    const body = fixture("CreateARelease.2022-11.md").replace(
      "9.  [ ] The playground deployment is connected to GCN.",
      "9.  [ ] ~~The playground deployment is connected to GCN.~~ GCN is down for maintenance",
    );
    const progress = countProgress(body);
    expect(progress.done).toBe(1);
    expect(progress.crossedOut).toEqual([{ text: "The playground deployment is connected to GCN.", reason: "GCN is down for maintenance" }]);
  });
});

describe("countProgress on small bodies", () => {
  it.each([
    ["a dash item", "- [ ] a", 1, 0],
    ["a star item ticked", "* [x] a", 1, 1],
    ["a capital X", "1.  [X] a", 1, 1],
    ["a parenthesis ordered item", "1) [ ] a", 1, 0],
    ["a plus item", "+ [x] a", 1, 1],
    ["nested items", "- [x] a\n    - [ ] b\n        - [x] c", 3, 2],
    ["a list item that is not a task", "- a\n- [link](x)\n- [ ]", 0, 0],
    ["brackets mid-sentence", "We use [ ] boxes like - [ ] this", 0, 0],
    ["a backtick code fence", "```\n- [ ] no\n```\n- [ ] yes", 1, 0],
    ["a tilde code fence", "~~~md\n- [x] no\n~~~", 0, 0],
    ["an unclosed fence", "```\n- [ ] no", 0, 0],
    ["a fence inside an item", "- [ ] yes\n  ```\n  - [ ] no\n  ```", 1, 0],
    ["indented code", "para\n\n    - [ ] no", 0, 0],
    ["an HTML comment", "<!--\n- [ ] no\n-->\n\n- [ ] yes", 1, 0],
    ["the bot's progress region", "<!-- release-pilot:progress -->\n- [x] no\n<!-- /release-pilot:progress -->\n\n- [ ] yes", 1, 0],
    ["CRLF line endings", "- [ ] a\r\n- [x] b\r\n", 2, 1],
    ["a blockquote", "> - [x] quoted", 1, 1],
  ])("counts %s", (_name, body, total, done) => {
    const progress = countProgress(body);
    expect([progress.total, progress.done]).toEqual([total, done]);
    expect(progress.open).toHaveLength(total - done);
  });

  it.each([
    ["~~Connected to GCN~~ GCN is down", "GCN is down"],
    ["~~Connected to GCN~~ (GCN is down)", "GCN is down"],
    ["~~Connected to GCN~~ — reason: GCN is down", "GCN is down"],
    ["~~Connected to GCN~~: GCN is down", "GCN is down"],
    ["~Connected to GCN~ GCN is down", "GCN is down"],
    ["~~Connected to GCN~~", undefined],
  ])("reads the reason of %j", (text, reason) => {
    const progress = countProgress(`- [ ] ${text}`);
    expect(progress.done).toBe(1);
    expect(progress.crossedOut).toEqual([{ text: "Connected to GCN", ...(reason === undefined ? {} : { reason }) }]);
  });

  it("does not treat a partly struck item as crossed out", () => {
    expect(countProgress("- [ ] The alert ~~is~~ was sent").open).toHaveLength(1);
  });

  it("counts the sub-items of a crossed-out item as done without listing them", () => {
    const progress = countProgress("1. [ ] ~~Joint alerts~~ Swift is down\n    - [ ] VOEvent\n    - [ ] circular\n2. [ ] other");
    expect(progress).toMatchObject({ total: 4, done: 3, crossedOut: [{ text: "Joint alerts", reason: "Swift is down" }] });
    expect(progress.open.map((item) => item.text)).toEqual(["other"]);
  });

  it("strips HTML comments from item text", () => {
    expect(countProgress("- [ ] CI is green <!-- release-pilot:auto ci-green -->").open[0]?.text).toBe("CI is green");
  });
});

describe("withProgressLine", () => {
  const sample = "Intro\n\n- [x] a\n- [ ] b\n";

  it("puts the line at the top and keeps the body after it", () => {
    const out = withProgressLine(sample, countProgress(sample));
    expect(out).toBe("<!-- release-pilot:progress -->\n**Release checklist:** 1 of 2 items done, 1 open.\n<!-- /release-pilot:progress -->\n\n" + sample);
  });

  it("replaces only the text between its markers", () => {
    const first = withProgressLine(sample, countProgress(sample));
    const edited = first.replace("- [ ] b", "- [x] b");
    const second = withProgressLine(edited, countProgress(edited));
    expect(second).toBe(edited.replace("1 of 2 items done, 1 open.", "✅ all 2 items done."));
  });

  it("updates the line where a person moved it, leaving every other byte alone", () => {
    const moved = `Intro\n\n- [x] a\n\n<!-- release-pilot:progress -->\nold text\n<!-- /release-pilot:progress -->\ntrailing`;
    expect(withProgressLine(moved, countProgress(moved))).toBe(moved.replace("old text", "**Release checklist:** ✅ the one item done."));
  });

  it("adds its own line when a start marker has no end", () => {
    const broken = "<!-- release-pilot:progress -->\n- [ ] a";
    const out = withProgressLine(broken, countProgress(broken));
    expect(out.endsWith(`\n\n${broken}`)).toBe(true);
    expect(withProgressLine(out, countProgress(out))).toBe(out);
  });

  it("keeps CRLF line endings", () => {
    const body = "- [ ] a\r\n";
    expect(withProgressLine(body, countProgress(body))).toMatch(
      /^<!-- release-pilot:progress -->\r\n.*\r\n<!-- \/release-pilot:progress -->\r\n\r\n- \[ \] a\r\n$/,
    );
  });

  it("does not change the count it reports", () => {
    const body = fixture("CreateARelease.md");
    const out = withProgressLine(body, countProgress(body));
    const before = countProgress(body);
    const after = countProgress(out);
    expect({ ...after, open: after.open.map((item) => ({ ...item, line: item.line - 4 })) }).toEqual(before);
    expect(out.endsWith(body)).toBe(true);
  });

  it.each([
    ["zero items", { total: 0, done: 0, open: [], crossedOut: [] }, "**Release checklist:** no task items found."],
    [
      "crossed-out items",
      { total: 3, done: 2, open: [{ text: "a", line: 1 }], crossedOut: [{ text: "~~b~~" }] },
      "**Release checklist:** 2 of 3 items done (1 crossed out), 1 open.",
    ],
  ])("words the line for %s", (_name, progress, text) => {
    expect(progressText(progress)).toBe(text);
  });
});

describe("properties", () => {
  const bodies = fc.oneof(
    fc.string(),
    fc
      .array(
        fc.constantFrom(
          "- [ ] a",
          "  * [x] b",
          "```",
          "<!--",
          "-->",
          "~~c~~ d",
          "1) [X] e",
          "\r\n",
          "\n",
          "<!-- release-pilot:progress -->",
          "<!-- /release-pilot:progress -->",
          "    - [ ] f",
          "> ",
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join("\n")),
  );

  it("countProgress never throws and its numbers add up", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const progress = countProgress(body);
        expect(progress.done + progress.open.length).toBe(progress.total);
      }),
      { numRuns: 10_000 },
    );
  }, 180_000);

  it("withProgressLine never throws, is idempotent and keeps the body", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const once = withProgressLine(body, countProgress(body));
        expect(withProgressLine(once, countProgress(once))).toBe(once);
        if (!body.includes("<!-- release-pilot:progress -->")) expect(once.endsWith(body)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  }, 180_000);
});
