// Checking a proposed `.github/release-pilot.yml`: the same parse the bot runs on the default
// branch, with every problem placed on its line of the YAML, and a plain description of what the
// new config will do. Shared by the pull-request check run and `release-pilot validate`.
import { isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { parseConfig, type Config } from "./config/index.js";
import { readConfigYaml } from "./config/yaml-text.js";
import { USAGE, type CommandName } from "./commands/types.js";
import { nothing, plan, type Plan, type RepoRef } from "./plan.js";
import { codeSpan, inertText } from "./markdown/inert.js";
import { type HeadFileFact, versionFileIssues } from "./config-check-version-files.js";
import { type WorkflowFileFact, workflowInputIssues } from "./config-check-workflows.js";

export const CONFIG_PATH = ".github/release-pilot.yml";
export const CHECK_NAME = "Release Pilot config";

export interface PlacedIssue {
  /** Dotted path into the config, "" for the whole file. */
  readonly path: string;
  /** 1-based line in the YAML the issue is about. */
  readonly line: number;
  readonly message: string;
}

export interface ConfigCheck {
  readonly errors: readonly PlacedIssue[];
  readonly warnings: readonly PlacedIssue[];
  /** The normalised config when there are no errors. */
  readonly config: Config | undefined;
}

/**
 * The line of the node a dotted path names, walking the document. Keys may contain dots
 * (environment names allow them), so at each map the longest key that starts the rest of the
 * path wins. Where the walk stops (an unknown key, a missing field) the deepest node found is
 * the best place to point at.
 */
function lineOf(root: Node | null, path: string, lines: LineCounter): number {
  let node: unknown = root;
  let line = 1;
  let rest = path;
  const at = (target: unknown): number | undefined => {
    const start = isNode(target) ? target.range?.[0] : undefined;
    return start === undefined ? undefined : lines.linePos(start).line;
  };
  line = at(node) ?? line;
  while (rest !== "") {
    if (isMap(node)) {
      let best: { pair: unknown; key: string } | undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const fits = rest === key || rest.startsWith(`${key}.`) || rest.startsWith(`${key}[`);
        if (fits && (best === undefined || key.length > best.key.length)) best = { pair, key };
      }
      if (best === undefined || !isPair(best.pair)) break;
      // The key's line, so "unknown key" and a bad value both point where the reader looks.
      line = at(best.pair.key) ?? line;
      rest = rest.slice(best.key.length).replace(/^\./, "");
      node = best.pair.value;
      continue;
    }
    const index = /^\[(\d+)\]\.?/.exec(rest);
    if (isSeq(node) && index !== null) {
      const item = node.items[Number(index[1])];
      if (item === undefined) break;
      line = at(item) ?? line;
      rest = rest.slice(index[0].length);
      node = item;
      continue;
    }
    break;
  }
  return line;
}

/**
 * Parses the YAML text and the config in it; never throws. With the workflow files the config
 * dispatches (as of `at`), a dispatch its workflow would refuse is an error on its line too.
 */
export function checkConfigText(
  yamlText: string,
  repoName: string,
  workflows?: { readonly files: ReadonlyMap<string, WorkflowFileFact>; readonly sha: string; readonly versionFiles?: ReadonlyMap<string, HeadFileFact> },
): ConfigCheck {
  // A file YAML cannot read has no config to check further; each problem is placed.
  const read = readConfigYaml(yamlText);
  if (!read.ok) return { errors: read.errors.map((error) => ({ path: "", ...error })), warnings: [], config: undefined };
  const { doc, lines } = read;
  try {
    const parsed = parseConfig(read.value, { repo: repoName });
    const place = (issue: { path: string; message: string }): PlacedIssue => ({ ...issue, line: lineOf(doc.contents, issue.path, lines) });
    if (!parsed.ok) return { errors: parsed.errors.map(place), warnings: [], config: undefined };
    const mismatches =
      workflows === undefined
        ? []
        : [
            ...workflowInputIssues(parsed.config, workflows.files, { repo: repoName, sha: workflows.sha }),
            ...versionFileIssues(read.value, workflows.versionFiles ?? new Map(), workflows.sha),
          ];
    if (mismatches.length > 0) return { errors: mismatches.map(place), warnings: parsed.warnings.map(place), config: undefined };
    return { errors: [], warnings: parsed.warnings.map(place), config: parsed.config };
  } catch (error) {
    // The check run must appear whatever the file holds; a bug here is reported on it, not lost.
    return {
      errors: [{ path: "", line: 1, message: `${UNCHECKED}: ${error instanceof Error ? error.message : String(error)}` }],
      warnings: [],
      config: undefined,
    };
  }
}

/** Said when checking itself failed, so a fuzz test can tell it from a problem of the file. */
export const UNCHECKED = "Release Pilot could not check this file";

function list(names: readonly string[]): string {
  return names.join(", ");
}

/** ` (api, frontend)`: which apps, said only in a monorepo, where it is news. */
function which(config: Config, names: readonly string[]): string {
  return config.apps.length > 1 ? ` (${list(names)})` : "";
}

/**
 * What a config makes the bot do, one line per trigger, for the check run's summary and the CLI:
 * the reader sees the effect of a change before merging it.
 */
export function describeConfig(config: Config): readonly string[] {
  const out: string[] = [];
  const appNames = config.apps.map((app) => app.name);
  const branches = new Map<string, string[]>();
  for (const env of config.environments) {
    if (env.follows?.kind !== "branch") continue;
    const did = branches.get(env.follows.branch) ?? [];
    did.push(`deploy ${env.name}${which(config, env.apps)}`);
    branches.set(env.follows.branch, did);
  }
  if (config.notes?.draft === true) out.push(`push to the default branch → refresh the draft release notes${which(config, appNames)}`);
  for (const [branch, did] of branches) out.push(`push to ${branch} → ${did.join(", ")}`);
  if (config.checklist?.openOn.includes("release-branch") === true) {
    out.push(`new branch ${config.checklist.releaseBranch} → open the checklist "${config.checklist.title}"`);
  }
  out.push(...describeLines(config));
  for (const on of ["published", "prereleased"] as const) {
    const did: string[] = [];
    const changelogs = config.apps.filter((app) => app.changelog?.target.kind === "path");
    if (on === "published" && changelogs.length > 0) {
      const via = changelogs.some((app) => app.changelog?.via === "pull-request") ? "changelog PR" : "changelog commit";
      did.push(
        `${via}${which(
          config,
          changelogs.map((app) => app.name),
        )}`,
      );
    }
    for (const env of config.environments) {
      // GitHub sends `prereleased` for candidates, so prerelease-only deploys are listed there.
      const when =
        env.follows?.kind === "release" && env.follows.on === "prerelease-only" ? "prereleased" : env.follows?.kind === "release" ? env.follows.on : undefined;
      if (when !== on || env.follows?.kind !== "release") continue;
      // An environment requiring another that takes the same release waits for its success.
      const after = env.requires.filter((name) => config.environments.some((other) => other.name === name && other.follows?.kind === "release"));
      const candidates = env.follows.on === "prerelease-only" ? " (candidates only)" : on === "prereleased" ? " (candidates and finals)" : "";
      did.push(`deploy ${env.name}${which(config, env.apps)}${candidates}${after.length === 0 ? "" : ` once ${list(after)} succeeded`}`);
    }
    if (on === "published" && config.downstream.length > 0) {
      did.push(`raise the pin in ${list(config.downstream.map((d) => `${d.repo.owner}/${d.repo.repo}`))}`);
    }
    if (on === "prereleased" && config.checklist?.openOn.includes("prerelease") === true) did.push("open the checklist of the final version");
    if (did.length > 0) out.push(`release ${on} → ${did.join(", ")}`);
  }
  const envs = config.environments.map((env) => env.name).join("|");
  const forms: Partial<Record<CommandName, string>> = envs === "" ? {} : { deploy: `/deploy ${envs}`, lock: `/lock ${envs}` };
  const commands = (Object.keys(USAGE) as CommandName[])
    .filter((name) => envs !== "" || !["deploy", "rollback", "promote", "lock", "unlock", "freeze", "unfreeze"].includes(name))
    .filter((name) => name !== "backport" || config.lines.backports !== null)
    .map((name) => forms[name] ?? USAGE[name].split(" ")[0] ?? name);
  out.push(`commands: ${commands.join(", ")} (${config.commands.permission} permission)`);
  return out;
}

/** What release lines make the bot do: where a release of an older series is cut, and how fixes travel. */
function describeLines(config: Config): readonly string[] {
  const { lines } = config;
  const out: string[] = [];
  if (lines.cutOnBranch && lines.releaseBranch !== null) {
    out.push(`/release of a version whose branch ${lines.releaseBranch} exists → commit, tag and publish it on that branch`);
  }
  if (lines.forwardPort && lines.releaseBranch !== null) out.push(`push to release or ${lines.releaseBranch} → forward-port PR into the default branch`);
  if (lines.backports !== null) {
    out.push(`merged PR labelled "${lines.backports.label}" (or /backport <branch> on it) → cherry-pick PR into that branch`);
  }
  return out;
}

export interface ConfigCheckFacts {
  readonly repo: RepoRef;
  readonly headSha: string;
  readonly yamlText: string;
  /** `owner/name`: the default app of a config without apps is named after it. */
  readonly repoName: string;
  /** The workflow files the config dispatches, read at the head (workflowsToRead). */
  readonly workflows?: ReadonlyMap<string, WorkflowFileFact>;
  /** The version files the config names, read at the head (versionFilesToRead). */
  readonly versionFiles?: ReadonlyMap<string, HeadFileFact>;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Whether a pull request adds or edits the config (a rename onto it counts; a deletion does not). */
export function changesConfig(files: readonly { readonly filename: string; readonly status: string }[]): boolean {
  return files.some((file) => file.filename === CONFIG_PATH && file.status !== "removed");
}

export const CONFIG_UNCHANGED = nothing("event-not-relevant", `The pull request does not change ${CONFIG_PATH}.`);

/** One check run on the pull request's head: failure with each error on its line, or what the config will do. */
export function planConfigCheck(facts: ConfigCheckFacts): Plan {
  const checked = checkConfigText(
    facts.yamlText,
    facts.repoName,
    facts.workflows === undefined
      ? undefined
      : { files: facts.workflows, sha: facts.headSha, ...(facts.versionFiles === undefined ? {} : { versionFiles: facts.versionFiles }) },
  );
  const annotate = (level: "failure" | "warning") => (issue: PlacedIssue) => ({
    path: CONFIG_PATH,
    line: issue.line,
    level,
    message: issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`,
  });
  const annotations = [...checked.errors.map(annotate("failure")), ...checked.warnings.map(annotate("warning"))];
  const issueLines = [...checked.errors, ...checked.warnings].map(
    // The config comes from a pull request, anyone's: its keys and values are shown inert.
    (issue) => `- line ${issue.line}: ${issue.path === "" ? "" : `${codeSpan(issue.path)}: `}${inertText(issue.message)}`,
  );
  const failed = checked.config === undefined;
  const title = failed
    ? `${CONFIG_PATH} has ${count(checked.errors.length, "problem")}`
    : checked.warnings.length === 0
      ? "The config is valid"
      : `The config is valid, with ${count(checked.warnings.length, "warning")}`;
  const effects =
    checked.config === undefined ? [] : ["With this config, Release Pilot will:", "", ...describeConfig(checked.config).map((line) => `- ${inertText(line)}`)];
  const summary = [...issueLines, ...(issueLines.length > 0 && effects.length > 0 ? [""] : []), ...effects].join("\n");
  return plan(
    failed
      ? `Report ${count(checked.errors.length, "config problem")} on ${facts.headSha.slice(0, 7)}.`
      : `Report the config on ${facts.headSha.slice(0, 7)} as valid.`,
    [
      {
        kind: "check-run",
        key: `config-check:${facts.headSha}`,
        repo: facts.repo,
        headSha: facts.headSha,
        name: CHECK_NAME,
        conclusion: failed ? "failure" : "success",
        title,
        summary,
        annotations,
      },
    ],
  );
}
