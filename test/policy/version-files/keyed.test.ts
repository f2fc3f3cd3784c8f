// Version files named with a pattern (any text file) or a key path (YAML, TOML), and Helm charts
// and Cargo manifests by name: the edit changes the version and no other byte.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readVersion, specProblem, updateVersionFile } from "../../../src/policy/version-files/index.js";

const CHART = `apiVersion: v2
name: web # the chart
description: A Helm chart
version: 1.2.3
appVersion: "1.16.0"
image:
  tag: '1.16.0'   # kept in step
`;

const CARGO = `[package]
name = "pilot"
version = "0.4.1" # bumped by the release
edition = "2021"

[dependencies]
serde = { version = "1.0", features = ["derive"] }

[[bin]]
name = "pilot"
version = "not a key path"
`;

const CARGO_WORKSPACE = `[workspace]
members = ["a", "b"]

[workspace.package]
version = "3.0.0"
`;

const MAKEFILE = `# Build
VERSION := 2.5.0
IMAGE = registry/app:$(VERSION)
`;

const SETUP_CFG = `[metadata]
name = gwcelery
version=2.5.0

[options]
python_requires = >=3.9
`;

function changedLines(before: string, after: string): string[] {
  const old = before.split("\n");
  return after.split("\n").filter((line, index) => line !== old[index]);
}

describe("Chart.yaml", () => {
  it("is found by name: its version, plain, as written", () => {
    expect(readVersion(CHART, "charts/web/Chart.yaml")).toBe("1.2.3");
    const updated = updateVersionFile(CHART, "charts/web/Chart.yaml", "1.3.0");
    expect(changedLines(CHART, updated as string)).toEqual(["version: 1.3.0"]);
  });

  it("writes appVersion by key in its own quotes, and a nested key", () => {
    const appVersion = updateVersionFile(CHART, { path: "Chart.yaml", key: "appVersion" }, "1.17.0") as string;
    expect(changedLines(CHART, appVersion)).toEqual(['appVersion: "1.17.0"']);
    const tag = updateVersionFile(CHART, { path: "Chart.yaml", key: "image.tag" }, "1.17.0") as string;
    expect(changedLines(CHART, tag)).toEqual(["  tag: '1.17.0'   # kept in step"]);
    expect(readVersion(CHART, { path: "Chart.yaml", key: "image.tag" })).toBe("1.16.0");
  });

  it("quotes a plain version YAML would read as a number, and reads one as written", () => {
    const updated = updateVersionFile(CHART, "Chart.yaml", "2024.10") as string;
    expect(changedLines(CHART, updated)).toEqual(['version: "2024.10"']);
    expect(readVersion("version: 1.10\n", "Chart.yaml")).toBe("1.10");
  });

  it("says which key is missing or unusable", () => {
    expect(updateVersionFile(CHART, { path: "Chart.yaml", key: "kubeVersion" }, "1.0.0")).toEqual({
      error: "Chart.yaml: it has no plain value at kubeVersion.",
    });
    expect(updateVersionFile("version: |\n  1.0\n", "Chart.yaml", "2.0")).toEqual({ error: "Chart.yaml: version is a block scalar; write it on one line." });
    expect(updateVersionFile("version: [1\n", "Chart.yaml", "2.0")).toMatchObject({ error: expect.stringMatching(/^Chart\.yaml: it is not valid YAML/) });
  });
});

describe("Cargo.toml and other TOML", () => {
  it("is found by name: [package] version, with its comment kept", () => {
    expect(readVersion(CARGO, "Cargo.toml")).toBe("0.4.1");
    const updated = updateVersionFile(CARGO, "Cargo.toml", "0.5.0") as string;
    expect(changedLines(CARGO, updated)).toEqual(['version = "0.5.0" # bumped by the release']);
  });

  it("writes a workspace's version by key, and a dotted key written inline", () => {
    const key = { path: "Cargo.toml", key: "workspace.package.version" };
    expect(changedLines(CARGO_WORKSPACE, updateVersionFile(CARGO_WORKSPACE, key, "3.1.0") as string)).toEqual(['version = "3.1.0"']);
    const dotted = 'name = "x"\npackage.version = "1.0.0"\n';
    expect(updateVersionFile(dotted, { path: "x.toml", key: "package.version" }, "1.1.0")).toBe('name = "x"\npackage.version = "1.1.0"\n');
  });

  it("refuses a value it could only change by rewriting the file, never an array table's key", () => {
    const inline = 'package = { name = "x", version = "1.0.0" }\n';
    expect(updateVersionFile(inline, { path: "x.toml", key: "package.version" }, "1.1.0")).toEqual({
      error: 'x.toml: package.version is not written as a one-line `key = "..."`, so it cannot be changed without rewriting the file.',
    });
    expect(updateVersionFile(CARGO, { path: "Cargo.toml", key: "bin.version" }, "1.1.0")).toMatchObject({ error: expect.stringContaining("no string value") });
    expect(updateVersionFile("[package\n", "Cargo.toml", "1.1.0")).toMatchObject({ error: expect.stringMatching(/^Cargo\.toml: it is not valid TOML/) });
  });
});

describe("a pattern in any text file", () => {
  it("finds the version by the literal text around it, spaces or none", () => {
    expect(readVersion(MAKEFILE, { path: "Makefile", pattern: "VERSION := {version}" })).toBe("2.5.0");
    const updated = updateVersionFile(SETUP_CFG, { path: "setup.cfg", pattern: "version = {version}" }, "2.6.0") as string;
    expect(changedLines(SETUP_CFG, updated)).toEqual(["version=2.6.0"]);
  });

  it("updates every matching line and says when none matches", () => {
    const twice = "v=1.0.0\nx\nv=1.0.0\n";
    expect(updateVersionFile(twice, { path: "f", pattern: "v={version}" }, "1.1.0")).toBe("v=1.1.0\nx\nv=1.1.0\n");
    expect(updateVersionFile(MAKEFILE, { path: "Makefile", pattern: "RELEASE = {version}" }, "1.0.0")).toEqual({
      error: 'Makefile: no line matches "RELEASE = {version}".',
    });
  });

  it("takes pattern text literally, regular-expression characters included", () => {
    const text = "version (.*) = 1.0.0\nversion xx = 9.9.9\n";
    expect(readVersion(text, { path: "f", pattern: "version (.*) = {version}" })).toBe("1.0.0");
    expect(readVersion("a+b=1.0\n", { path: "f", pattern: "a+b={version}" })).toBe("1.0");
    expect(readVersion("aab=1.0\n", { path: "f", pattern: "a+b={version}" })).toBeUndefined();
  });

  it("changes no byte but the version, for any surrounding text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !s.includes("\n") && !s.includes("{version}")),
        fc.string({ maxLength: 40 }),
        (prefix, rest) => {
          const before = `${rest.replace(/\n/g, " ")}\nNAME ${prefix}1.2.3 end\n`;
          const after = updateVersionFile(before, { path: "f", pattern: `NAME ${prefix}{version} end` }, "4.5.6");
          expect(after).toBe(before.replace(`NAME ${prefix}1.2.3 end`, () => `NAME ${prefix}4.5.6 end`));
        },
      ),
    );
  });
});

describe("what the config may say", () => {
  it("names each impossible spec with its nearest valid form", () => {
    expect(specProblem({ path: "f", pattern: "VERSION" })).toContain('exactly once, as in "VERSION = {version}"');
    expect(specProblem({ path: "f", pattern: "{version}" })).toContain("needs some text around {version}");
    expect(specProblem({ path: "f", pattern: "a {version} b {version}" })).toContain("exactly once");
    expect(specProblem({ path: "setup.cfg", key: "metadata.version" })).toContain('for another file give a pattern such as "version = {version}"');
    expect(specProblem({ path: "Chart.yaml", key: "a..b" })).toContain("dotted path of plain names");
    expect(specProblem({ path: "Chart.yaml", key: "a", pattern: "x {version}" })).toBe("give either pattern or key, not both");
    expect(specProblem({ path: "Chart.yaml", key: "appVersion" })).toBeUndefined();
  });
});

describe("on any text", () => {
  it("never throws, whatever the file holds", () => {
    const specs = [
      { path: "Chart.yaml" },
      { path: "Cargo.toml" },
      { path: "x.yaml", key: "a.b" },
      { path: "x.toml", key: "a.b" },
      { path: "f", pattern: "v = {version}" },
    ];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...specs), (text, spec) => {
        readVersion(text, spec);
        const updated = updateVersionFile(text, spec, "1.2.3");
        expect(typeof updated === "string" || typeof updated.error === "string").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
