import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countProgress } from "../../../src/policy/checklist/progress.js";
import { checklistBody, planOpenChecklist, type OpenChecklistFacts } from "../../../src/policy/checklist/open.js";
import { parseChecklistMarker } from "../../../src/policy/checklist/marker.js";
import { issue, markerBody, render, repo, settings } from "./builders.js";

const template = readFileSync(new URL("../../fixtures/checklist/CreateARelease.md", import.meta.url), "utf8");

const facts = (overrides: Partial<OpenChecklistFacts> = {}): OpenChecklistFacts => ({
  repo,
  app: "gwcelery",
  trigger: { kind: "release-branch", branch: "release/v2.6" },
  settings: settings(),
  templateText: template,
  existing: [],
  render,
  ...overrides,
});

describe("planOpenChecklist", () => {
  it("opens one issue from the template with the marker at the end", () => {
    const result = planOpenChecklist(facts());
    expect(result.reason).toBe("planned");
    expect(result.summary).toBe('Open the release checklist "Release version 2.6.0" for gwcelery 2.6.0 (release branch release/v2.6).');
    expect(result.actions).toEqual([
      {
        kind: "create-issue",
        key: "checklist:gwcelery:2.6.0",
        repo,
        title: "Release version 2.6.0",
        body: `${template.trimEnd()}\n\n<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->\n`,
        labels: ["release"],
      },
    ]);
  });

  it.each([
    ["an open checklist", [issue(7, "open", markerBody("2.6.0"))], "The checklist for gwcelery 2.6.0 already exists as #7 (open)."],
    ["a closed checklist", [issue(5, "closed", markerBody("2.6.0"))], "The checklist for gwcelery 2.6.0 already exists as #5 (closed)."],
    [
      "both, naming the open one",
      [issue(5, "closed", markerBody("2.6.0")), issue(9, "open", markerBody("2.6.0"))],
      "The checklist for gwcelery 2.6.0 already exists as #9 (open).",
    ],
    [
      "a short marker without app",
      [issue(3, "open", "<!-- release-pilot:checklist v=2.6.0 -->")],
      "The checklist for gwcelery 2.6.0 already exists as #3 (open).",
    ],
  ])("does nothing when %s exists", (_name, existing, summary) => {
    expect(planOpenChecklist(facts({ existing }))).toEqual({ reason: "already-done", summary, actions: [] });
  });

  it.each([
    ["another version", [issue(4, "open", markerBody("2.5.0"))]],
    ["another app", [issue(4, "open", markerBody("2.6.0", "api"))]],
    ["no marker", [issue(4, "open", "Release version 2.6.0")]],
  ])("opens one when the labelled issues are for %s", (_name, existing) => {
    expect(planOpenChecklist(facts({ existing })).actions).toHaveLength(1);
  });

  it("opens the checklist of the final version for a release candidate", () => {
    const [action] = planOpenChecklist(facts({ trigger: { kind: "prerelease", tag: "v2.6.0rc2" } })).actions;
    expect(action).toMatchObject({ key: "checklist:gwcelery:2.6.0", title: "Release version 2.6.0" });
  });

  it.each([
    [
      "a trigger not in open_on",
      { kind: "draft-release", tag: "v2.6.0" },
      "event-not-relevant",
      "Checklists are not opened on draft-release (open_on: release-branch, prerelease).",
    ],
    [
      "a branch that names no version",
      { kind: "release-branch", branch: "release/next" },
      "event-not-relevant",
      'No checklist opened: branch "release/next" is not a release branch such as release/v2.6.',
    ],
    [
      "a command with a bad version",
      { kind: "command", version: "soon" },
      "bad-command",
      'No checklist opened: version "soon" does not name a version such as 2.6.0 or v2.6.0rc1.',
    ],
  ] as const)("refuses %s", (_name, trigger, reason, summary) => {
    expect(planOpenChecklist(facts({ trigger }))).toEqual({ reason, summary, actions: [] });
  });

  it("obeys /checklist even when open_on lists no triggers", () => {
    const result = planOpenChecklist(facts({ trigger: { kind: "command", version: "2.7.0" }, settings: settings({ openOn: [] }) }));
    expect(result.actions[0]).toMatchObject({ kind: "create-issue", key: "checklist:gwcelery:2.7.0" });
  });

  it("uses a default checklist and warns when the template is missing", () => {
    const result = planOpenChecklist(facts({ templateText: undefined }));
    expect(result.summary).toBe(
      'Open the release checklist "Release version 2.6.0" for gwcelery 2.6.0 (release branch release/v2.6). ' +
        "Warning: no checklist template was found at .github/ISSUE_TEMPLATE/release.md, so the default checklist is used.",
    );
    const [action] = result.actions;
    const body = action?.kind === "create-issue" ? action.body : "";
    expect(countProgress(body).total).toBe(5);
    expect(body).toContain("meant for 2.6.0 are merged");
    expect(parseChecklistMarker(body)).toEqual({ version: "2.6.0", app: "gwcelery" });
  });
});

describe("checklistBody", () => {
  it("fills tokens in the template", () => {
    expect(checklistBody({ template: "# {app} {version}\n\n- [ ] a\n\n\n", render, version: "1.2.0", app: "api" })).toEqual({
      body: "# api 1.2.0\n\n- [ ] a\n\n<!-- release-pilot:checklist v=1.2.0 app=api -->\n",
    });
  });

  it("uses a template it cannot render as written, with a warning", () => {
    expect(checklistBody({ template: '```json\n{"a": 1}\n```', render, version: "1.2.0", app: "api" })).toEqual({
      body: '```json\n{"a": 1}\n```\n\n<!-- release-pilot:checklist v=1.2.0 app=api -->\n',
      warning: "the checklist template could not be filled in, so it is used as written",
    });
  });
});

describe("checklist title", () => {
  it("falls back to the GWCelery title and warns when the title cannot be rendered", () => {
    const result = planOpenChecklist(facts({ settings: settings({ title: "Release {codename}" }) }));
    expect(result.actions[0]).toMatchObject({ title: "Release version 2.6.0" });
    expect(result.summary).toContain('Warning: the title template "Release {codename}" could not be filled in, so "Release version 2.6.0" is used.');
  });
});
