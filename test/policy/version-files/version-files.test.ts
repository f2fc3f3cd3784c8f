import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { raisePin, readVersion, updateVersionFile } from "../../../src/policy/version-files/index.js";

const PACKAGE_JSON = `{
  "name": "app",
  "version":   "1.2.3",
  "engines": { "node": ">=20", "version": "9.9.9" },
  "scripts": {"test": "vitest"}
}
`;

const PYPROJECT_PEP621 = `[build-system]
requires = ["hatchling"]
version = "not this one"

[project]
name = "ukrdc-services"  # the package
version = '10.8.4'
dependencies = []
`;

const PYPROJECT_POETRY = `[tool.poetry]
name = "ukrdc-services"
version = "10.8.4"

[tool.poetry.dependencies]
version = "0.0.0"
`;

describe("updateVersionFile", () => {
  it.each([
    ["ukrdc/services/__init__.py", '"""UKRDC services."""\n__version__ = "10.8.4"\n', "10.8.5rc1", '"""UKRDC services."""\n__version__ = "10.8.5rc1"\n'],
    ["pkg/_version.py", "__version__ = '10.8.4'\n", "10.8.5", "__version__ = '10.8.5'\n"],
    ["pkg/version.py", '__version__: str = "1.0.0"\n', "1.0.1", '__version__: str = "1.0.1"\n'],
    ["package.json", PACKAGE_JSON, "1.3.0", PACKAGE_JSON.replace('"1.2.3"', '"1.3.0"')],
    ["pyproject.toml", PYPROJECT_PEP621, "10.8.5", PYPROJECT_PEP621.replace("'10.8.4'", "'10.8.5'")],
    ["pyproject.toml", PYPROJECT_POETRY, "10.8.5", PYPROJECT_POETRY.replace('version = "10.8.4"', 'version = "10.8.5"')],
    ["VERSION", "2.5.2\n", "2.6.0rc1", "2.6.0rc1\n"],
    ["VERSION", "2.5.2", "2.6.0", "2.6.0"],
  ])("writes the version into %s", (path, content, version, expected) => {
    expect(updateVersionFile(content, path, version)).toBe(expected);
  });

  it.each([
    ["pkg/__init__.py", "def f():\n    __version__ = '1'\n", 'pkg/__init__.py: The module has no top-level `__version__ = "..."` line to update.'],
    ["package.json", '{"name": "x"}', 'package.json: package.json has no top-level "version" to update.'],
    ["package.json", "{not json", "package.json: package.json is not valid JSON, so its version was not changed."],
    [
      "pyproject.toml",
      '[project]\nname = "x"\ndynamic = ["version"]\n',
      "pyproject.toml: pyproject.toml declares its version dynamic; list the file the build reads it from (such as __init__.py) instead.",
    ],
    [
      "setup.cfg",
      "[metadata]\nversion = 1\n",
      'Release Pilot does not know how to write a version into setup.cfg; it knows __init__.py, _version.py, version.py, package.json, pyproject.toml, Cargo.toml, Chart.yaml or VERSION by name, a YAML or TOML file with `key: "package.version"`, or any text file with `pattern: "VERSION = {version}"`.',
    ],
  ])("refuses %s with a sentence", (path, content, error) => {
    expect(updateVersionFile(content, path, "1.0.0")).toEqual({ error });
  });
});

describe("readVersion", () => {
  it.each([
    ["ukrdc/services/__init__.py", "__version__ = '10.8.5.RC1'\n", "10.8.5.RC1"],
    ["package.json", PACKAGE_JSON, "1.2.3"],
    ["pyproject.toml", PYPROJECT_PEP621, "10.8.4"],
    ["pyproject.toml", PYPROJECT_POETRY, "10.8.4"],
    ["VERSION", "2.5.2\n", "2.5.2"],
  ])("reads the version of %s", (path, content, expected) => {
    expect(readVersion(content, path)).toBe(expected);
  });

  it("gives undefined for a file without a version", () => {
    expect(readVersion("print('hi')\n", "pkg/__init__.py")).toBeUndefined();
  });
});

describe("on any content", () => {
  it.each(["pkg/__init__.py", "package.json", "pyproject.toml", "VERSION"])("%s never throws", (path) => {
    fc.assert(
      fc.property(fc.string(), (content) => {
        readVersion(content, path);
        updateVersionFile(content, path, "1.0.0");
        raisePin(content, path === "VERSION" ? "requirements.txt" : path, { package: "x", version: "1.0.0" });
      }),
      { numRuns: 2_000 },
    );
  });
});
