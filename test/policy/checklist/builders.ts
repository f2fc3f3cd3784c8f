// Small builders for checklist policy tests.
import type { ChecklistIssue, ChecklistSettings, RenderTemplate } from "../../../src/policy/checklist/settings.js";

export const repo = { owner: "emfollow", repo: "gwcelery" } as const;

export const settings = (overrides: Partial<ChecklistSettings> = {}): ChecklistSettings => ({
  title: "Release version {version}",
  labels: ["release"],
  requireComplete: true,
  openOn: ["release-branch", "prerelease"],
  template: ".github/ISSUE_TEMPLATE/release.md",
  ...overrides,
});

/** Stands in for `render` of src/policy/template.ts: fills known tokens, throws on others. */
export const render: RenderTemplate = (template, values) =>
  template.replace(/\{([^{}]*)\}/g, (_whole, name: string) => {
    const value = name === "version" ? values.version : name === "app" ? values.app : undefined;
    if (value === undefined) throw new Error(`unknown token {${name}}`);
    return value;
  });

export const issue = (number: number, state: ChecklistIssue["state"], body: string): ChecklistIssue => ({ number, state, body });

export const markerBody = (version: string, app = "gwcelery"): string => `- [ ] a\n\n<!-- release-pilot:checklist v=${version} app=${app} -->\n`;
