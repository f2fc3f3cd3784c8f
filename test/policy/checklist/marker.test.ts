import { describe, expect, it } from "vitest";
import { buildChecklistMarker, markerMatches, parseChecklistMarker } from "../../../src/policy/checklist/marker.js";

describe("checklist marker", () => {
  it("builds the hidden marker", () => {
    expect(buildChecklistMarker({ version: "2.6.0", app: "gwcelery" })).toBe("<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->");
  });

  it.each([["2.6.0rc1"], ["v2.6.0"], [""], ["2.6.0 app=x"]])("refuses to build a marker for version %j", (version) => {
    expect(() => buildChecklistMarker({ version, app: "api" })).toThrow(RangeError);
  });

  it.each([
    ["the built form", "text\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->\n", { version: "2.6.0", app: "gwcelery" }],
    ["attributes in any order", "<!--release-pilot:checklist   app=api\n v=10.8.5-->", { version: "10.8.5", app: "api" }],
    ["quoted values", `<!-- release-pilot:checklist v="2.6.0" app='web-api' -->`, { version: "2.6.0", app: "web-api" }],
    ["the short form of the design", "<!-- release-pilot:checklist v=2.6.0 -->", { version: "2.6.0" }],
    ["four parts", "<!-- release-pilot:checklist v=0.8.5.1 app=a -->", { version: "0.8.5.1", app: "a" }],
    ["an invalid marker before a valid one", "<!-- release-pilot:checklist v=x -->\n<!-- release-pilot:checklist v=1.2.3 -->", { version: "1.2.3" }],
  ])("parses %s", (_name, body, marker) => {
    expect(parseChecklistMarker(body)).toEqual(marker);
  });

  it.each([
    ["no marker", "Release version 2.6.0"],
    ["a prerelease version", "<!-- release-pilot:checklist v=2.6.0rc1 app=a -->"],
    ["a version with a v", "<!-- release-pilot:checklist v=v2.6.0 app=a -->"],
    ["an app with spaces quoted", `<!-- release-pilot:checklist v=2.6.0 app="my app" -->`],
    ["an app starting with a dash", "<!-- release-pilot:checklist v=2.6.0 app=-x -->"],
    ["a repeated version", "<!-- release-pilot:checklist v=2.6.0 v=2.7.0 -->"],
    ["another marker", "<!-- release-pilot:checklistx v=2.6.0 -->"],
  ])("ignores %s", (_name, body) => {
    expect(parseChecklistMarker(body)).toBeUndefined();
  });

  it.each([
    [{ version: "2.6.0", app: "api" }, "2.6.0", "api", true],
    [{ version: "2.6.0", app: "api" }, "2.6.0", "web", false],
    [{ version: "2.6.0" }, "2.6.0", "web", true],
    [{ version: "2.6.1", app: "api" }, "2.6.0", "api", false],
    [undefined, "2.6.0", "api", false],
  ])("matches %j against %s of %s: %s", (marker, version, app, expected) => {
    expect(markerMatches(marker, version, app)).toBe(expected);
  });
});
