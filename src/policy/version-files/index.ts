// The registry of version files, chosen by file name; a new format is a new file and one row.
import { packageJsonVersionFile } from "./package-json.js";
import { plainVersionFile } from "./plain.js";
import { pyprojectVersionFile } from "./pyproject.js";
import { pythonVersionFile } from "./python.js";
import type { VersionFile, VersionFileError } from "./types.js";

const BY_NAME: readonly (readonly [RegExp, VersionFile])[] = [
  [/^(?:__init__|_version|version)\.py$/, pythonVersionFile],
  [/^package\.json$/, packageJsonVersionFile],
  [/^pyproject\.toml$/, pyprojectVersionFile],
  [/^VERSION(?:\.txt)?$/, plainVersionFile],
];

export const SUPPORTED_VERSION_FILES = "__init__.py, _version.py, version.py, package.json, pyproject.toml or VERSION";

export function versionFileFor(path: string): VersionFile | undefined {
  const name = path.split("/").pop() ?? path;
  return BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
}

export function readVersion(content: string, path: string): string | undefined {
  return versionFileFor(path)?.readVersion(content);
}

export function updateVersionFile(content: string, path: string, version: string): string | VersionFileError {
  const file = versionFileFor(path);
  if (!file) return { error: `Release Pilot does not know how to write a version into ${path}; it knows ${SUPPORTED_VERSION_FILES}.` };
  const updated = file.updateContent(content, version);
  return typeof updated === "string" ? updated : { error: `${path}: ${updated.error}` };
}

export { packageJsonVersionFile } from "./package-json.js";
export { raisePin, type Pin } from "./pins.js";
export { plainVersionFile } from "./plain.js";
export { pyprojectVersionFile } from "./pyproject.js";
export { pythonVersionFile } from "./python.js";
export type { VersionFile, VersionFileError } from "./types.js";
