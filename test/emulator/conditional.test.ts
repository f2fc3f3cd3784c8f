// Issue #19 item 2: the emulator answers `If-None-Match` with 304 when nothing changed and counts
// rate-limit points as GitHub does, an authorized 304 costing none (sources in conditional.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";

let gh: Emulator;
const CONFIG = "/repos/acme/web/contents/.github%2Frelease-pilot.yml";

async function get(path: string, headers: Record<string, string> = {}, accept = "application/vnd.github+json"): Promise<Response> {
  return fetch(`${gh.url}/api/v3${path}`, { headers: { accept, authorization: "token ghs_installation", ...headers } });
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner: "acme", repo: "web", files: { ".github/release-pilot.yml": "tag: v{version}\n" } });
});

beforeEach(() => gh.resetCalls());

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("conditional requests", () => {
  it("give every GET answer an ETag and answer a matching If-None-Match with 304 and no body", async () => {
    const first = await get(CONFIG);
    const etag = first.headers.get("etag");
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const again = await get(CONFIG, { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("answer 200 with a new ETag once the file changed, and treat the weak prefix and lists as RFC 9110 says", async () => {
    const etag = (await get(CONFIG)).headers.get("etag") ?? "";
    expect((await get(CONFIG, { "if-none-match": etag.replace(/^W\//, "") })).status).toBe(304);
    expect((await get(CONFIG, { "if-none-match": `"other", ${etag}` })).status).toBe(304);
    expect((await get(CONFIG, { "if-none-match": '"other"' })).status).toBe(200);
    gh.commit("acme", "web", "main", { ".github/release-pilot.yml": "tag: release-{version}\n" }, "Change the tag");
    const changed = await get(CONFIG, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("give the raw media type its own ETag, since its bytes differ from the JSON answer's", async () => {
    const json = (await get(CONFIG)).headers.get("etag") ?? "";
    const raw = await get(CONFIG, { "if-none-match": json }, "application/vnd.github.raw");
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe("tag: release-{version}\n");
    expect((await get(CONFIG, { "if-none-match": raw.headers.get("etag") ?? "" }, "application/vnd.github.raw")).status).toBe(304);
  });

  it("leave writes and errors without an ETag", async () => {
    const missing = await get("/repos/acme/web/contents/nothing.txt");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("etag")).toBeNull();
    const res = await call(gh, "POST", "/repos/acme/web/issues", { title: "A" });
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBeNull();
  });
});

describe("rate-limit points", () => {
  it("count one point per request and none for an authorized 304", async () => {
    const etag = (await get(CONFIG)).headers.get("etag") ?? "";
    await get(CONFIG, { "if-none-match": etag });
    await get(CONFIG, { "if-none-match": etag });
    await call(gh, "POST", "/repos/acme/web/issues", { title: "B" });
    expect(gh.counts()).toEqual({ reads: 3, writes: 1, total: 4, points: 2 });
    expect(gh.rateLimitPoints()).toBe(2);
    expect(gh.calls.map((c) => [c.status, c.points])).toEqual([
      [200, 1],
      [304, 0],
      [304, 0],
      [201, 1],
    ]);
  });

  it("charge a 304 made without an Authorization header, which the docs do not exempt", async () => {
    const etag = (await get(CONFIG)).headers.get("etag") ?? "";
    gh.resetCalls();
    const anonymous = await fetch(`${gh.url}/api/v3${CONFIG}`, { headers: { accept: "application/vnd.github+json", "if-none-match": etag } });
    expect(anonymous.status).toBe(304);
    expect(gh.rateLimitPoints()).toBe(1);
  });
});
