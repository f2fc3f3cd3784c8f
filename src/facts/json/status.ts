// StatusFacts answered from the facts file, as the GitHub reads would answer them
// (src/facts/github/status-reads.ts); each default leaned on is said in `assumed`.
import { CONFIG_PATH } from "../../policy/config-check.js";
import { DASHBOARD_TITLE } from "../../policy/dashboard/index.js";
import { deployedOn } from "../deployed-on.js";
import { STATUS_PAGE, type StatusFacts } from "../status.js";
import { selfOf } from "./core.js";
import type { JsonWorld } from "./world.js";

const UNKNOWN_TIME = "1970-01-01T00:00:00Z";

function github(world: JsonWorld): string {
  const repo = world.repo;
  return `https://github.com/${repo.owner}/${repo.repo}`;
}

export function statusFromJson(world: JsonWorld): StatusFacts {
  const { facts, assumed } = world;
  return {
    deployedOn: async (environment, apps) => {
      const given = facts.deployments?.[environment];
      if (given === undefined) assumed.add(`deployments.${environment}: none`);
      // Only this app's deployments count; who this app is matters only when the facts name a creator.
      const self = given?.some((record) => record.creator !== undefined) === true ? selfOf(world) : undefined;
      const mine = (given ?? []).filter((record) => record.creator === undefined || record.creator.toLowerCase() === self?.login.toLowerCase());
      return deployedOn(
        apps,
        mine,
        (record) => ({
          app: record.app,
          version: {
            ref: record.ref ?? record.sha,
            sha: record.sha,
            ...(record.imageTag === undefined ? {} : { imageTag: record.imageTag }),
            at: record.createdAt ?? UNKNOWN_TIME,
            by: record.requestedBy ?? record.creator ?? selfOf(world).login,
          },
        }),
        async (record) => record.state,
      );
    },
    releasePage: async () => {
      if (facts.releases === undefined) assumed.add("releases: none");
      return (facts.releases ?? []).slice(0, STATUS_PAGE).map((release) => ({
        tag: release.tag,
        url: release.url ?? `${github(world)}/releases/tag/${release.tag}`,
        draft: release.draft,
        publishedAt: release.publishedAt,
      }));
    },
    closedPullPage: async () => {
      if (facts.pulls === undefined) assumed.add("pulls: none");
      const given = facts.pulls ?? [];
      return {
        pulls: given.slice(0, STATUS_PAGE).map((pull) => ({
          number: pull.number,
          title: pull.title,
          url: pull.url ?? `${github(world)}/pull/${pull.number}`,
          labels: pull.labels,
          mergedAt: pull.mergedAt,
        })),
        full: given.length >= STATUS_PAGE,
      };
    },
    // The file's checklists are those of the labels; the title is what /status lists them by.
    openChecklistIssues: async () => {
      if (facts.checklists === undefined) assumed.add("checklists: none");
      return (facts.checklists ?? [])
        .filter((issue) => issue.state === "open")
        .map((issue) => {
          if (issue.title === undefined) assumed.add(`checklists: #${issue.number} is titled "Release checklist" (give its title)`);
          return {
            number: issue.number,
            title: issue.title ?? "Release checklist",
            url: issue.url ?? `${github(world)}/issues/${issue.number}`,
            body: issue.body,
            byThisApp: true,
          };
        });
    },
    openDashboardIssues: async () => {
      if (facts.dashboard === undefined) assumed.add("dashboard: no Release Dashboard issue yet");
      const given = facts.dashboard ?? null;
      return given === null
        ? []
        : [{ number: given.number, title: DASHBOARD_TITLE, url: `${github(world)}/issues/${given.number}`, body: given.body, byThisApp: true }];
    },
    pullRequestFiles: async () => {
      if (facts.pullFiles !== undefined) return facts.pullFiles.map((file) => ({ filename: file.filename, status: file.status }));
      assumed.add(`pullFiles: the pull request edits ${CONFIG_PATH}`);
      return [{ filename: CONFIG_PATH, status: "modified" }];
    },
    configTextAt: async (sha) => {
      const given = facts.files?.[CONFIG_PATH];
      if (given !== undefined) return given;
      if (world.configText === undefined) return undefined;
      assumed.add(`files.${CONFIG_PATH}: the --config file, at ${sha.slice(0, 7)}`);
      return world.configText;
    },
    workflowFileAt: async (file) => {
      const path = `.github/workflows/${file}`;
      if (facts.files !== undefined && path in facts.files) return { text: facts.files[path] };
      assumed.add(`files.${path}: not given, so the deploy inputs are not checked against it`);
      return undefined;
    },
    repoFileAt: async (path) => {
      if (facts.files !== undefined && path in facts.files) return { text: facts.files[path] };
      assumed.add(`files.${path}: not given, so the version file is not checked against it`);
      return undefined;
    },
  };
}
