// Deployments and their statuses, which hold the bot's deploy history. Like GitHub, creating a
// deployment checks the commit's statuses and check runs unless `required_contexts` says
// otherwise (409; commit-statuses.ts says what GitHub documents and answers).
import { checkRequiredContexts } from "../commit-statuses.js";
import { HttpError, type Handler, type RouteContext, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { deploymentShape, deploymentStatusShape } from "../shapes.js";
import { type Deployment, type DeploymentStatus, type Repo, now } from "../store.js";

function deploymentOr404(ctx: RouteContext): { repo: Repo; deployment: Deployment } {
  const repo = repoOf(ctx);
  const id = numberParam(ctx, "deployment_id");
  const deployment = repo.deployments.find((d) => d.id === id);
  if (!deployment) throw notFound();
  return { repo, deployment };
}

export const deploymentRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/deployments": (ctx) => {
    const repo = repoOf(ctx);
    const filters = ["environment", "ref", "sha", "task"] as const;
    const rows = repo.deployments.filter((d) => filters.every((key) => !ctx.query.has(key) || d[key] === ctx.query.get(key))).sort((a, b) => b.id - a.id);
    return paginate(
      ctx,
      rows.map((d) => deploymentShape(ctx, repo, d)),
    );
  },

  "POST /repos/{owner}/{repo}/deployments": (ctx) => {
    const repo = repoOf(ctx);
    const ref = str(ctx, "ref") ?? "";
    const sha = repo.git.resolve(ref);
    if (!sha) throw new HttpError(422, `No ref found for: ${ref}`);
    checkRequiredContexts(repo, ref, sha, ctx.body["required_contexts"]);
    const environment = str(ctx, "environment") ?? "production";
    const payload = ctx.body["payload"];
    const at = now();
    const deployment: Deployment = {
      id: ctx.store.id(),
      sha,
      ref,
      task: str(ctx, "task") ?? "deploy",
      // A string payload is JSON text on GitHub and comes back parsed when it is valid JSON.
      payload:
        typeof payload === "string"
          ? (() => {
              try {
                return JSON.parse(payload) as unknown;
              } catch {
                return payload;
              }
            })()
          : (payload ?? {}),
      environment,
      original_environment: environment,
      description: str(ctx, "description") ?? null,
      transient_environment: ctx.body["transient_environment"] === true,
      production_environment: typeof ctx.body["production_environment"] === "boolean" ? ctx.body["production_environment"] : environment === "production",
      creator: ctx.actor,
      created_at: at,
      updated_at: at,
    };
    repo.deployments.push(deployment);
    ctx.store.webhooks?.deployment(repo, deployment, ctx.actor);
    return ok(deploymentShape(ctx, repo, deployment), 201);
  },

  "GET /repos/{owner}/{repo}/deployments/{deployment_id}": (ctx) => {
    const { repo, deployment } = deploymentOr404(ctx);
    return ok(deploymentShape(ctx, repo, deployment));
  },

  "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}": (ctx) => {
    const { repo, deployment } = deploymentOr404(ctx);
    const latest = repo.deploymentStatuses.filter((s) => s.deploymentId === deployment.id).sort((a, b) => b.id - a.id)[0];
    // GitHub refuses to delete an active deployment: only inactive ones (or ones never run) go.
    if (latest && latest.state !== "inactive" && latest.state !== "failure" && latest.state !== "error") {
      throw new HttpError(422, "We cannot delete an active deployment unless it is the only deployment in a given environment.");
    }
    repo.deployments.splice(repo.deployments.indexOf(deployment), 1);
    return { status: 204 };
  },

  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": (ctx) => {
    const { repo, deployment } = deploymentOr404(ctx);
    const rows = repo.deploymentStatuses.filter((s) => s.deploymentId === deployment.id).sort((a, b) => b.id - a.id);
    return paginate(
      ctx,
      rows.map((s) => deploymentStatusShape(ctx, repo, s)),
    );
  },

  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}": (ctx) => {
    const { repo, deployment } = deploymentOr404(ctx);
    const id = numberParam(ctx, "status_id");
    const status = repo.deploymentStatuses.find((s) => s.deploymentId === deployment.id && s.id === id);
    if (!status) throw notFound();
    return ok(deploymentStatusShape(ctx, repo, status));
  },

  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": (ctx) => {
    const { repo, deployment } = deploymentOr404(ctx);
    const at = now();
    // "If not defined, the environment of the previous status on the deployment will be used, if
    // it exists. Otherwise, the environment of the deployment will be used" (the `environment`
    // parameter's note); a status that names one moves the deployment there, keeping
    // `original_environment`.
    const environment = str(ctx, "environment") ?? latestStatusOf(repo, deployment.id)?.environment ?? deployment.environment;
    deployment.environment = environment;
    const status: DeploymentStatus = {
      id: ctx.store.id(),
      deploymentId: deployment.id,
      state: str(ctx, "state") ?? "pending",
      description: str(ctx, "description") ?? "",
      environment,
      environment_url: str(ctx, "environment_url") ?? "",
      log_url: str(ctx, "log_url") ?? str(ctx, "target_url") ?? "",
      target_url: str(ctx, "target_url") ?? str(ctx, "log_url") ?? "",
      creator: ctx.actor,
      created_at: at,
      updated_at: at,
    };
    repo.deploymentStatuses.push(status);
    deployment.updated_at = at;
    ctx.store.webhooks?.deploymentStatus(repo, deployment, status, ctx.actor);
    if (status.state === "success" && ctx.body["auto_inactive"] !== false) autoInactivate(ctx, repo, deployment, at);
    return ok(deploymentStatusShape(ctx, repo, status), 201);
  },
};

function latestStatusOf(repo: Repo, deploymentId: number): DeploymentStatus | undefined {
  return repo.deploymentStatuses.filter((s) => s.deploymentId === deploymentId).sort((a, b) => b.id - a.id)[0];
}

/**
 * GitHub's `auto_inactive` (default `true`) on a `success` status, word for word from the OpenAPI
 * description of `POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`: "Adds a new
 * `inactive` status to all prior non-transient, non-production environment deployments with the
 * same repository and `environment` name as the created status's deployment. An `inactive`
 * status is only added to deployments that had a `success` state." The REST docs' "Inactive
 * deployments" section says the same (github/docs content/rest/deployments/deployments.md; the
 * same-environment clause from github/docs#2429). So: only deployments created before this one
 * (ids grow with time), in the same environment, neither transient nor production, whose latest
 * state is `success`; a failed, running or already inactive one is left as it is.
 */
function autoInactivate(ctx: RouteContext, repo: Repo, deployment: Deployment, at: string): void {
  for (const other of repo.deployments) {
    if (other.id >= deployment.id || other.environment !== deployment.environment) continue;
    if (other.transient_environment || other.production_environment) continue;
    const last = latestStatusOf(repo, other.id);
    if (last?.state !== "success") continue;
    repo.deploymentStatuses.push({ ...last, id: ctx.store.id(), state: "inactive", description: "", creator: ctx.actor, created_at: at, updated_at: at });
  }
}
