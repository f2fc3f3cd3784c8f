import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rstChangelog, serializeChangelog } from "../../../src/policy/changelog/index.js";
import { fixture } from "./fixtures.js";

const rst = rstChangelog();

describe("rst parse", () => {
  it.each(["CHANGES.rst.head-2022-11.rst", "CHANGES.rst.head-2024-12.rst"])("gives back %s byte for byte", (name) => {
    const text = fixture("gwcelery", name);
    expect(serializeChangelog(rst.parse(text))).toBe(text);
  });

  it("keeps the title in the preamble and finds every release section of the 2024 file", () => {
    const parsed = rst.parse(fixture("gwcelery", "CHANGES.rst.head-2024-12.rst"));
    expect(parsed.preamble).toBe("Changelog\n=========\n\n");
    expect(parsed.sections.map((s) => s.heading.version)).toEqual([
      "2.6.0",
      "2.5.2",
      "2.5.1",
      "2.5.0",
      "2.4.4",
      "2.4.3",
      "2.4.2",
      "2.4.1",
      "2.3.6",
      "2.3.5",
      "2.3.4",
      "2.3.3",
      "2.3.2",
      "2.3.1",
      "2.2.1",
      "2.1.10",
      "2.1.9",
    ]);
  });

  it("reads the MM-DD-YYYY date of 2.1.10 as 5 December 2023", () => {
    const parsed = rst.parse(fixture("gwcelery", "CHANGES.rst.head-2024-12.rst"));
    const bunyip = parsed.sections.find((s) => s.heading.version === "2.1.10");
    expect(bunyip?.heading).toMatchObject({ codename: "Bunyip", date: "2023-12-05", rawDate: "12-05-2023" });
  });

  it("does not take a dashed line inside an item for a heading", () => {
    const text = "Changelog\n=========\n\n1.0.0 (unreleased)\n------------------\n\n-   a\n    ----\n";
    expect(rst.parse(text).sections).toHaveLength(1);
  });

  it.each([
    fc.string(),
    fc.string({ unit: fc.constantFrom("2.5.1", "rc1", " ", "\n", "\r\n", "-", "---", "=", '"', "(unreleased)", "(2024-11-18)", "-   ", "    ", "x") }),
  ])(
    "never throws and always round-trips (%#)",
    (arbitrary) => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          expect(serializeChangelog(rst.parse(text))).toBe(text);
          rst.unreleasedEntries(text);
        }),
        { numRuns: 10_000 },
      );
    },
    120_000,
  );
});

describe("rst unreleasedEntries", () => {
  it("reads the items of the 2022 unreleased section with continuation lines", () => {
    const entries = rst.unreleasedEntries(fixture("gwcelery", "CHANGES.rst.head-2022-11.rst"));
    expect(entries).toHaveLength(5);
    expect(entries[0]).toBe("Add button to apply RAVEN alert labels to flask app. This will manually\ntrigger a RAVEN alert.");
  });

  it.each(["No changes yet.", "No changes yet"])("treats %j as an empty section", (placeholder) => {
    const text = `Changelog\n=========\n\n2.1.11 (unreleased)\n-------------------\n\n-   ${placeholder}\n\n2.1.10 "Bunyip" (12-05-2023)\n----------------------------\n\n-   x\n`;
    expect(rst.unreleasedEntries(text)).toEqual([]);
  });

  it("keeps a blank-line-separated link target inside its item", () => {
    const text = "2.0.0 (unreleased)\n------------------\n\n-   Named after\n    `cryptids`__.\n\n    __ https://example.org\n\n-   Next\n";
    expect(rst.unreleasedEntries(text)).toEqual(["Named after\n`cryptids`__.\n\n__ https://example.org", "Next"]);
  });
});

describe("rst sectionFor", () => {
  it("gives the body of a released version without surrounding blank lines", () => {
    const body = rst.sectionFor(fixture("gwcelery", "CHANGES.rst.head-2022-11.rst"), "2.0.1");
    expect(body).toBe(
      "-   Restrict ligo.em_bright to >=1.0.4 to accept new posterior samples format\n\n-   Fix regression in superevent clean-up\n\n-   Fix regression where subthreshold annotations could use stale data\n\n-   Silence Sentry for adc-streaming log messages",
    );
  });

  it("is undefined for a version the file does not hold", () => {
    expect(rst.sectionFor(fixture("gwcelery", "CHANGES.rst.head-2022-11.rst"), "9.9.9")).toBeUndefined();
  });
});
