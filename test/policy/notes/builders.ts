// Small builders for notes facts: a PR, a release, the Openverse notes settings and apps.
import type { NotesConfig } from "../../../src/policy/config/types.js";
import type { DraftNotesFacts, MergedPull, NotesApp, ReleaseFact } from "../../../src/policy/notes/index.js";

export function pr(number: number, fields: Partial<MergedPull> = {}): MergedPull {
  const mergedAt = fields.mergedAt === undefined ? `2024-03-01T10:${String(number % 60).padStart(2, "0")}:00Z` : fields.mergedAt;
  return {
    number,
    title: `Change ${number}`,
    url: `https://github.com/WordPress/openverse/pull/${number}`,
    author: "obulat",
    labels: [],
    mergedAt,
    mergeCommitSha: `sha${number}`,
    updatedAt: mergedAt ?? "2024-03-01T00:00:00Z",
    ...fields,
  };
}

export function release(id: number, tag: string, fields: Partial<ReleaseFact> = {}): ReleaseFact {
  const draft = fields.draft ?? false;
  return { id, tag, name: tag, body: "", draft, prerelease: false, publishedAt: draft ? null : "2024-02-01T00:00:00Z", ...fields };
}

export const OPENVERSE_NOTES: NotesConfig = {
  draft: true,
  line: "- {title} ([#{number}]({url})) by @{author}",
  categories: [
    { title: "New Features", labels: ["🌟 goal: addition"] },
    { title: "Improvements", labels: ["✨ goal: improvement"] },
    { title: "Internal Improvements", labels: ["🤖 aspect: dx", "🧰 goal: internal improvement"] },
    { title: "Bug Fixes", labels: ["🛠 goal: fix"] },
  ],
  excludeLabels: ["skip-changelog"],
  contributors: false,
  maxPullRequests: 500,
};

export const API: NotesApp = { name: "api", tag: "api-{version}", paths: ["api/**"], labels: ["🧱 stack: api"] };
export const FRONTEND: NotesApp = { name: "frontend", tag: "frontend-{version}", paths: ["frontend/**"], labels: ["🧱 stack: frontend"] };
export const INGESTION: NotesApp = {
  name: "ingestion_server",
  tag: "ingestion_server-{version}",
  paths: ["ingestion_server/**"],
  labels: ["🧱 stack: ingestion server"],
};

export function facts(fields: Partial<DraftNotesFacts> = {}): DraftNotesFacts {
  return {
    repo: { owner: "WordPress", repo: "openverse" },
    defaultBranch: "main",
    branch: "main",
    now: "2024-03-02T12:34:56Z",
    versioning: { scheme: "calver", calver: "YYYY.MM.DD.HH.mm.ss" },
    notes: OPENVERSE_NOTES,
    releaseName: "{tag}",
    apps: [API, FRONTEND],
    changedFiles: ["api/views.py"],
    pushedCommits: [],
    releases: [],
    pulls: [],
    truncated: false,
    ...fields,
  };
}
