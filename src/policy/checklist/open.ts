// Opening the release checklist: one issue per version and app, found again by its marker, so a
// redelivered push or a second prerelease of the same version never opens a second one.

import { type Plan, type RepoRef, nothing, plan } from "../plan.js";
import { DEFAULT_CHECKLIST_TEMPLATE } from "./default-template.js";
import { buildChecklistMarker, markerMatches, parseChecklistMarker } from "./marker.js";
import type { ChecklistIssue, ChecklistSettings, ChecklistTemplateValues, ChecklistTrigger, RenderTemplate } from "./settings.js";
import { versionForTrigger } from "./trigger.js";

export interface OpenChecklistFacts {
  readonly repo: RepoRef;
  /** The app the checklist is for; the repository's name when it has one app. */
  readonly app: string;
  readonly trigger: ChecklistTrigger;
  readonly settings: ChecklistSettings;
  /** The template file's text, or undefined when the file does not exist. */
  readonly templateText: string | undefined;
  /** Issues carrying the checklist label, open and closed. */
  readonly existing: readonly ChecklistIssue[];
  readonly render: RenderTemplate;
}

/** The same key for the same version of the same app, whatever opened it. */
export function checklistKey(app: string, version: string): string {
  return `checklist:${app}:${version}`;
}

/** The configured title with its tokens filled in; GWCelery's own wording when that fails. */
export function checklistTitle(input: { readonly title: string; readonly render: RenderTemplate; readonly version: string; readonly app: string }): string {
  const values = { version: input.version, app: input.app };
  return tryRender(input.render, input.title, values) ?? `Release version ${input.version}`;
}

export interface ChecklistBody {
  readonly body: string;
  /** Set when the template could not be rendered and was used as written. */
  readonly warning?: string;
}

/** The template with its tokens filled in, and the marker that ties the issue to the version. */
export function checklistBody(input: {
  readonly template: string;
  readonly render: RenderTemplate;
  readonly version: string;
  readonly app: string;
}): ChecklistBody {
  const values = { version: input.version, app: input.app };
  const rendered = tryRender(input.render, input.template, values);
  const text = (rendered ?? input.template).trimEnd();
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const body = `${text}${eol}${eol}${buildChecklistMarker({ version: input.version, app: input.app })}${eol}`;
  // Issue templates are Markdown written for people; a stray `{` in one should not stop the
  // checklist from opening, so it is used unrendered and the plan says so.
  return rendered === undefined ? { body, warning: "the checklist template could not be filled in, so it is used as written" } : { body };
}

export function planOpenChecklist(facts: OpenChecklistFacts): Plan {
  const { trigger, settings, app } = facts;
  // A person typing `/checklist` asked for it; `open_on` only chooses the automatic triggers.
  if (trigger.kind !== "command" && !settings.openOn.includes(trigger.kind)) {
    return nothing("event-not-relevant", `Checklists are not opened on ${trigger.kind} (open_on: ${settings.openOn.join(", ") || "none"}).`);
  }
  const found = versionForTrigger(trigger);
  if (found.version === undefined) {
    return nothing(trigger.kind === "command" ? "bad-command" : "event-not-relevant", `No checklist opened: ${found.reason}.`);
  }
  const version = found.version;
  // Open first: pointing people at the live checklist matters more than at an old closed one.
  const matching = facts.existing
    .filter((issue) => markerMatches(parseChecklistMarker(issue.body), version, app))
    .sort((a, b) => (a.state === b.state ? a.number - b.number : a.state === "open" ? -1 : 1));
  const existing = matching[0];
  if (existing !== undefined) {
    return nothing("already-done", `The checklist for ${app} ${version} already exists as #${existing.number} (${existing.state}).`);
  }
  const title = checklistTitle({ title: settings.title, render: facts.render, version, app });
  const warnings: string[] = [];
  if (tryRender(facts.render, settings.title, { version, app }) === undefined) {
    warnings.push(`the title template ${JSON.stringify(settings.title)} could not be filled in, so "${title}" is used`);
  }
  if (facts.templateText === undefined) {
    const where = settings.template === undefined ? "" : ` at ${settings.template}`;
    warnings.push(`no checklist template was found${where}, so the default checklist is used`);
  }
  const { body, warning } = checklistBody({
    template: facts.templateText ?? DEFAULT_CHECKLIST_TEMPLATE,
    render: facts.render,
    version,
    app,
  });
  if (warning !== undefined) warnings.push(warning);
  const summary = `Open the release checklist "${title}" for ${app} ${version} (${describe(trigger)}).` + warnings.map((text) => ` Warning: ${text}.`).join("");
  return plan(summary, [
    {
      kind: "create-issue",
      key: checklistKey(app, version),
      repo: facts.repo,
      title,
      body,
      labels: settings.labels,
    },
  ]);
}

function tryRender(render: RenderTemplate, template: string, values: ChecklistTemplateValues): string | undefined {
  try {
    return render(template, values);
  } catch {
    return undefined;
  }
}

function describe(trigger: ChecklistTrigger): string {
  switch (trigger.kind) {
    case "release-branch":
      return `release branch ${trigger.branch}`;
    case "prerelease":
      return `prerelease ${trigger.tag}`;
    case "draft-release":
      return `draft release ${trigger.tag}`;
    case "command":
      return `asked for with /checklist ${trigger.version}`;
  }
}
