// App authentication: any JWT is accepted because the emulator tests the bot, not the crypto;
// tokens are remembered so requests made with them act as the app's bot user.
import { randomBytes } from "node:crypto";
import { type Handler, type RouteContext, notFound, ok, paginate, repoOf } from "../http.js";
import { userShape } from "../shapes.js";

// Installations are derived from repositories (each has one id), so there is no separate
// installation state to keep in sync.
function installationShape(ctx: RouteContext, id: number): Record<string, unknown> {
  const repo = [...ctx.store.repos.values()].find((r) => r.installationId === id);
  const account = repo?.owner ?? "owner";
  return {
    id,
    account: userShape(ctx, { login: account, type: "User" }),
    app_id: ctx.store.app.id,
    app_slug: ctx.store.app.slug,
    target_type: "User",
    repository_selection: "selected",
    permissions: { contents: "write", issues: "write", pull_requests: "write", deployments: "write" },
    events: [],
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    access_tokens_url: `${ctx.apiUrl}/app/installations/${id}/access_tokens`,
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

  "GET /repos/{owner}/{repo}/installation": (ctx) => ok(installationShape(ctx, repoOf(ctx).installationId)),

  "POST /app/installations/{installation_id}/access_tokens": (ctx) => {
    const id = Number(ctx.params["installation_id"]);
    if (!ctx.store.installationIds().includes(id)) throw notFound();
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    ctx.store.tokens.set(token, id);
    return ok(
      {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { contents: "write", issues: "write", pull_requests: "write" },
        repository_selection: "selected",
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
