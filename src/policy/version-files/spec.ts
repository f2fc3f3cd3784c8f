// What the config says about one version file: a path, and optionally where in it the version is.
// `pattern` ("VERSION := {version}") is for any text file (Makefile, setup.cfg, gradle.properties);
// `key` ("version", "package.version") is a key path in a YAML or TOML file (Chart.yaml, Cargo.toml).
// Both come from the config, which anyone with a PR can edit, so neither becomes a RegExp as given:
// a pattern is literal text around one `{version}`, a key is dotted plain names.

export interface VersionFileSpec {
  readonly path: string;
  readonly pattern?: string;
  readonly key?: string;
}

export const VERSION_PLACEHOLDER = "{version}";
export const MAX_PATTERN_LENGTH = 200;
const KEY_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_KEY_SEGMENTS = 8;
export const KEY_EXTENSIONS = [".yaml", ".yml", ".toml"] as const;

export type RawVersionFile = string | { readonly path: string; readonly pattern?: string | undefined; readonly key?: string | undefined };

export function versionFileSpec(raw: RawVersionFile): VersionFileSpec {
  if (typeof raw === "string") return { path: raw };
  return {
    path: raw.path,
    ...(raw.pattern === undefined ? {} : { pattern: raw.pattern }),
    ...(raw.key === undefined ? {} : { key: raw.key }),
  };
}

export function keySegments(key: string): readonly string[] {
  return key.split(".");
}

/** Why the bot could not use this spec, in one sentence with the nearest valid form; undefined when it can. */
export function specProblem(spec: VersionFileSpec): string | undefined {
  if (spec.pattern !== undefined && spec.key !== undefined) return "give either pattern or key, not both";
  if (spec.pattern !== undefined) {
    const count = spec.pattern.split(VERSION_PLACEHOLDER).length - 1;
    if (count !== 1) return `pattern must hold {version} exactly once, as in "VERSION = {version}"`;
    if (spec.pattern.trim() === VERSION_PLACEHOLDER) return 'pattern needs some text around {version} to find it by, as in "VERSION = {version}"';
    if (spec.pattern.length > MAX_PATTERN_LENGTH) return `pattern is at most ${MAX_PATTERN_LENGTH} characters`;
    if (/[\r\n]/.test(spec.pattern)) return "pattern is matched within one line, so it cannot hold a line break";
    return undefined;
  }
  if (spec.key !== undefined) {
    const segments = keySegments(spec.key);
    if (segments.length > MAX_KEY_SEGMENTS || !segments.every((segment) => KEY_SEGMENT.test(segment))) {
      return `key is a dotted path of plain names (letters, digits, _ and -), at most ${MAX_KEY_SEGMENTS} deep, as in "package.version"`;
    }
    if (!KEY_EXTENSIONS.some((extension) => spec.path.toLowerCase().endsWith(extension))) {
      return `key works in a YAML or TOML file (${KEY_EXTENSIONS.join(", ")}); for another file give a pattern such as "version = {version}"`;
    }
  }
  return undefined;
}
