// The fragment files of a changelog (towncrier's `changelog.d/`, changesets' `.changeset/`) at a
// commit. "If the content is a directory, the response will be an array of objects, one object
// for each item in the directory" and "this API has an upper limit of 1,000 files for a
// directory" (REST docs, "Get repository content", GET /repos/{owner}/{repo}/contents/{path});
// a missing directory is a 404, which towncrier treats as no fragments (towncrier 23.11.0, #538).
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import { readFile } from "../../github/git.js";
import type { RepoRef } from "../../policy/plan.js";

/** The files directly in `directory` at `sha`, by name, with their text; {} when it is missing. */
export async function fragmentFiles(octokit: GitHub, repo: RepoRef, directory: string, sha: string): Promise<Readonly<Record<string, string>>> {
  const found = await notFoundAsUndefined(octokit.rest.repos.getContent({ ...repo, path: directory, ref: sha }));
  if (found === undefined || !Array.isArray(found.data)) return {};
  const out: Record<string, string> = {};
  for (const entry of found.data) {
    if (entry.type !== "file") continue;
    const content = await readFile(octokit, repo, entry.path, sha);
    if (content !== undefined) out[entry.name] = content;
  }
  return out;
}
