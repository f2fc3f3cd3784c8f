// The registry of version files: a file named in the config with a pattern or key is read that
// way; otherwise the format is chosen by file name. A new format is a new file and one row.
import { packageJsonVersionFile } from "./package-json.js";
import { patternVersionFile } from "./pattern.js";
import { plainVersionFile } from "./plain.js";
import { pyprojectVersionFile } from "./pyproject.js";
import { pythonVersionFile } from "./python.js";
import { specProblem, type VersionFileSpec } from "./spec.js";
import { tomlKeyVersionFile } from "./toml-key.js";
import type { VersionFile, VersionFileError } from "./types.js";
import { yamlKeyVersionFile } from "./yaml-key.js";

const BY_NAME: readonly (readonly [RegExp, VersionFile])[] = [
  [/^(?:__init__|_version|version)\.py$/, pythonVersionFile],
  [/^package\.json$/, packageJsonVersionFile],
  [/^pyproject\.toml$/, pyprojectVersionFile],
  [/^VERSION(?:\.txt)?$/, plainVersionFile],
  // Helm's chart version; its appVersion is `{ path: Chart.yaml, key: appVersion }`.
  [/^Chart\.ya?ml$/, yamlKeyVersionFile("version")],
  [/^Cargo\.toml$/, tomlKeyVersionFile("package.version")],
];

export const SUPPORTED_VERSION_FILES =
  '__init__.py, _version.py, version.py, package.json, pyproject.toml, Cargo.toml, Chart.yaml or VERSION by name, a YAML or TOML file with `key: "package.version"`, or any text file with `pattern: "VERSION = {version}"`';

function specOf(file: VersionFileSpec | string): VersionFileSpec {
  return typeof file === "string" ? { path: file } : file;
}

export function versionFileFor(file: VersionFileSpec | string): VersionFile | undefined {
  const spec = specOf(file);
  if (specProblem(spec) !== undefined) return undefined;
  if (spec.pattern !== undefined) return patternVersionFile(spec.pattern);
  if (spec.key !== undefined) {
    return spec.path.toLowerCase().endsWith(".toml") ? tomlKeyVersionFile(spec.key) : yamlKeyVersionFile(spec.key);
  }
  const name = spec.path.split("/").pop() ?? spec.path;
  return BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
}

export function readVersion(content: string, file: VersionFileSpec | string): string | undefined {
  return versionFileFor(file)?.readVersion(content);
}

export function updateVersionFile(content: string, file: VersionFileSpec | string, version: string): string | VersionFileError {
  const spec = specOf(file);
  const format = versionFileFor(spec);
  if (!format) return { error: `Release Pilot does not know how to write a version into ${spec.path}; it knows ${SUPPORTED_VERSION_FILES}.` };
  const updated = format.updateContent(content, version);
  return typeof updated === "string" ? updated : { error: `${spec.path}: ${updated.error}` };
}

export { packageJsonVersionFile } from "./package-json.js";
export { patternVersionFile } from "./pattern.js";
export { raisePin, type Pin } from "./pins.js";
export { plainVersionFile } from "./plain.js";
export { pyprojectVersionFile } from "./pyproject.js";
export { pythonVersionFile } from "./python.js";
export { type RawVersionFile, specProblem, type VersionFileSpec, versionFileSpec } from "./spec.js";
export { tomlKeyVersionFile } from "./toml-key.js";
export type { VersionFile, VersionFileError } from "./types.js";
export { yamlKeyVersionFile } from "./yaml-key.js";
