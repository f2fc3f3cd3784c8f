// App authentication: any JWT is accepted because the emulator tests the bot, not the crypto;
// tokens are remembered with their installation, so requests made with them act as the app's bot
// user within that installation's repositories (installations.ts).
import { randomBytes } from "node:crypto";
import { type Handler, type RouteContext, notFound, ok, paginate, repoOf } from "../http.js";
import { userShape } from "../shapes.js";

// An installation as GitHub answers it (the OpenAPI `installation` schema's required fields), with
// the app's permissions from app.yml as the installation accepted them.
function installationShape(ctx: RouteContext, id: number): Record<string, unknown> {
  const installation = ctx.store.installations.get(id);
  if (!installation) throw notFound();
  return {
    id,
    account: userShape(ctx, { login: installation.account, type: "User" }),
    app_id: ctx.store.app.id,
    app_slug: ctx.store.app.slug,
    target_id: id,
    target_type: "User",
    repository_selection: installation.selection,
    single_file_name: null,
    permissions: { ...ctx.store.appPermissions },
    events: [],
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    suspended_by: null,
    suspended_at: null,
    access_tokens_url: `${ctx.apiUrl}/app/installations/${id}/access_tokens`,
    repositories_url: `${ctx.apiUrl}/installation/repositories`,
    html_url: `${ctx.webUrl}/settings/installations/${id}`,
  };
}

export const appRoutes: Record<string, Handler> = {
  "GET /app": (ctx) =>
    ok({
      id: ctx.store.app.id,
      slug: ctx.store.app.slug,
      name: ctx.store.app.name,
      node_id: `A_${ctx.store.app.id}`,
      owner: userShape(ctx, { login: "release-pilot-org", type: "User" }),
      permissions: {},
      events: [],
      html_url: `${ctx.webUrl}/apps/${ctx.store.app.slug}`,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
    }),

  "GET /app/installations": (ctx) =>
    paginate(
      ctx,
      ctx.store.installationIds().map((id) => installationShape(ctx, id)),
    ),

  "GET /app/installations/{installation_id}": (ctx) => {
    const id = Number(ctx.params["installation_id"]);
    if (!ctx.store.installationIds().includes(id)) throw notFound();
    return ok(installationShape(ctx, id));
  },

  // 404 where the app is not installed, as for a repository that is not there (installations.ts).
  "GET /repos/{owner}/{repo}/installation": (ctx) => {
    const { installationId } = repoOf(ctx);
    if (installationId === undefined) throw notFound();
    return ok(installationShape(ctx, installationId));
  },

  "POST /app/installations/{installation_id}/access_tokens": (ctx) => {
    const id = Number(ctx.params["installation_id"]);
    if (!ctx.store.installationIds().includes(id)) throw notFound();
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    // The token acts only within installation `id` (installations.ts).
    ctx.store.tokens.set(token, id);
    return ok(
      {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { ...ctx.store.appPermissions },
        repository_selection: ctx.store.installations.get(id)?.selection ?? "selected",
      },
      201,
    );
  },

  "GET /app/hook/deliveries": (ctx) =>
    paginate(
      ctx,
      [...ctx.store.hookDeliveries].reverse().map((d) => ({ ...d, duration: 0.1, status: d.status_code < 400 ? "OK" : "Error" })),
    ),

  "POST /app/hook/deliveries/{delivery_id}/attempts": (ctx) => {
    const deliveryId = Number(ctx.params["delivery_id"]);
    if (!ctx.store.hookDeliveries.some((d) => d.id === deliveryId)) throw notFound();
    ctx.store.redeliveries.push({ deliveryId, at: new Date().toISOString() });
    return ok({}, 202);
  },
};
