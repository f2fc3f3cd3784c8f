// Which release branch a backport label or `/backport <branch>` names, checked before anything is
// read: label text and comments are untrusted, so only a branch the config's release_branch
// template names (and a valid, conservative ref name) is ever a target.
import type { Config } from "../config/index.js";
import { codeSpan } from "../markdown/inert.js";
import { refNameProblem } from "../ref-name.js";
import { seriesOfBranch } from "../release/line.js";
import { BACKPORT_BRANCH_TOKEN } from "../config/schema-lines.js";

/** The branch a label asks for under the label pattern (`backport {branch}`), without a regex. */
export function branchOfLabel(label: string, pattern: string): string | undefined {
  const [prefix = "", suffix = ""] = pattern.split(BACKPORT_BRANCH_TOKEN);
  if (label.length <= prefix.length + suffix.length || !label.startsWith(prefix) || !label.endsWith(suffix)) return undefined;
  return label.slice(prefix.length, label.length - suffix.length);
}

/** The release branches a merged pull request's labels ask for, each once, in label order. */
export function labelTargets(config: Config, labels: readonly string[]): readonly string[] {
  const pattern = config.lines.backports?.label;
  if (pattern === undefined) return [];
  const out: string[] = [];
  for (const label of labels) {
    const branch = branchOfLabel(label, pattern);
    if (branch !== undefined && !out.includes(branch)) out.push(branch);
  }
  return out;
}

/** Why `branch` cannot receive a backport, as one sentence; undefined when it can. */
export function targetProblem(config: Config, branch: string, defaultBranch: string): string | undefined {
  const problem = refNameProblem(branch);
  if (problem !== undefined)
    return `${codeSpan(branch.slice(0, 100))} is not a branch name (${problem}); name a release branch, e.g. /backport ${example(config)}.`;
  const template = config.lines.releaseBranch;
  if (branch === defaultBranch || template === null || seriesOfBranch(config, branch) === undefined) {
    return `${codeSpan(branch)} is not a release branch${template === null ? "" : ` (named like ${codeSpan(template)})`}; name one, e.g. /backport ${example(config)}.`;
  }
  return undefined;
}

function example(config: Config): string {
  return (config.lines.releaseBranch ?? "release/v{version}").replace("{version}", "1.4");
}
