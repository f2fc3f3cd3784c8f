// The inputs the checklist policy needs, declared here rather than imported from the config
// module: the checklist only depends on these few fields, and the config shape may still move.

/** What may open a checklist; `open_on` in the config lists these. */
export type TriggerKind = "release-branch" | "prerelease" | "draft-release" | "command";

export type ChecklistTrigger =
  /** `series` is what the release-branch template's {version} matched (`1.4` in `release-1.4`). */
  | { readonly kind: "release-branch"; readonly branch: string; readonly series?: string }
  | { readonly kind: "prerelease"; readonly tag: string }
  | { readonly kind: "draft-release"; readonly tag: string }
  | { readonly kind: "command"; readonly version: string };

export interface ChecklistSettings {
  /** Issue title template, e.g. `Release version {version}`. */
  readonly title: string;
  readonly labels: readonly string[];
  /** When true `/release` in a checklist refuses until every item is done. */
  readonly requireComplete: boolean;
  readonly openOn: readonly TriggerKind[];
  /** Where the template was looked for; only used to word the warning when it is missing. */
  readonly template?: string;
}

export interface ChecklistTemplateValues {
  readonly version: string;
  readonly app: string;
  readonly tag?: string;
}

/**
 * Fills `{version}`-style tokens. Passed in (normally `render` from `src/policy/template.ts`) so
 * this module does not depend on the template engine; it may throw on an unknown token.
 */
export type RenderTemplate = (template: string, values: ChecklistTemplateValues) => string;

/** A checklist issue as the handler found it (issues carrying the configured label). */
export interface ChecklistIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
}
