// Conditional requests and the primary rate limit, as GitHub answers them.
//
// GitHub's REST docs, "Best practices for using the REST API", "Use conditional requests if
// appropriate" (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate):
// "Most endpoints return an etag header ... You can use the values of these headers to make
// conditional GET requests. ... If the data has not changed, you will receive a 304 Not Modified
// response. Making a conditional request does not count against your primary rate limit if a 304
// response is returned and the request was made while correctly authorized with an Authorization
// header." (The older developer.github.com "Conditional Requests" section says the same.)
// Every other request is one request against the primary limit ("Rate limits for the REST API").
import { createHash } from "node:crypto";
import type { Reply } from "./http.js";

/** The ETag of a successful GET answer: a hash of exactly the bytes it sends, so any change shows. */
export function etagOf(reply: Reply): string | undefined {
  if (reply.status !== 200) return undefined;
  const bytes = reply.raw !== undefined ? reply.raw : reply.body === undefined ? undefined : JSON.stringify(reply.body);
  if (bytes === undefined) return undefined;
  // Link headers are part of a page's meaning (another page may have appeared), so they count too.
  const hash = createHash("sha1")
    .update(bytes)
    .update(reply.headers?.["link"] ?? "")
    .digest("hex");
  // GitHub's JSON answers carry weak validators (W/"..."); If-None-Match compares weakly anyway.
  return `W/"${hash}"`;
}

/** RFC 9110 §13.1.2: `*` or any listed tag equal to ours under weak comparison. */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, "");
  const listed = (Array.isArray(header) ? header.join(",") : header).split(",").map(bare);
  return listed.includes("*") || listed.includes(bare(etag));
}

/**
 * A GET answer with its ETag, or 304 with no body (and the same ETag) when the client's copy is
 * current. Only GET: a conditional write is a different feature (If-Match) the bot never uses.
 */
export function conditionalReply(method: string, reply: Reply, ifNoneMatch: string | string[] | undefined): Reply {
  if (method !== "GET") return reply;
  const etag = etagOf(reply);
  if (etag === undefined) return reply;
  const headers = { ...reply.headers, etag };
  if (matchesIfNoneMatch(ifNoneMatch, etag)) return { status: 304, headers };
  return { ...reply, headers };
}

/** Points against the primary rate limit: 0 for an authorized 304, else 1. */
export function primaryPoints(status: number, authorized: boolean): 0 | 1 {
  return status === 304 && authorized ? 0 : 1;
}
