// A broken `.github/release-pilot.yml` on the default branch stops the bot for the whole
// repository: no deploy, no notes, no command. A person must hear of it where they look, not in
// a log: a failed check run on the pushed commit, each problem at its line (as the pull request
// check does), and, when the repository keeps a Release Dashboard, a warning at its top. The next
// refresh with a working config renders the dashboard whole again, which drops the warning.
import { CHECK_NAME, CONFIG_PATH, checkConfigText, planConfigCheck } from "./config-check.js";
import { nothing, plan, type Action, type CheckRun, type Plan, type RepoRef } from "./plan.js";

export const CONFIG_BROKEN_START = "<!-- release-pilot:config-broken -->";
export const CONFIG_BROKEN_END = "<!-- /release-pilot:config-broken -->";

export interface BrokenConfigFacts {
  readonly repo: RepoRef;
  /** `owner/name`, for the default app name the check uses. */
  readonly repoName: string;
  readonly branch: string;
  readonly headSha: string;
  /** The file at the pushed commit; undefined when it is not there (the error is in what it extends). */
  readonly yamlText: string | undefined;
  /** The problems the loader found, each with its path; used when the file itself reads fine. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  /** The open Release Dashboard, when the repository has one. */
  readonly dashboard: { readonly number: number; readonly body: string } | undefined;
}

function consequence(facts: BrokenConfigFacts): string {
  return `Release Pilot does nothing on this repository (no deploys, release notes, changelogs or commands) until \`${CONFIG_PATH}\` on \`${facts.branch}\` is fixed.`;
}

function problemLines(facts: BrokenConfigFacts): { readonly lines: readonly string[]; readonly check: CheckRun } {
  const checked = facts.yamlText === undefined ? undefined : checkConfigText(facts.yamlText, facts.repoName);
  const key = `config-broken:${facts.headSha}`;
  if (checked !== undefined && checked.errors.length > 0) {
    // The pull request check's own run, under its own key: the same lines and annotations.
    const [action] = planConfigCheck({ repo: facts.repo, headSha: facts.headSha, yamlText: facts.yamlText ?? "", repoName: facts.repoName }).actions;
    if (action?.kind === "check-run") {
      const lines = checked.errors.map((issue) => `- line ${issue.line}: ${issue.path === "" ? "" : `\`${issue.path}\`: `}${issue.message}`);
      const { kind, repo, headSha, name, title, annotations } = action;
      return {
        lines,
        check: { kind, key, repo, headSha, name, conclusion: "failure", title, summary: `${consequence(facts)}\n\n${action.summary}`, annotations },
      };
    }
  }
  // The file reads fine here, so the problem is in what it extends: no line to point at.
  const lines = facts.errors.map((issue) => `- ${issue.path === "" ? "" : `\`${issue.path}\`: `}${issue.message}`);
  const check: CheckRun = {
    kind: "check-run",
    key,
    repo: facts.repo,
    headSha: facts.headSha,
    name: CHECK_NAME,
    conclusion: "failure",
    title: `${CONFIG_PATH} has ${facts.errors.length} problem${facts.errors.length === 1 ? "" : "s"}`,
    summary: [consequence(facts), "", ...lines].join("\n"),
    annotations: [],
  };
  return { lines, check };
}

/** The dashboard's body without an earlier warning. */
export function withoutConfigWarning(body: string): string {
  const start = body.indexOf(CONFIG_BROKEN_START);
  const end = body.indexOf(CONFIG_BROKEN_END);
  if (start === -1 || end === -1 || end < start) return body;
  return body.slice(0, start) + body.slice(end + CONFIG_BROKEN_END.length).replace(/^\n+/, "");
}

/** Only the default branch's config is the bot's: a push elsewhere, or a deletion, changes nothing. */
export function brokenConfigPushIgnored(push: { readonly ref: string; readonly deleted: boolean; readonly branch: string }): Plan | undefined {
  if (push.deleted) return nothing("event-not-relevant", `A deletion of ${push.ref} changes no config.`);
  if (push.ref !== `refs/heads/${push.branch}`) return nothing("event-not-relevant", `Only ${CONFIG_PATH} on ${push.branch} is read; ${push.ref} is not it.`);
  return undefined;
}

export function planBrokenConfigReport(facts: BrokenConfigFacts): Plan {
  if (facts.errors.length === 0) return nothing("event-not-relevant", "The config has no problem to report.");
  const { lines, check } = problemLines(facts);
  const actions: Action[] = [check];
  if (facts.dashboard !== undefined) {
    const warning = [
      CONFIG_BROKEN_START,
      `> [!WARNING]`,
      `> ${consequence(facts)} The failed "${CHECK_NAME}" check on ${facts.headSha.slice(0, 7)} shows each problem at its line:`,
      ">",
      ...lines.map((line) => `> ${line}`),
      CONFIG_BROKEN_END,
      "",
    ].join("\n");
    const body = warning + withoutConfigWarning(facts.dashboard.body);
    if (body !== facts.dashboard.body) {
      actions.push({
        kind: "update-issue",
        key: `dashboard-config-broken:${facts.dashboard.number}:${facts.headSha}`,
        repo: facts.repo,
        number: facts.dashboard.number,
        body,
        expectedBody: facts.dashboard.body,
      });
    }
  }
  return plan(`Report the broken config on ${facts.headSha.slice(0, 7)}.`, actions);
}
