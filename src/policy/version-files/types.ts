// A version file is one small updater per format, in the manner of release-please's updaters:
// pure `content => content` edits that change the version and nothing else.

export interface VersionFileError {
  readonly error: string;
}

export interface VersionFile {
  /** Names the format in messages, e.g. `a Python module`. */
  readonly kind: string;
  readVersion(content: string): string | undefined;
  updateContent(content: string, version: string): string | VersionFileError;
}
