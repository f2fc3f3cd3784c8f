import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { releaseGate } from "../../../src/policy/checklist/gate.js";

const MARKER = "\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->\n";
const gwcelery = readFileSync(new URL("../../fixtures/checklist/CreateARelease.md", import.meta.url), "utf8") + MARKER;
const tickAll = (body: string): string => body.replaceAll("[ ]", "[x]");

describe("releaseGate", () => {
  it("refuses while items are open, naming them", () => {
    const body = `## Basics\n\n1.  [x] CI\n2.  [ ] [CHANGES.rst](CHANGES.rst) lists all changes\n    - [ ] \`bilby\`\n${MARKER}`;
    expect(releaseGate({ body, requireComplete: true })).toEqual({
      kind: "refuse",
      message: [
        "Not releasing 2.6.0 yet: 2 of 3 checklist items are still open.",
        "",
        "- CHANGES.rst lists all changes (Basics, line 4)",
        "- `bilby` (Basics, line 5)",
        "",
        "Tick them, or cross out (`~~...~~`) any that cannot be done with the reason, then type `/release` again.",
      ].join("\n"),
    });
  });

  it("names ten open items of the real template, then counts the rest", () => {
    const gate = releaseGate({ body: gwcelery, requireComplete: true });
    const message = gate.kind === "refuse" ? gate.message : "";
    const lines = message.split("\n");
    expect(lines[0]).toBe("Not releasing 2.6.0 yet: 86 of 86 checklist items are still open.");
    expect(lines.filter((line) => line.startsWith("- "))).toHaveLength(11);
    expect(lines[2]).toBe("- The CI pipeline succeeded, including all unit tests and code quality checks… (Basics, line 7)");
    expect(lines[4]).toBe("- The latest Readthedocs documentation build passed and the latest docs are correctly rendered… (Basics, line 9)");
    expect(lines[12]).toBe("- and 76 more");
  });

  it("says item in the singular", () => {
    const gate = releaseGate({ body: `- [ ] last one${MARKER}`, requireComplete: true });
    expect(gate.kind === "refuse" && gate.message.split("\n")[0]).toBe("Not releasing 2.6.0 yet: 1 of 1 checklist item is still open.");
  });

  it.each([
    ["every item is ticked", tickAll(gwcelery), true],
    ["items are crossed out with a reason", `- [x] a\n- [ ] ~~GCN alerts~~ GCN is down${MARKER}`, true],
    ["items are open but completion is not required", gwcelery, false],
  ])("proceeds when %s", (_name, body, requireComplete) => {
    expect(releaseGate({ body, requireComplete })).toEqual({ kind: "proceed", version: "2.6.0", app: "gwcelery" });
  });

  it("proceeds without an app for the short marker", () => {
    expect(releaseGate({ body: "- [x] a\n<!-- release-pilot:checklist v=1.2.3 -->", requireComplete: true })).toEqual({
      kind: "proceed",
      version: "1.2.3",
    });
  });

  it.each([true, false])("refuses an issue without a marker (requireComplete %s)", (requireComplete) => {
    expect(releaseGate({ body: "- [x] a", requireComplete })).toEqual({
      kind: "refuse",
      message:
        "This issue is not a Release Pilot checklist (it has no checklist marker), so I cannot tell which version to release; " +
        "type `/release X.Y.Z` to name it.",
    });
  });
});
