import { describe, expect, it } from "vitest";
import { planChangelogForRelease, type ChangelogFileSettings, type ChangelogPrFacts } from "../../../src/policy/release/changelog-pr.js";

const changelog: ChangelogFileSettings = {
  path: "documentation/changelogs/{app}/{version}.md",
  via: "pull-request",
  branch: "changelog/{tag}",
  title: "Publish changelog for {tag}",
  labels: ["skip-changelog", "🧱 stack: documentation"],
};

function withChangelog(settings: ChangelogFileSettings | undefined): ChangelogPrFacts {
  return { ...openverse, apps: openverse.apps.map((app) => ({ ...app, changelog: settings })) };
}

const openverse: ChangelogPrFacts = {
  repo: { owner: "WordPress", repo: "openverse" },
  defaultBranch: "main",
  actor: "dhruvkb",
  apps: [
    { name: "api", tag: "api-{date:YYYY.MM.DD.HH.mm.ss}", changelog },
    { name: "ingestion_server", tag: "ingestion_server-{date:YYYY.MM.DD.HH.mm.ss}", changelog },
  ],
  release: {
    id: 1,
    tag: "api-2024.01.01.19.52.14",
    name: "api-2024.01.01.19.52.14",
    body: "## New Features\n\n- Add a thing (#1) by @a\n",
    url: "https://github.com/WordPress/openverse/releases/tag/api-2024.01.01.19.52.14",
    draft: false,
    prerelease: false,
  },
};

function withRelease(tag: string, overrides: Partial<ChangelogPrFacts> = {}): ChangelogPrFacts {
  return { ...openverse, ...overrides, release: { ...openverse.release, tag, name: tag } };
}

describe("the changelog pull request after a release is published", () => {
  it.each([
    ["api-2024.01.01.19.52.14", "api", "2024.01.01.19.52.14"],
    ["ingestion_server-2024.09.09.23.00.57", "ingestion_server", "2024.09.09.23.00.57"],
  ])("for %s opens a PR adding the app's dated file", (tag, app, date) => {
    const result = planChangelogForRelease(withRelease(tag));
    expect(result.reason).toBe("planned");
    expect(result.actions).toHaveLength(1);
    const [action] = result.actions;
    expect(action).toMatchObject({
      kind: "open-pull-request",
      key: `changelog:${tag}`,
      branch: `changelog/${tag}`,
      base: "main",
      title: `Publish changelog for ${tag}`,
      commitMessage: `Publish changelog for ${tag}`,
      labels: ["skip-changelog", "🧱 stack: documentation"],
      files: [{ path: `documentation/changelogs/${app}/${date}.md`, content: `# ${date}\n\n## New Features\n\n- Add a thing (#1) by @a\n` }],
    });
  });

  it.each([
    ["a tag of no app", withRelease("frontend-2024.01.01.19.52.14"), "event-not-relevant"],
    ["a draft", { ...openverse, release: { ...openverse.release, draft: true } }, "event-not-relevant"],
    ["no per-release file configured", withChangelog(undefined), "not-configured"],
  ])("does nothing for %s", (_name, facts, reason) => {
    const result = planChangelogForRelease(facts);
    expect(result.reason).toBe(reason);
    expect(result.actions).toEqual([]);
    expect(result.summary).toMatch(/\.$/);
  });

  it("commits straight to the default branch when configured so", () => {
    const facts = withChangelog({ ...changelog, via: "commit" });
    expect(planChangelogForRelease(facts).actions).toMatchObject([
      { kind: "commit-files", branch: "main", message: "Publish changelog for api-2024.01.01.19.52.14" },
    ]);
  });

  it("plans the same key for the same release, so a redelivery finds the first PR", () => {
    expect(planChangelogForRelease(openverse)).toEqual(planChangelogForRelease(openverse));
  });
});
