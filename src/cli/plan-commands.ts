// /lock, /unlock, /release, /checklist and /help planned as their handlers
// (src/handlers/commands/*.ts) decide them, with the reads taken from the facts.
import { markerMatches, parseChecklistMarker } from "../policy/checklist/index.js";
import { helpText } from "../policy/commands/help.js";
import type { ChecklistCommand, HelpCommand, LockCommand, ReleaseCommand, UnlockCommand } from "../policy/commands/types.js";
import { formatTime, isExpired, lockScope } from "../policy/deploy/lock.js";
import { personLockAction } from "../policy/deploy/person-lock.js";
import { plan, type Plan } from "../policy/plan.js";
import { commandIssueOf, planCutRelease, releaseReads } from "../policy/release/cut.js";
import { answered, type CommandPlan, type CommandRun } from "./plan-comment.js";
import { checklistIssues, planChecklistOpening } from "./plan-checklist.js";
import { checklistVersionRefusal } from "../policy/release/version-line.js";
import { commitOf, lockOn } from "./plan-world.js";

export function planLock(run: CommandRun<LockCommand>): CommandPlan {
  const { command, input } = run;
  const env = input.config.environments.find((candidate) => candidate.name === command.environment);
  if (env === undefined) return answered(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const holder = run.author;
  // The executor refuses to take a lock someone holds; the handler then answers with who does.
  const held = lockOn(input, env.name);
  if (held !== undefined && !isExpired(held, input.now)) {
    const why = held.reason === "" || held.reason === "unknown" ? "" : ` (${held.reason})`;
    return answered(run, `${env.name} is already locked by ${held.holder}${why} until ${formatTime(held.expiresAt)}; ask them to /unlock ${env.name} first.`);
  }
  const expiresAt = new Date(Date.parse(input.now) + (command.durationMs ?? env.lockTimeoutMs)).toISOString();
  // The lock commit needs a parent; the default branch's head is always there.
  const commit = commitOf(input, input.defaultBranch);
  if (commit === undefined) return `the lock hangs on the head of ${input.defaultBranch}; give it in \`refs\` in --facts`;
  const reason = command.reason ?? "";
  const why = reason === "" ? "" : ` (${reason})`;
  return plan(`Lock ${env.name} for ${holder}.`, [
    personLockAction({ repo: input.repo, env: env.name, holder, reason, commentId: input.payload.comment.id, now: input.now, expiresAt, commit }),
    run.reply(
      `🔒 ${env.name} is locked by ${holder}${why} until ${formatTime(expiresAt)}; only ${holder} can deploy it until then. Free it with /unlock ${env.name}.`,
    ),
  ]);
}

export function planUnlock(run: CommandRun<UnlockCommand>): Plan {
  const { command, input } = run;
  const env = input.config.environments.find((candidate) => candidate.name === command.environment);
  if (env === undefined) return answered(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const held = lockOn(input, env.name);
  const text = held === undefined ? `${env.name} was not locked; nothing to free.` : `🔓 ${env.name} is free again (it was locked by ${held.holder}).`;
  return plan(`Unlock ${env.name}.`, [
    { kind: "release-lock", key: `unlock:${lockScope(env.name)}:comment-${input.payload.comment.id}`, repo: input.repo, environment: lockScope(env.name) },
    run.reply(text),
  ]);
}

export function planRelease(run: CommandRun<ReleaseCommand>): CommandPlan {
  const { command, input } = run;
  const { facts, payload, config } = input;
  const { issue, comment, repository } = payload;
  const issueFacts = commandIssueOf(issue);
  // Only the files of the app being released are read; the app is chosen the way policy will.
  const reads = releaseReads({ config, command, issue: issueFacts });
  const { changelogPath } = reads;
  const paths = [...(changelogPath === undefined ? [] : [changelogPath]), ...reads.versionFiles];
  const missing = paths.filter((path) => facts.files?.[path] === undefined);
  if (missing.length > 0)
    return `/release edits ${missing.join(", ")} at the head of ${input.defaultBranch}; give ${missing.length === 1 ? "it" : "them"} in \`files\` in --facts`;
  const headSha = commitOf(input, input.defaultBranch);
  if (headSha === undefined) return `/release commits on the head of ${input.defaultBranch}; give it in \`refs\` in --facts`;
  if (facts.tags === undefined) input.assumed.add("tags: none");
  if (facts.releases === undefined) input.assumed.add("releases: none");
  const repoUrl = repository.html_url ?? `https://github.com/${repository.full_name}`;
  const versionFiles: Record<string, string | undefined> = {};
  for (const path of reads.versionFiles) versionFiles[path] = facts.files?.[path];
  const decision = planCutRelease({
    repo: input.repo,
    repoUrl,
    config,
    command,
    commentId: comment.id,
    author: run.author,
    issue: issueFacts,
    defaultBranch: input.defaultBranch,
    headSha,
    now: input.now,
    changelog: changelogPath === undefined ? undefined : facts.files?.[changelogPath],
    versionFiles,
    tags: facts.tags ?? [],
    releases: (facts.releases ?? []).map((r) => ({
      id: r.id,
      tag: r.tag,
      url: r.url ?? `${repoUrl}/releases/tag/${r.tag}`,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
    })),
  });
  // Once carried out, the handler finishes the reply with the new release's address.
  return decision.plan;
}

export function planChecklistCommand(run: CommandRun<ChecklistCommand>): Plan {
  const { command, input } = run;
  const checklist = input.config.checklist;
  if (checklist === null) {
    return answered(
      run,
      "Release checklists are not set up here: add a `checklist:` section to `.github/release-pilot.yml` (for example `checklist: { template: .github/ISSUE_TEMPLATE/release.md }`).",
    );
  }
  const apps = input.config.apps.map((a) => a.name);
  const app = command.app ?? (apps.length === 1 ? apps[0] : undefined);
  if (command.version === undefined) {
    const example = `/checklist 2.6.0${app === undefined ? ` ${apps[0] ?? "app"}` : ""}`;
    return answered(run, `Which version is the checklist for? Type the version, for example \`${example}\`.`);
  }
  if (app === undefined) return answered(run, `Which app is the checklist for? Type \`/checklist ${command.version} <app>\` with one of: ${apps.join(", ")}.`);
  const version = command.version;
  const stale = checklistVersionRefusal({ config: input.config, app, version, tags: input.facts.tags ?? [], now: input.now });
  if (stale !== undefined) return answered(run, stale);
  const opening = planChecklistOpening(input, { checklist, app, trigger: { kind: "command", version } });
  if (opening.reason !== "already-done") return opening;
  const found = checklistIssues(input, "all").find((issue) => markerMatches(parseChecklistMarker(issue.body), version, app));
  if (found === undefined) return answered(run, opening.summary);
  return answered(
    run,
    `The release checklist for ${version} is already ${found.state === "open" ? "open" : "there (closed)"}: ${found.url ?? `#${found.number}`}`,
  );
}

export function planHelp(run: CommandRun<HelpCommand>): Plan {
  const { config } = run.input;
  const known = { environments: config.environments.map((env) => env.name), apps: config.apps.map((app) => app.name) };
  return plan("Answer /help.", [run.reply(helpText(known))]);
}
