// What a route handler receives and returns, plus the few answer shapes every route shares.
import type { Repo, Store, User } from "./store.js";

export interface RouteContext {
  readonly method: string;
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly store: Store;
  /** `http://127.0.0.1:PORT/api/v3`, the base URL in every `url` field. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT`, the base of every `html_url`. */
  readonly webUrl: string;
  /** Who the request acts as: the app's bot for installation tokens. */
  readonly actor: User;
  /** The path the client used (with `/api/v3` if it sent it), for Link headers. */
  readonly requestPath: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as-is instead of JSON (raw file contents). */
  readonly raw?: string | Buffer;
}

export type Handler = (ctx: RouteContext) => Reply;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: readonly unknown[],
    /** GitHub's `documentation_url` when it names a page other than the REST reference. */
    readonly documentationUrl?: string,
  ) {
    super(message);
  }
}

export function notFound(): HttpError {
  return new HttpError(404, "Not Found");
}

/** GitHub's 422 shape: "Validation Failed" with per-field errors, or a plain message. */
export function unprocessable(message: string, errors?: readonly unknown[]): HttpError {
  return new HttpError(422, message, errors);
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export function noContent(): Reply {
  return { status: 204 };
}

export function repoOf(ctx: RouteContext): Repo {
  const repo = ctx.store.repo(ctx.params["owner"] ?? "", ctx.params["repo"] ?? "");
  if (!repo) throw notFound();
  return repo;
}

export function str(ctx: RouteContext, key: string): string | undefined {
  const value = ctx.body[key];
  return typeof value === "string" ? value : undefined;
}

export function int(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? "", 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** One page of `items` with the Link header Octokit's paginate follows. */
export function paginate(ctx: RouteContext, items: readonly unknown[]): Reply {
  const perPage = Math.min(Math.max(int(ctx.query.get("per_page") ?? undefined, 30), 1), 100);
  const page = Math.max(int(ctx.query.get("page") ?? undefined, 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string): string => {
    const query = new URLSearchParams(ctx.query);
    query.set("per_page", String(perPage));
    query.set("page", String(n));
    return `<${ctx.webUrl}${ctx.requestPath}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
  return { status: 200, body: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

export function numberParam(ctx: RouteContext, key: string): number {
  const value = Number(ctx.params[key]);
  if (!Number.isInteger(value)) throw notFound();
  return value;
}
