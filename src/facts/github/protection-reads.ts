// The reads of a branch's protection, with only what the app may read (app.yml): the branch
// itself (contents: read) says whether classic protection is on and which status checks it
// requires; the rest of classic protection (`GET branches/{branch}/protection`) needs
// administration: read, so its 403 leaves `details` unknown; the rules of rulesets (`GET
// rules/branches/{branch}`) and whether this app may bypass each ruleset (`GET rulesets/{id}`,
// `current_user_can_bypass`) need metadata: read. Sources: GitHub's permissions table for apps
// (github/docs server-to-server-permissions.json, Administration) and the REST docs "Get rules
// for a branch"; the branch endpoint shows no rulesets (vndee/llm-sandbox#182).
import { type GitHub, statusOf } from "../../github/client.js";
import type { AppIdentity } from "../../github/identity.js";
import type { RepoRef } from "../../policy/plan.js";
import type { BranchProtectionFact, BranchRuleFact } from "../release.js";

/**
 * Rule types that refuse a direct push of a new commit to an existing branch. Signed commits do
 * not: GitHub signs the commits this app makes through the API (test/emulator/README.md);
 * `non_fast_forward` does not either: a release commit is a fast forward.
 */
const BLOCKING_RULES = new Set(["pull_request", "required_status_checks", "update", "required_deployments", "merge_queue", "workflows", "code_scanning"]);

/** A read the app's permissions (or the plan: rulesets are not on every plan) do not allow: unknown, not an error. */
function notAllowed(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

async function classicDetails(octokit: GitHub, repo: RepoRef, branch: string, self: AppIdentity): Promise<BranchProtectionFact["details"]> {
  try {
    const { data } = await octokit.rest.repos.getBranchProtection({ ...repo, branch });
    const slug = self.login.replace(/\[bot\]$/, "");
    const reviews = data.required_pull_request_reviews;
    const bypass = reviews?.bypass_pull_request_allowances?.apps?.some((app) => app?.slug === slug) ?? false;
    const restrictions = data.restrictions;
    return {
      pullRequestsRequired: reviews !== undefined && !bypass,
      pushRestricted: restrictions !== undefined && !restrictions.apps.some((app) => app?.slug === slug),
      locked: data.lock_branch?.enabled === true,
    };
  } catch (error) {
    if (notAllowed(error)) return undefined;
    throw error;
  }
}

async function blockingRules(octokit: GitHub, repo: RepoRef, branch: string): Promise<readonly BranchRuleFact[]> {
  let rules: { type: string; ruleset_id?: number; parameters?: unknown }[];
  try {
    rules = await octokit.paginate(octokit.rest.repos.getBranchRules, { ...repo, branch, per_page: 100 });
  } catch (error) {
    if (notAllowed(error)) return [];
    throw error;
  }
  const blocking = rules.filter((rule) => BLOCKING_RULES.has(rule.type));
  const bypass = new Map<number, boolean>();
  for (const id of new Set(blocking.flatMap((rule) => (rule.ruleset_id === undefined ? [] : [rule.ruleset_id])))) {
    try {
      const { data } = await octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: id });
      bypass.set(id, data.current_user_can_bypass === "always" || data.current_user_can_bypass === "exempt");
    } catch (error) {
      if (!notAllowed(error)) throw error;
      bypass.set(id, false);
    }
  }
  return blocking.map((rule) => {
    const parameters = (rule.parameters ?? {}) as { required_status_checks?: { context: string }[] };
    return {
      type: rule.type,
      checks: (parameters.required_status_checks ?? []).map((check) => check.context),
      appMayBypass: rule.ruleset_id === undefined ? false : (bypass.get(rule.ruleset_id) ?? false),
    };
  });
}

export async function branchProtection(octokit: GitHub, repo: RepoRef, branch: string, self: AppIdentity): Promise<BranchProtectionFact> {
  const { data } = await octokit.rest.repos.getBranch({ ...repo, branch });
  const summary = data.protected ? data.protection?.required_status_checks : undefined;
  const requiredChecks = [...new Set([...(summary?.contexts ?? []), ...(summary?.checks ?? []).map((check) => check.context)])];
  const details = data.protected ? await classicDetails(octokit, repo, branch, self) : undefined;
  const rules = await blockingRules(octokit, repo, branch);
  return { protected: data.protected, requiredChecks, ...(details === undefined ? {} : { details }), rules };
}
