// Probot's config loader (@probot/octokit-plugin-config) fails with sentences such as
// "Configuration could not be parsed from https://api.github.com/repos/o/r/contents/.github%2Frelease-pilot.yml
// (invalid YAML)". Which file that was, and the problem on its line, in the words the config
// check uses, so a broken config reads the same on a pull request and on any later event.
import type { YamlProblem } from "./yaml-text.js";
import type { ConfigIssue, RepoName } from "./types.js";

export interface LoadedFile {
  readonly owner: string;
  readonly repo: string;
  readonly path: string;
}

const PREFIX = /^\[@probot\/octokit-plugin-config\]\s*/;

/** The file a loader error names, from the contents URL in it (also on GitHub Enterprise). */
export function fileOfLoadFailure(message: string): LoadedFile | undefined {
  const match = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/(\S+?)(?:\?\S*)?(?=[\s)]|$)/.exec(message);
  if (match === null) return undefined;
  try {
    return { owner: decodeURIComponent(match[1] ?? ""), repo: decodeURIComponent(match[2] ?? ""), path: decodeURIComponent(match[3] ?? "") };
  } catch {
    return undefined;
  }
}

/** `.github/release-pilot.yml`, or `org/.github:.github/release-pilot.yml` for an extended file. */
function fileName(file: LoadedFile, repo: RepoName): string {
  const same = file.owner.toLowerCase() === repo.owner.toLowerCase() && file.repo.toLowerCase() === repo.repo.toLowerCase();
  return same ? file.path : `${file.owner}/${file.repo}:${file.path}`;
}

/**
 * One issue per problem, each naming its file and line. `problems` are what reading the file's
 * text again found; without them (the file could not be read, or the failure is not about its
 * YAML, such as an `_extends` recursion) the loader's own sentence is kept, with the file named.
 */
export function describeLoadFailure(failure: {
  readonly message: string;
  readonly repo: RepoName;
  readonly problems?: readonly YamlProblem[];
}): readonly ConfigIssue[] {
  const text = failure.message.replace(PREFIX, "");
  const file = fileOfLoadFailure(text);
  if (file === undefined) return [{ path: "", message: text }];
  const name = fileName(file, failure.repo);
  if (failure.problems !== undefined && failure.problems.length > 0) {
    return failure.problems.map((problem) => ({ path: "", message: `${name} line ${problem.line}: ${problem.message}` }));
  }
  // Probot's recursion sentence quotes `_extends` after deleting it ("_extends: undefined").
  const urls = [...text.matchAll(/https?:\/\/\S+?\/contents\/\S+?(?=[\s)]|$)/g)].map((m) => m[0]);
  const names = urls.map((url) => {
    const named = fileOfLoadFailure(url);
    return named === undefined ? url : fileName(named, failure.repo);
  });
  if (/Recursion detected/i.test(text) && names.length >= 2) {
    return [{ path: "", message: `${name}: _extends leads back to ${names[1]}, which is already loaded (an _extends recursion); remove one of the _extends` }];
  }
  // The URL says nothing a person needs once the file is named.
  let sentence = text.replace(/\s*(?:from|in)\s+https?:\/\/\S+?(?=[\s)]|$)/, "");
  urls.forEach((url, index) => {
    sentence = sentence.replace(url, names[index] ?? url);
  });
  return [{ path: "", message: `${name}: ${sentence}` }];
}
