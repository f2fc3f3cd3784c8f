// The scenarios whose GitHub API cost and end-to-end latency are measured: each seeds a fresh
// repository on the emulator (so idempotency never turns a run into a no-op) and returns the
// webhook that sets it off, plus a check that the scenario's effect is really there.
import { readFileSync } from "node:fs";
import type { Emulator } from "../test/emulator/index.js";
import { commentPayload, pushPayload, releasePayload } from "../test/e2e/fixtures/event-payloads.js";
import { workflowsFor } from "../test/emulator/workflow-files.js";
import { idleScenarios } from "./idle-scenarios.js";

export interface Trigger {
  readonly event: string;
  readonly payload: unknown;
  readonly owner: string;
  readonly repo: string;
  /** True once the scenario's end state is on the emulator. */
  readonly done: () => boolean;
}

export interface Scenario {
  readonly name: string;
  /** Fewest API calls that can do this scenario's job, and why (see latest.md). */
  readonly minimum: number;
  readonly minimumWhy: string;
  /** Where the calls above the minimum went when this was written; shown when the target is missed. */
  readonly overWhy?: string;
  readonly setup: (gh: Emulator, repo: string) => Trigger;
  /** Runs for the latency section; seeding big scenarios is slow, so they may run fewer. */
  readonly runs?: number;
  /** Send one unmeasured delivery first, so every measured run is a repeat (bench/idle-scenarios.ts). */
  readonly warm?: boolean;
}

const OPENVERSE_APPS = `versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
apps:
  api: { tag: "api-{version}", labels: ["🧱 stack: api"], paths: ["api/**"] }
  frontend: { tag: "frontend-{version}", labels: ["🧱 stack: frontend"], paths: ["frontend/**"] }
`;
/** Openverse's changelog part only (test/e2e/openverse-changelog.test.ts). */
const CHANGELOG_CONFIG = `${OPENVERSE_APPS}changelog:
  path: "documentation/changelogs/{app}/{version}.md"
  labels: [skip-changelog]
`;
/** Openverse's environments only (examples/openverse.yml), so a deploy is measured alone. */
const DEPLOY_CONFIG = `${OPENVERSE_APPS}environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy-staging.yml, inputs: { app: "{app}", tag: "{sha}" } }
    image_tag: "{sha}"
  production:
    follows: { release: published }
    deploy:
      repository_dispatch: "deploy_production_{app}"
      repo: WordPress/openverse-infrastructure
      payload: { actor: "{actor}", tag: "rel-{version}" }
    image_tag: "rel-{version}"
commands: { permission: write }
`;
/** Openverse's notes; max_pull_requests raised so 3,000 PRs are all read, not cut at 500. */
const NOTES_CONFIG = `${OPENVERSE_APPS}notes:
  draft: true
  max_pull_requests: 5000
  categories:
    - { title: New Features, labels: ["🌟 goal: addition"] }
    - { title: Bug Fixes, labels: ["🛠 goal: fix"] }
  exclude_labels: [skip-changelog]
`;
const COMMANDS_CONFIG = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
  production: { deploy: { workflow: deploy.yml } }
`;

const OWNER = "WordPress";
const TAG = "api-2024.01.01.19.52.14";
const bot = (gh: Emulator, repo: string, number: number) => gh.comments(OWNER, repo, number).filter((c) => c.user.login === "release-pilot[bot]");

/** The repository Openverse's production deploys are dispatched to, shared by every run. */
function ensureInfrastructure(gh: Emulator): void {
  if (!gh.state.repos.has("wordpress/openverse-infrastructure"))
    gh.createRepo({ owner: OWNER, repo: "openverse-infrastructure", files: { "README.md": "infra" } });
}

function comment(gh: Emulator, repo: string, body: string, sender: string, issueBody?: string, labels?: string[]) {
  const number = gh.addIssue({
    owner: OWNER,
    repo,
    title: issueBody ? "Release version 2.6.0" : "Ops",
    ...(issueBody ? { body: issueBody } : {}),
    ...(labels ? { labels } : {}),
  });
  return { number, payload: commentPayload(gh, { owner: OWNER, repo, number, body, sender }) };
}

const changelogPr: Scenario = {
  name: "changelog PR after release.published (Openverse)",
  minimum: 9,
  minimumWhy:
    "1 config read; 1 lookup that the changelog PR is not there yet (a merged one must not be opened again); 1 base branch ref; 1 base commit (its tree is the base_tree); writes: 1 tree with the file inline, 1 commit, 1 branch ref (422 when it exists, so no branch lookup is needed), 1 PR, 1 labels (POST pulls takes none) = 9. A per-release file is new by construction, so its absence need not be read.",
  setup: (gh, repo) => {
    gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": CHANGELOG_CONFIG, ...workflowsFor(CHANGELOG_CONFIG), "api/manage.py": "" } });
    const releaseId = gh.addRelease({
      owner: OWNER,
      repo,
      tag: TAG,
      name: TAG,
      body: "## New Features\n\n- Observe the API during the Redis migration (#3575) by @dhruvkb\n",
    });
    return {
      event: "release",
      payload: releasePayload(gh, { owner: OWNER, repo, releaseId }),
      owner: OWNER,
      repo,
      done: () => gh.pulls(OWNER, repo).some((p) => p.labels.length > 0),
    };
  },
};

const help: Scenario = {
  name: "/help",
  minimum: 5,
  minimumWhy:
    "1 config read; 1 permission of the commenter; 1 lookup of an earlier reply to this comment (a redelivery must not answer twice); writes: 1 👀 reaction (200 when already there), 1 reply = 5.",
  setup: (gh, repo) => {
    gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": COMMANDS_CONFIG, ...workflowsFor(COMMANDS_CONFIG) } });
    gh.setPermission(OWNER, repo, "maintainer", "write");
    const { number, payload } = comment(gh, repo, "/help", "maintainer");
    return { event: "issue_comment", payload, owner: OWNER, repo, done: () => bot(gh, repo, number).length > 0 };
  },
};

function checklist(ticked: boolean): string {
  const box = ticked ? "x" : " ";
  return `<!-- release-pilot:checklist v=2.6.0 -->\n## Basics\n\n1.  [${box}] Check the changelog\n    - [${box}] Ask the review board\n`;
}

const release: Scenario = {
  name: "/release in a ticked checklist (GWCelery)",
  minimum: 21,
  minimumWhy:
    "reads: 1 config, 1 permission, 1 tags (previous version), 1 CHANGES.rst, 1 base ref, 1 base commit (tree), 1 earlier-reply lookup, the default branch's protection (1 branch, 1 ruleset rules: GitHub refuses the commit of a protected branch only after the reply) = 9; writes: 1 👀, 1 reply, changelog commit (tree + commit + ref update = 3), annotated tag (tag object + ref = 2; the ref is 422 when it exists), 1 release (422 when the tag already has one), back to development (tree + commit + ref update = 3, its base tree is the commit just made), 1 reply edit with the links = 12; 21 in all. The checklist closes through the commit message (`closes #N`).",
  overWhy:
    "the executor looks for each action's effect before writing, and each of the two commits re-reads its base: CHANGES.rst is read 4 times in all with the config (2 needed), the branch ref 4 times (1), the base commit twice (1), the releases list twice (0: creating the release answers 422 when the tag has one) and the earlier reply twice (1)",
  setup: (gh, repo) => {
    const changes = readFileSync("test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", "utf8");
    gh.createRepo({
      owner: OWNER,
      repo,
      files: {
        ".github/release-pilot.yml": readFileSync("examples/gwcelery.yml", "utf8"),
        ...workflowsFor(readFileSync("examples/gwcelery.yml", "utf8")),
        "CHANGES.rst": changes,
      },
    });
    gh.addTag(OWNER, repo, "v2.5.2", "main", "Version 2.5.2");
    gh.setPermission(OWNER, repo, "leo", "write");
    const { number, payload } = comment(gh, repo, "/release", "leo", checklist(true), ["release"]);
    return { event: "issue_comment", payload, owner: OWNER, repo, done: () => bot(gh, repo, number).some((c) => c.body.includes("released release")) };
  },
};

const checklistOpening: Scenario = {
  name: "/checklist 2.6.0 opens the release checklist (GWCelery)",
  minimum: 8,
  minimumWhy:
    "1 config read; 1 permission; 1 template file; 1 lookup of an open checklist with the same marker (issues by label; a redelivery must not open a second); 1 earlier-reply lookup; writes: 1 👀, 1 issue, 1 reply with its link = 8.",
  setup: (gh, repo) => {
    const template =
      "---\nname: Release\n---\n## Basics\n\n1.  [ ] Check the changelog\n    - [ ] Ask the review board\n\n## Test deployment\n\n2.  [ ] Deploy to playground\n";
    gh.createRepo({
      owner: OWNER,
      repo,
      files: {
        ".github/release-pilot.yml": readFileSync("examples/gwcelery.yml", "utf8"),
        ...workflowsFor(readFileSync("examples/gwcelery.yml", "utf8")),
        ".github/ISSUE_TEMPLATE/release.md": template,
        "CHANGES.rst": "Changelog\n=========\n",
      },
    });
    gh.setPermission(OWNER, repo, "leo", "write");
    const { number, payload } = comment(gh, repo, "/checklist 2.6.0", "leo");
    return {
      event: "issue_comment",
      payload,
      owner: OWNER,
      repo,
      done: () => gh.issues(OWNER, repo).some((i) => i.title === "Release version 2.6.0") && bot(gh, repo, number).length > 0,
    };
  },
};

const staging: Scenario = {
  name: "staging deploy on push to main (Openverse)",
  minimum: 7,
  minimumWhy:
    "1 config read; 1 pusher permission (an untrusted push waits for approval); 1 lock lookup (one matching-refs call covers the environment lock and the app lock); 1 deployment list (a redelivered push must not deploy twice); writes: 1 deployment, 1 workflow dispatch, 1 deployment status = 7. The changed paths come from the push payload.",
  overWhy:
    "the environment lock and the app lock are read with one GET git/ref each (one GET git/matching-refs would return both), and the statuses of the deployment created a moment before in the same plan are read before its first status is set",
  setup: (gh, repo) => {
    const { headSha } = gh.createRepo({
      owner: OWNER,
      repo,
      files: { ".github/release-pilot.yml": DEPLOY_CONFIG, ...workflowsFor(DEPLOY_CONFIG), "api/manage.py": "" },
    });
    gh.setPermission(OWNER, repo, "zackkrida", "maintain");
    gh.commit(OWNER, repo, "main", { "api/views.py": "print('hi')" }, "Add a view", "zackkrida");
    const payload = pushPayload(gh, { owner: OWNER, repo, ref: "main", before: headSha, sender: "zackkrida" });
    return { event: "push", payload, owner: OWNER, repo, done: () => gh.workflowDispatches.some((d) => d.repo === repo) };
  },
};

const production: Scenario = {
  name: "production deploy on release.published (Openverse)",
  minimum: 7,
  minimumWhy:
    "1 config read; 1 tag → commit (target_commitish may be a branch); 1 lock lookup (matching-refs for both locks); 1 deployment list (idempotency); writes: 1 deployment, 1 repository_dispatch, 1 deployment status = 7.",
  overWhy: "as for staging: two lock reads where one matching-refs call would do, and a statuses read of the deployment the same plan has just created",
  setup: (gh, repo) => {
    gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": DEPLOY_CONFIG, ...workflowsFor(DEPLOY_CONFIG), "api/manage.py": "" } });
    ensureInfrastructure(gh);
    gh.setPermission(OWNER, repo, "zackkrida", "maintain");
    const releaseId = gh.addRelease({ owner: OWNER, repo, tag: TAG, name: TAG, body: "- A change" });
    const before = gh.repositoryDispatches.length;
    return {
      event: "release",
      payload: releasePayload(gh, { owner: OWNER, repo, releaseId, sender: "zackkrida" }),
      owner: OWNER,
      repo,
      done: () => gh.repositoryDispatches.length > before && gh.deployments(OWNER, repo).length > 0,
    };
  },
};

const rollback: Scenario = {
  name: "/rollback production api after a failed deploy (Openverse)",
  minimum: 12,
  minimumWhy:
    "1 config read; 1 permission; 1 lock lookup; 1 deployment list (it is also the idempotency lookup) + the latest status of each deployment until the target (the failed current one and the good one before it: 2) = 3; 1 earlier-reply lookup; writes: 1 👀, 1 deployment, 1 repository_dispatch, 1 deployment status, 1 reply = 5; 12 in all.",
  setup: (gh, repo) => {
    gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": DEPLOY_CONFIG, ...workflowsFor(DEPLOY_CONFIG), "api/manage.py": "" } });
    ensureInfrastructure(gh);
    gh.setPermission(OWNER, repo, "zackkrida", "maintain");
    gh.addTag(OWNER, repo, TAG, "main");
    gh.commit(OWNER, repo, "main", { "api/views.py": "print('bye')" }, "Break the view", "zackkrida");
    gh.addTag(OWNER, repo, "api-2024.02.02.10.00.00", "main");
    gh.addDeployment({
      owner: OWNER,
      repo,
      environment: "production",
      ref: TAG,
      payload: { app: "api", image_tag: "rel-2024.01.01.19.52.14" },
      statuses: ["success"],
    });
    gh.addDeployment({
      owner: OWNER,
      repo,
      environment: "production",
      ref: "api-2024.02.02.10.00.00",
      payload: { app: "api", image_tag: "rel-2024.02.02.10.00.00" },
      statuses: ["failure"],
    });
    const before = gh.repositoryDispatches.length;
    const { payload } = comment(gh, repo, "/rollback production api", "zackkrida");
    return { event: "issue_comment", payload, owner: OWNER, repo, done: () => gh.repositoryDispatches.length > before };
  },
};

function draftNotes(prs: number, runs: number): Scenario {
  const pages = Math.ceil(prs / 100);
  return {
    name: `draft notes, ${prs.toLocaleString("en")} merged PRs (Openverse)`,
    runs,
    minimum: 2 + pages + 1,
    overWhy:
      "the releases are listed twice (once to gather the facts, once by the executor to find the draft it may update), and the closed PRs are read one page past the end: with exactly 300 PRs the third page's Link header already says it is the last",
    minimumWhy: `1 config read; 1 releases list (it gives both the previous release and the existing draft); the closed PRs since the previous release at 100 a page = ${pages} (the last page is known from its Link header); 1 draft write (create or update) = ${2 + pages + 1}. Which app a push touched comes from the payload.`,
    setup: (gh, repo) => {
      gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": NOTES_CONFIG, ...workflowsFor(NOTES_CONFIG), "api/manage.py": "" } });
      gh.addRelease({ owner: OWNER, repo, tag: TAG, publishedAt: "2024-01-01T19:52:14Z" });
      let before = "";
      for (let i = 0; i < prs; i++) {
        before = gh.sha(OWNER, repo, "main") ?? "";
        const at = new Date(Date.parse("2024-01-02T00:00:00Z") + i * 60_000).toISOString();
        gh.addMergedPullRequest({
          owner: OWNER,
          repo,
          title: `Fix ${i}`,
          labels: ["🧱 stack: api", i % 2 ? "🛠 goal: fix" : "🌟 goal: addition"],
          author: `dev${i % 40}`,
          files: { [`api/f${i}.py`]: "x" },
          mergedAt: at,
        });
      }
      // One push per merge, as GitHub sends them: the payload carries the last merge only.
      const payload = pushPayload(gh, { owner: OWNER, repo, ref: "main", before });
      return {
        event: "push",
        payload,
        owner: OWNER,
        repo,
        done: () => gh.releases(OWNER, repo).some((r) => r.draft && (r.body ?? "").includes(`Fix ${prs - 1}`)),
      };
    },
  };
}

export function scenarios(): readonly Scenario[] {
  return [
    changelogPr,
    help,
    release,
    checklistOpening,
    staging,
    production,
    rollback,
    draftNotes(30, 3),
    draftNotes(300, 3),
    draftNotes(3000, 1),
    ...idleScenarios(),
  ];
}
