// Cross-field rules of release lines: combinations that cannot work together are refused here,
// at the config check, rather than discovered when a fix travels the wrong way.
import { BACKPORT_BRANCH_TOKEN } from "./schema-lines.js";
import { refNameProblem } from "../ref-name.js";
import { issue, quote } from "./issues.js";
import type { LenientConfig } from "./lenient.js";
import type { ConfigIssue } from "./types.js";

export function linesRules(raw: LenientConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  if (raw.backports !== undefined && raw.forward_port === true) {
    // A forward-port PR would carry each backport straight back into the default branch.
    out.push(
      issue(
        "forward_port",
        "cannot be true while backports are on: fixes would be ported both ways between the default branch and the same release branches; remove forward_port (backports turn it off) or remove backports",
      ),
    );
  }
  const label = raw.backports?.label;
  if (label !== undefined && label.split(BACKPORT_BRANCH_TOKEN).length !== 2) {
    out.push(issue("backports.label", `${quote(label)} must hold {branch} exactly once, as in 'backport {branch}'`));
  }
  const branch = raw.release_branch ?? raw.checklist?.release_branch;
  if (raw.backports !== undefined && branch === undefined) {
    out.push(issue("backports", "needs release_branch to know which branches a backport label may name, e.g. release_branch: release-{version}"));
  }
  if (raw.release_branch !== undefined && raw.checklist?.release_branch !== undefined && raw.release_branch !== raw.checklist.release_branch) {
    out.push(issue("checklist.release_branch", `differs from release_branch (${quote(raw.release_branch)}); give the branch name once, at the top level`));
  }
  if (raw.release_branch !== undefined && raw.versioning.scheme === "calver") {
    out.push(issue("release_branch", "needs versioning.scheme semver or pep440: a calver version has no minor series to name a branch by"));
  }
  for (const name of Object.keys(raw.pointers ?? {})) {
    const problem = refNameProblem(name);
    if (problem !== undefined) out.push(issue(`pointers.${name}`, `is not a valid ref name: ${problem}`));
    else if (name === "HEAD" || name.startsWith("refs/"))
      out.push(issue(`pointers.${name}`, "names a ref git reserves; pick a plain name such as latest or stable"));
  }
  return out;
}
