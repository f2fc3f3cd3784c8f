// Protected branches and rulesets: what GitHub refuses when a branch that has them is moved
// directly (a ref update, a contents write) or by merging a pull request, and the shapes of the
// reads that describe them. Protection is by exact branch name here (GitHub also takes fnmatch
// patterns); rulesets name branches exactly, or `~DEFAULT_BRANCH` / `~ALL` as GitHub's do.
//
// Sources for the refusals (each recorded from api.github.com):
// - a ref update (`PATCH git/refs`) on a branch with classic protection answers 422 with the
//   violations joined in one message, "3 of 3 required status checks are expected. At least one
//   approved review is required" (47degrees/sbt-org-policies#263; Dependabot treats these 422s from
//   update_ref as branch protection: dependabot/dependabot-core#9454 lists "required status
//   check", "commits must have verified signatures", "changes must be made through a pull request",
//   "not authorized to push");
// - the contents API answers 409 "Could not create file: Required status check
//   \"continuous-integration/travis-ci\" is expected." (yegor256/rultor#1273, headers recorded),
//   "Could not update file: 6 of 6 required status checks are expected." (kevgo/prettifier#28),
//   "Could not update file: Required status check \"Travis CI - Branch\" is expected. At least 1
//   approving review is required by reviewers with write access." (kevgo/prettifier#50) and
//   "Could not update file: Commits must have verified signatures. Changes must be made through a
//   pull request." (btkrausen/terraform-codespaces#4, 409); the current wording of a required pull
//   request is "Changes must be made through a pull request." (GH006 in desktop/desktop#17586);
// - a ruleset's refusal of a ref update: "Repository rule violations found\n\nChanges must be made
//   through a pull request." with the "Update a reference" docs link
//   (satisfactory-factories/application#67; GH013 for pushes in yshavit/mdq#255);
// - merging a pull request (`PUT pulls/{n}/merge`) answers 405 "At least 1 approving review is
//   required by reviewers with write access." (Reviewable/Reviewable#561), "Required status check
//   \"X\" is expected." (PennyDreadfulMTG/Penny-Dreadful-Tools#6226, claroline/Distribution#492),
//   "You're not authorized to push to this branch. Visit https://help.github.com/articles/about-protected-branches/
//   for more information." (claroline/Distribution#492).
import { HttpError } from "./http.js";
import type { Repo, User } from "./store.js";

export interface BranchProtection {
  /** Pull requests required; the number of approving reviews a merge needs (0: a PR, no approval). */
  readonly requiredReviews?: number;
  /** Check names that must be green on the commit. */
  readonly requiredChecks?: readonly string[];
  /** Commits must have verified signatures (GitHub signs an app's API commits made without its own author or committer). */
  readonly signedCommits?: boolean;
  /** Only these people and apps (slugs) may push; absent: anyone with write access. */
  readonly restrictions?: { readonly users: readonly string[]; readonly apps: readonly string[] };
  /** Apps (slugs) allowed to skip the pull request requirement ("Allow specified actors to bypass required pull requests"). */
  readonly bypassPullRequestApps?: readonly string[];
}

export type RulesetRule =
  | { readonly type: "pull_request"; readonly requiredReviews?: number }
  | { readonly type: "required_status_checks"; readonly checks: readonly string[] }
  | { readonly type: "required_signatures" }
  | { readonly type: "update" }
  | { readonly type: "non_fast_forward" }
  | { readonly type: "deletion" };

export interface Ruleset {
  readonly id: number;
  readonly name: string;
  /** Branch names, `~DEFAULT_BRANCH` or `~ALL`. */
  readonly branches: readonly string[];
  readonly rules: readonly RulesetRule[];
  /** Apps (slugs) on the bypass list, always allowed. */
  readonly bypassApps: readonly string[];
  readonly enforcement: "active" | "evaluate" | "disabled";
}

const PROTECTED_DOCS = "https://docs.github.com/articles/about-protected-branches";

function actorApp(actor: User): string | undefined {
  return actor.type === "Bot" ? actor.login.replace(/\[bot\]$/, "") : undefined;
}

function greenChecks(repo: Repo, sha: string): Set<string> {
  const ok = new Set(["success", "neutral", "skipped"]);
  return new Set(repo.checkRuns.filter((r) => r.head_sha === sha && r.status === "completed" && ok.has(r.conclusion ?? "")).map((r) => r.name));
}

/** GitHub's sentence for required checks missing on a commit: one is named, several are counted. */
function checksSentence(required: readonly string[], green: Set<string>): string | undefined {
  const missing = required.filter((name) => !green.has(name));
  if (missing.length === 0) return undefined;
  if (required.length === 1) return `Required status check "${missing[0]}" is expected.`;
  return `${missing.length} of ${required.length} required status checks are expected.`;
}

export function rulesetsFor(repo: Repo, branch: string): Ruleset[] {
  return repo.rulesets.filter(
    (r) => r.enforcement === "active" && r.branches.some((b) => b === "~ALL" || b === branch || (b === "~DEFAULT_BRANCH" && branch === repo.defaultBranch)),
  );
}

function canBypass(ruleset: Ruleset, actor: User): boolean {
  const app = actorApp(actor);
  return app !== undefined && ruleset.bypassApps.includes(app);
}

/** What classic protection refuses of a direct push of `sha` by `actor`, in GitHub's order. */
function classicPushViolations(repo: Repo, protection: BranchProtection, actor: User, sha: string, fastForward: boolean, signed: boolean): string[] {
  const out: string[] = [];
  // Force pushes are off on a protected branch unless allowed ("Cannot force-push to a protected
  // branch", dependabot/dependabot-core#1911); the emulator never allows them.
  if (!fastForward) out.push("Cannot force-push to a protected branch");
  const app = actorApp(actor);
  const { restrictions } = protection;
  if (restrictions && !(app ? restrictions.apps.includes(app) : restrictions.users.includes(actor.login))) {
    out.push(`You're not authorized to push to this branch. Visit ${PROTECTED_DOCS}/ for more information.`);
  }
  const checks = checksSentence(protection.requiredChecks ?? [], greenChecks(repo, sha));
  if (checks) out.push(checks);
  if (protection.signedCommits && !signed) out.push("Commits must have verified signatures.");
  const bypass = app !== undefined && (protection.bypassPullRequestApps ?? []).includes(app);
  if (protection.requiredReviews !== undefined && !bypass) out.push("Changes must be made through a pull request.");
  return out;
}

function rulesetPushViolations(repo: Repo, branch: string, actor: User, sha: string, fastForward: boolean, signed: boolean): string[] {
  const out: string[] = [];
  const green = greenChecks(repo, sha);
  for (const ruleset of rulesetsFor(repo, branch)) {
    if (canBypass(ruleset, actor)) continue;
    for (const rule of ruleset.rules) {
      if (rule.type === "pull_request") out.push("Changes must be made through a pull request.");
      if (rule.type === "required_status_checks") {
        const sentence = checksSentence(rule.checks, green);
        if (sentence) out.push(sentence);
      }
      if (rule.type === "required_signatures" && !signed) out.push("Commits must have verified signatures.");
      if (rule.type === "update") out.push("Cannot update this protected ref.");
      if (rule.type === "non_fast_forward" && !fastForward) out.push("Cannot force-push to this branch");
    }
  }
  return [...new Set(out)];
}

/**
 * Throws GitHub's refusal when moving `branch` to `sha` directly is not allowed: `ref` for a ref
 * update (422), `contents` for a contents write (409, "Could not create/update file: ...").
 */
export function refuseDirectPush(
  repo: Repo,
  branch: string,
  actor: User,
  sha: string,
  via: { readonly kind: "ref"; readonly fastForward: boolean } | { readonly kind: "contents"; readonly creating: boolean; readonly signed: boolean },
): void {
  const signed = via.kind === "ref" ? repo.signed.has(sha) : via.signed;
  const protection = repo.protections.get(branch);
  const fastForward = via.kind === "ref" ? via.fastForward : true;
  const classic = protection ? classicPushViolations(repo, protection, actor, sha, fastForward, signed) : [];
  if (classic.length > 0) {
    const message = classic.join(" ");
    if (via.kind === "ref") throw new HttpError(422, message, undefined, PROTECTED_DOCS);
    throw new HttpError(409, `Could not ${via.creating ? "create" : "update"} file: ${message}`, undefined, PROTECTED_DOCS);
  }
  const rules = rulesetPushViolations(repo, branch, actor, sha, fastForward, signed);
  if (rules.length > 0) {
    const docs =
      via.kind === "ref"
        ? "https://docs.github.com/rest/git/refs#update-a-reference"
        : "https://docs.github.com/rest/repos/contents#create-or-update-file-contents";
    throw new HttpError(via.kind === "ref" ? 422 : 409, `Repository rule violations found\n\n${rules.join("\n\n")}\n\n`, undefined, docs);
  }
}

/** Throws GitHub's 405 when merging a pull request into a protected base is not yet allowed. */
export function refuseMerge(repo: Repo, base: string, head: string, pullNumber: number, actor: User): void {
  const protection = repo.protections.get(base);
  const out: string[] = [];
  const green = greenChecks(repo, head);
  const approvals = new Set(repo.reviews.filter((r) => r.pullNumber === pullNumber && r.state === "APPROVED" && r.commit_id === head).map((r) => r.user.login));
  if (protection) {
    const app = actorApp(actor);
    const { restrictions } = protection;
    if (restrictions && !(app ? restrictions.apps.includes(app) : restrictions.users.includes(actor.login))) {
      out.push(`You're not authorized to push to this branch. Visit ${PROTECTED_DOCS}/ for more information.`);
    }
    const checks = checksSentence(protection.requiredChecks ?? [], green);
    if (checks) out.push(checks);
    const needed = protection.requiredReviews ?? 0;
    if (approvals.size < needed) out.push(`At least ${needed} approving review${needed === 1 ? " is" : "s are"} required by reviewers with write access.`);
  }
  for (const ruleset of rulesetsFor(repo, base)) {
    if (canBypass(ruleset, actor)) continue;
    for (const rule of ruleset.rules) {
      const needed = rule.type === "pull_request" ? (rule.requiredReviews ?? 0) : 0;
      if (approvals.size < needed) out.push(`At least ${needed} approving review${needed === 1 ? " is" : "s are"} required by reviewers with write access.`);
      const checks = rule.type === "required_status_checks" ? checksSentence(rule.checks, green) : undefined;
      if (checks) out.push(checks);
    }
  }
  if (out.length > 0) throw new HttpError(405, [...new Set(out)].join(" "), undefined, PROTECTED_DOCS);
}
