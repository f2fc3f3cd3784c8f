// The reads that describe a branch's protection: the branch itself (its `protected` flag and a
// summary of required status checks, readable with contents: read), the full classic protection
// (administration: read), the rules that apply to a branch and a ruleset (metadata: read).
// Shapes follow the OpenAPI description's examples of each operation; the 404 "Branch not
// protected" of an unprotected branch is recorded in vndee/llm-sandbox#182.
import { HttpError, type Handler, type RouteContext, numberParam, ok, paginate, repoOf } from "../http.js";
import { type BranchProtection, type RulesetRule, rulesetsFor } from "../protection.js";
import type { Repo } from "../store.js";

function branchOr404(ctx: RouteContext): { repo: Repo; branch: string } {
  const repo = repoOf(ctx);
  const branch = ctx.params["branch"] ?? "";
  if (!repo.git.refs.has(`refs/heads/${branch}`)) throw new HttpError(404, "Branch not found");
  return { repo, branch };
}

function protectionUrl(ctx: RouteContext, repo: Repo, branch: string): string {
  return `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/branches/${branch}/protection`;
}

/**
 * What `GET branches/{branch}` says of protection: `protected`, and only `enabled` and the
 * required status checks (the OpenAPI example of "Get a branch" shows exactly these); the rest
 * needs the protection endpoint. Rulesets do not show here, as in vndee/llm-sandbox#182.
 */
export function branchProtectionSummary(ctx: RouteContext, repo: Repo, branch: string): Record<string, unknown> {
  const protection = repo.protections.get(branch);
  const contexts = protection?.requiredChecks ?? [];
  return {
    protected: protection !== undefined,
    protection: {
      enabled: protection !== undefined,
      required_status_checks: {
        enforcement_level: contexts.length > 0 ? "non_admins" : "off",
        contexts: [...contexts],
        checks: contexts.map((context) => ({ context, app_id: null })),
      },
    },
    protection_url: protectionUrl(ctx, repo, branch),
  };
}

function fullProtection(ctx: RouteContext, repo: Repo, branch: string, p: BranchProtection): Record<string, unknown> {
  const url = protectionUrl(ctx, repo, branch);
  const contexts = p.requiredChecks ?? [];
  const flag = (enabled: boolean) => ({ enabled });
  return {
    url,
    ...(contexts.length > 0
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: false,
            contexts: [...contexts],
            contexts_url: `${url}/required_status_checks/contexts`,
            checks: contexts.map((context) => ({ context, app_id: null })),
          },
        }
      : {}),
    ...(p.requiredReviews !== undefined
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: false,
            require_code_owner_reviews: false,
            required_approving_review_count: p.requiredReviews,
            require_last_push_approval: false,
            bypass_pull_request_allowances: { users: [], teams: [], apps: (p.bypassPullRequestApps ?? []).map((slug) => ({ slug, name: slug })) },
          },
        }
      : {}),
    required_signatures: { url: `${url}/required_signatures`, enabled: p.signedCommits === true },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: false },
    ...(p.restrictions
      ? {
          restrictions: {
            url: `${url}/restrictions`,
            users_url: `${url}/restrictions/users`,
            teams_url: `${url}/restrictions/teams`,
            apps_url: `${url}/restrictions/apps`,
            users: p.restrictions.users.map((login) => ({ login, type: "User" })),
            teams: [],
            apps: p.restrictions.apps.map((slug) => ({ slug, name: slug })),
          },
        }
      : {}),
    required_linear_history: flag(false),
    allow_force_pushes: flag(false),
    allow_deletions: flag(false),
    block_creations: flag(false),
    required_conversation_resolution: flag(false),
    lock_branch: flag(false),
    allow_fork_syncing: flag(false),
  };
}

function ruleShape(rule: RulesetRule): Record<string, unknown> {
  if (rule.type === "pull_request") {
    return {
      type: rule.type,
      parameters: {
        required_approving_review_count: rule.requiredReviews ?? 0,
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: false,
      },
    };
  }
  if (rule.type === "required_status_checks") {
    return {
      type: rule.type,
      parameters: { strict_required_status_checks_policy: false, required_status_checks: rule.checks.map((context) => ({ context })) },
    };
  }
  return { type: rule.type };
}

export const protectionRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/branches/{branch}/protection": (ctx) => {
    const { repo, branch } = branchOr404(ctx);
    const protection = repo.protections.get(branch);
    if (!protection) throw new HttpError(404, "Branch not protected");
    return ok(fullProtection(ctx, repo, branch, protection));
  },

  // "The branch does not need to exist; rules that would apply to a branch with that name will
  // be returned ... Rules in rulesets with "evaluate" or "disabled" enforcement statuses are not
  // returned." (OpenAPI description of the operation)
  "GET /repos/{owner}/{repo}/rules/branches/{branch}": (ctx) => {
    const repo = repoOf(ctx);
    const branch = ctx.params["branch"] ?? "";
    const rules = rulesetsFor(repo, branch).flatMap((ruleset) =>
      ruleset.rules.map((rule) => ({
        ...ruleShape(rule),
        ruleset_source_type: "Repository",
        ruleset_source: `${repo.owner}/${repo.name}`,
        ruleset_id: ruleset.id,
      })),
    );
    return paginate(ctx, rules);
  },

  // `current_user_can_bypass`: "The bypass type of the user making the API request for this
  // ruleset. This field is only returned when querying the repository-level endpoint." (OpenAPI)
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}": (ctx) => {
    const repo = repoOf(ctx);
    const id = numberParam(ctx, "ruleset_id");
    const ruleset = repo.rulesets.find((r) => r.id === id);
    if (!ruleset) throw new HttpError(404, "Not Found");
    const app = ctx.actor.type === "Bot" ? ctx.actor.login.replace(/\[bot\]$/, "") : undefined;
    return ok({
      id: ruleset.id,
      name: ruleset.name,
      target: "branch",
      source_type: "Repository",
      source: `${repo.owner}/${repo.name}`,
      enforcement: ruleset.enforcement,
      current_user_can_bypass: app !== undefined && ruleset.bypassApps.includes(app) ? "always" : "never",
      node_id: `RRS_${ruleset.id}`,
      conditions: { ref_name: { include: ruleset.branches.map((b) => (b.startsWith("~") ? b : `refs/heads/${b}`)), exclude: [] } },
      rules: ruleset.rules.map(ruleShape),
    });
  },
};
