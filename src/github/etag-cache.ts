// Conditional reads: a GET the bot made before is sent again with `If-None-Match`, and GitHub's
// 304 is answered from the stored body. The config (and its `_extends`), templates and the
// dashboard issue are read on every event, and most events change nothing (every check run of
// every CI job reaches an app with checks permission), so this is what makes a repeat free:
// "Making a conditional request does not count against your primary rate limit if a 304
// response is returned and the request was made while correctly authorized with an
// Authorization header" (GitHub's REST docs, "Best practices for using the REST API", "Use
// conditional requests if appropriate"). Octokit throws on 304 (@octokit/request treats it as
// "Not modified"), so the wrap turns it back into the 200 the caller would have seen.
import { createHash } from "node:crypto";
import type { GitHub } from "./client.js";
import type { EtagEntry, EtagStore } from "./etag-store.js";

/** Bodies above this are not kept: a 5 MB changelog would crowd out the reads that repeat. */
export const MAX_CACHED_BYTES = 256 * 1024;

let shared: EtagStore | undefined;
const wrapped = new WeakSet<object>();

/** The store the runtime chose (memory, or Redis with REDIS_URL); unset, nothing is cached. */
export function setEtagStore(next: EtagStore | undefined): void {
  shared = next;
}

function sizeOf(data: unknown): number {
  if (typeof data === "string") return data.length;
  try {
    return JSON.stringify(data)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function headerOf(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Route `octokit`'s GETs through `store` under `installation`. Without an installation (a
 * workflow's GITHUB_TOKEN) or a store nothing is cached: there is nothing to isolate bodies by.
 */
export function cacheConditionalReads(octokit: GitHub, installation: number | undefined, store: EtagStore | undefined = shared): void {
  if (store === undefined || installation === undefined || wrapped.has(octokit)) return;
  wrapped.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const { url, headers } = octokit.request.endpoint.parse(options);
    // The media type changes the bytes (raw file vs JSON), so it is part of what is cached.
    const key = createHash("sha256")
      .update(`${headers["accept"] ?? ""} ${url}`)
      .digest("hex");
    const cached = await store.get(installation, key).catch(() => undefined);
    try {
      // before-after-hook binds every inner wrap (auth, retry, throttling) to this same options
      // object, so the header is set on it rather than on a copy the inner wraps would not see.
      if (cached) options.headers["if-none-match"] = cached.etag;
      const response = await request(options);
      const etag = headerOf(response.headers as Record<string, unknown>, "etag");
      const bytes = response.status === 200 && etag !== undefined ? sizeOf(response.data) : Number.POSITIVE_INFINITY;
      if (etag !== undefined && bytes <= MAX_CACHED_BYTES) {
        const headers = { ...(response.headers as Record<string, string>) };
        const entry: EtagEntry = { etag, url: response.url, headers, data: structuredClone(response.data), bytes };
        // A store that failed (Redis away) costs a point next time, never the event.
        await store.set(installation, key, entry).catch(() => undefined);
      }
      return response;
    } catch (error) {
      if (cached && (error as { status?: unknown }).status === 304) {
        return { status: 200, url: cached.url, headers: cached.headers, data: structuredClone(cached.data) } as Awaited<ReturnType<typeof request>>;
      }
      throw error;
    }
  });
}
