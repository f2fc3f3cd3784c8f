// Issue #19 item 2: reads that repeat across events send If-None-Match and get 304, which costs
// no rate limit; the cache is bounded and one installation never sees another's bodies.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheConditionalReads } from "../../src/github/etag-cache.js";
import { memoryEtagStore } from "../../src/github/etag-store.js";
import { type Emulator, startEmulator } from "../emulator/index.js";

let gh: Emulator;
const repo = { owner: "acme", repo: "web" };
const CONFIG = ".github/release-pilot.yml";

/** A new client per event, as Probot makes one, sharing one store. */
function client(store: ReturnType<typeof memoryEtagStore>, installation: number | null = 1): InstanceType<typeof ProbotOctokit> {
  const octokit = new ProbotOctokit({
    auth: { token: "ghs_installation" },
    baseUrl: `${gh.url}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  cacheConditionalReads(octokit, installation ?? undefined, store);
  return octokit;
}

function seen(): [string, number, number][] {
  return gh.calls.map((c) => [c.route, c.status, c.points]);
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...repo, files: { [CONFIG]: "tag: v{version}\n", "docs/a.md": "a", "docs/b.md": "b", "docs/c.md": "c" } });
});

beforeEach(() => gh.resetCalls());

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("conditional reads", () => {
  it("send If-None-Match on a repeated config read and get 304, costing no rate-limit point", async () => {
    const store = memoryEtagStore();
    const first = await client(store).config.get({ ...repo, path: CONFIG });
    const again = await client(store).config.get({ ...repo, path: CONFIG });
    expect(again.config).toEqual({ tag: "v{version}" });
    expect(again.config).toEqual(first.config);
    const route = "/repos/{owner}/{repo}/contents/{path}";
    expect(seen()).toEqual([
      [route, 200, 1],
      [route, 304, 0],
    ]);
    expect(gh.rateLimitPoints()).toBe(1);
  });

  it("answer both files of a config with `_extends` from 304s on repeat", async () => {
    gh.createRepo({ owner: "acme", repo: ".github", files: { [CONFIG]: "tag: v{version}\nchangelog: { path: CHANGELOG.md }\n" } });
    gh.createRepo({ owner: "acme", repo: "api", files: { [CONFIG]: "_extends: .github\ntag: api-{version}\n" } });
    gh.resetCalls();
    const store = memoryEtagStore();
    const first = await client(store).config.get({ owner: "acme", repo: "api", path: CONFIG });
    const again = await client(store).config.get({ owner: "acme", repo: "api", path: CONFIG });
    expect(again.config).toEqual({ tag: "api-{version}", changelog: { path: "CHANGELOG.md" } });
    expect(again.config).toEqual(first.config);
    expect(gh.calls.map((c) => [c.path, c.status])).toEqual([
      ["/repos/acme/api/contents/.github%2Frelease-pilot.yml", 200],
      ["/repos/acme/.github/contents/.github%2Frelease-pilot.yml", 200],
      ["/repos/acme/api/contents/.github%2Frelease-pilot.yml", 304],
      ["/repos/acme/.github/contents/.github%2Frelease-pilot.yml", 304],
    ]);
  });

  it("read the new file once it changed, and cache that instead", async () => {
    const store = memoryEtagStore();
    await client(store).config.get({ ...repo, path: CONFIG });
    gh.commit(repo.owner, repo.repo, "main", { [CONFIG]: "tag: release-{version}\n" }, "Change the tag");
    expect((await client(store).config.get({ ...repo, path: CONFIG })).config).toEqual({ tag: "release-{version}" });
    expect((await client(store).config.get({ ...repo, path: CONFIG })).config).toEqual({ tag: "release-{version}" });
    expect(gh.calls.map((c) => c.status)).toEqual([200, 200, 304]);
  });

  it("keep each installation's answers apart: another installation asks afresh and is not served the first's body", async () => {
    const store = memoryEtagStore();
    await client(store, 1).rest.repos.getContent({ ...repo, path: "docs/a.md" });
    const other = await client(store, 2).rest.repos.getContent({ ...repo, path: "docs/a.md" });
    expect(other.status).toBe(200);
    expect(gh.calls.map((c) => c.status)).toEqual([200, 200]);
    expect(store.size(1)).toBe(1);
    expect(store.size(2)).toBe(1);
  });

  it("cache nothing without an installation to file it under (a workflow's token)", async () => {
    const store = memoryEtagStore();
    await client(store, null).config.get({ ...repo, path: CONFIG });
    await client(store, null).config.get({ ...repo, path: CONFIG });
    expect(gh.calls.map((c) => c.status)).toEqual([200, 200]);
  });

  it("stay within its bound, dropping the least recently used answer first", async () => {
    const store = memoryEtagStore({ entriesPerInstallation: 2, totalBytes: 1024 * 1024 });
    const read = (path: string) => client(store).rest.repos.getContent({ ...repo, path });
    await read("docs/a.md");
    await read("docs/b.md");
    await read("docs/a.md"); // a is now the most recent
    await read("docs/c.md"); // drops b
    expect(store.size(1)).toBe(2);
    gh.resetCalls();
    await read("docs/a.md");
    await read("docs/b.md");
    expect(gh.calls.map((c) => c.status)).toEqual([304, 200]);
  });

  it("stay within its byte bound overall, dropping from the least recently used installation first", async () => {
    const probe = memoryEtagStore();
    await client(probe, 9).rest.repos.getContent({ ...repo, path: "docs/a.md" });
    const one = probe.bytes();
    expect(one).toBeGreaterThan(100);
    const store = memoryEtagStore({ entriesPerInstallation: 5, totalBytes: 2 * one });
    for (const installation of [1, 2, 3]) await client(store, installation).rest.repos.getContent({ ...repo, path: "docs/a.md" });
    expect([store.size(1), store.size(2), store.size(3)]).toEqual([0, 1, 1]);
    expect(store.bytes()).toBeLessThanOrEqual(2 * one);
  });
});
