// The proposed config's version files checked against the files as the same pull request leaves
// them: a file that is missing, or in which its pattern or key finds no version, would fail the
// next release half-way (after the changelog is written), so it is a problem on the config's line.
import { versionFileList } from "./config/schema-primitives.js";
import { readConfigYaml } from "./config/yaml-text.js";
import { readVersion, type RawVersionFile, specProblem, updateVersionFile, versionFileFor, versionFileSpec } from "./version-files/index.js";

/** A file as read at the pull request's head: `text` undefined when there is none. */
export interface HeadFileFact {
  readonly text: string | undefined;
}

export interface VersionFileIssue {
  readonly path: string;
  readonly message: string;
}

interface Listed {
  readonly path: string;
  readonly file: RawVersionFile;
}

/** Every version file the raw config names, with its path in the YAML; unreadable lists are left to the schema. */
function listed(raw: unknown): Listed[] {
  if (raw === null || typeof raw !== "object") return [];
  const record = raw as Record<string, unknown>;
  const lists: [string, unknown][] = [["version_files", record["version_files"]]];
  const apps = record["apps"];
  if (apps !== null && typeof apps === "object") {
    for (const [name, app] of Object.entries(apps)) {
      if (app !== null && typeof app === "object") lists.push([`apps.${name}.version_files`, (app as Record<string, unknown>)["version_files"]]);
    }
  }
  return lists.flatMap(([path, list]) => {
    const parsed = versionFileList.safeParse(list);
    return parsed.success ? parsed.data.map((file, index) => ({ path: `${path}[${index}]`, file })) : [];
  });
}

/** The version files to read at the head: those the bot knows how to write (others are refused already). */
export function versionFilesToRead(yamlText: string): string[] {
  const read = readConfigYaml(yamlText);
  const paths = new Set<string>();
  for (const { file } of read.ok ? listed(read.value) : []) {
    const spec = versionFileSpec(file);
    if (specProblem(spec) === undefined && versionFileFor(spec) !== undefined) paths.add(spec.path);
  }
  return [...paths];
}

export function versionFileIssues(raw: unknown, files: ReadonlyMap<string, HeadFileFact>, sha: string): VersionFileIssue[] {
  const issues: VersionFileIssue[] = [];
  for (const { path, file } of listed(raw)) {
    const spec = versionFileSpec(file);
    const read = files.get(spec.path);
    if (read === undefined || specProblem(spec) !== undefined || versionFileFor(spec) === undefined) continue;
    if (read.text === undefined) {
      issues.push({
        path,
        message: `${spec.path} is not in the repository at ${sha.slice(0, 7)}, so a release could not write its version; add it or remove it from version_files`,
      });
      continue;
    }
    if (readVersion(read.text, spec) !== undefined) continue;
    const refused = updateVersionFile(read.text, spec, "0.0.0");
    const why = typeof refused === "string" ? `${spec.path}: no version found` : refused.error.replace(/\.$/, "");
    issues.push({ path, message: `${why}; a release could not write its version there` });
  }
  return issues;
}
