// What the bot did, told as a person wants to read it: the emulator's state before and after an
// event, and a line for each thing that appeared or changed.
import type { Emulator } from "../test/emulator/index.js";

export interface Snapshot {
  readonly pulls: ReadonlyMap<number, string>;
  readonly issues: ReadonlyMap<number, string>;
  readonly comments: ReadonlyMap<number, string>;
  readonly tags: ReadonlyMap<string, string>;
  readonly releases: ReadonlyMap<number, string>;
  readonly deployments: ReadonlyMap<number, string>;
  readonly workflowDispatches: number;
  readonly repositoryDispatches: number;
  readonly writes: number;
}

export function snapshot(gh: Emulator, owner: string, repo: string): Snapshot {
  return {
    pulls: new Map(gh.pulls(owner, repo).map((p) => [p.number, `${p.title}|${p.state}|${p.labels.join(",")}`])),
    issues: new Map(
      gh
        .issues(owner, repo)
        .filter((i) => !("headRef" in i))
        .map((i) => [i.number, `${i.title}|${i.state}|${i.body ?? ""}`]),
    ),
    // People's comments are the sandbox's doing; only the bot's are news.
    comments: new Map(
      gh
        .comments(owner, repo)
        .filter((c) => c.user.login.endsWith("[bot]"))
        .map((c) => [c.id, c.body ?? ""]),
    ),
    tags: new Map(gh.tags(owner, repo).map((t) => [t.name, t.commit ?? t.sha])),
    releases: new Map(gh.releases(owner, repo).map((r) => [r.id, `${r.tag_name}|${r.draft}|${r.body ?? ""}`])),
    deployments: new Map(gh.deployments(owner, repo).map((d) => [d.id, `${d.environment}|${d.statuses[0]?.state ?? "pending"}`])),
    workflowDispatches: gh.workflowDispatches.length,
    repositoryDispatches: gh.repositoryDispatches.length,
    writes: gh.counts().writes,
  };
}

function added<K, V>(before: ReadonlyMap<K, V>, after: ReadonlyMap<K, V>): K[] {
  return [...after.keys()].filter((key) => !before.has(key));
}

function changed<K, V>(before: ReadonlyMap<K, V>, after: ReadonlyMap<K, V>): K[] {
  return [...after.keys()].filter((key) => before.has(key) && before.get(key) !== after.get(key));
}

export function describeChanges(gh: Emulator, owner: string, repo: string, before: Snapshot, after: Snapshot): string[] {
  const lines: string[] = [];
  const pulls = gh.pulls(owner, repo);
  for (const number of added(before.pulls, after.pulls)) {
    const pull = pulls.find((p) => p.number === number)!;
    lines.push(`opened pull request #${number} "${pull.title}" from ${pull.headRef} into ${pull.baseRef}`);
    lines.push(`  ${gh.url}/${owner}/${repo}/pull/${number}`);
    if (pull.labels.length > 0) lines.push(`  labels: ${pull.labels.join(", ")}`);
  }
  const issues = gh.issues(owner, repo);
  for (const number of added(before.issues, after.issues)) {
    const issue = issues.find((i) => i.number === number)!;
    lines.push(`opened issue #${number} "${issue.title}"`);
  }
  for (const number of changed(before.issues, after.issues)) lines.push(`updated issue #${number}`);
  for (const id of added(before.comments, after.comments)) {
    const body = after.comments.get(id)!.split("\n")[0]!;
    lines.push(`commented: ${body.slice(0, 100)}`);
  }
  for (const id of changed(before.comments, after.comments)) lines.push(`edited its comment ${id}`);
  for (const tag of added(before.tags, after.tags)) lines.push(`created tag ${tag} at ${after.tags.get(tag)!.slice(0, 7)}`);
  for (const tag of changed(before.tags, after.tags)) lines.push(`moved tag ${tag} to ${after.tags.get(tag)!.slice(0, 7)}`);
  for (const id of added(before.releases, after.releases)) {
    const [tag, draft] = after.releases.get(id)!.split("|");
    lines.push(draft === "true" ? `drafted release notes as ${tag} (a draft release)` : `created release ${tag}`);
  }
  for (const id of changed(before.releases, after.releases)) lines.push(`updated release ${after.releases.get(id)!.split("|")[0]}`);
  for (const id of added(before.deployments, after.deployments)) lines.push(`created deployment ${id} to ${after.deployments.get(id)!.split("|")[0]}`);
  for (const id of changed(before.deployments, after.deployments)) {
    const [environment, state] = after.deployments.get(id)!.split("|");
    lines.push(`marked deployment ${id} to ${environment} ${state}`);
  }
  for (const dispatch of gh.workflowDispatches.slice(before.workflowDispatches)) {
    lines.push(`dispatched workflow ${dispatch.workflow_id} in ${dispatch.owner}/${dispatch.repo} on ${dispatch.ref} with ${fields(dispatch.inputs ?? {})}`);
  }
  for (const dispatch of gh.repositoryDispatches.slice(before.repositoryDispatches)) {
    lines.push(`sent repository_dispatch ${dispatch.event_type} to ${dispatch.owner}/${dispatch.repo} with ${fields(dispatch.client_payload ?? {})}`);
  }
  if (lines.length === 0) lines.push(`nothing new (${after.writes - before.writes} writes to GitHub)`);
  return lines;
}

function fields(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(", ");
}
