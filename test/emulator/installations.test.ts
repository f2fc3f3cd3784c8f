// Item 4 of issue #14: an installation access token acts only within its installation's
// repositories, and `GET /repos/{owner}/{repo}/installation` answers 404 where the app is not
// installed (sources in installations.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";

let gh: Emulator;
// Any JWT is accepted: the emulator tests the bot, not the crypto.
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl";

async function tokenOf(installation: number): Promise<string> {
  const res = await call(gh, "POST", `/app/installations/${installation}/access_tokens`, undefined, JWT);
  expect(res.status).toBe(201);
  return res.json.token as string;
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner: "acme", repo: "web" });
  gh.createRepo({ owner: "acme-infra", repo: "deploy" });
  gh.createRepo({ owner: "acme-infra", repo: "secrets", private: true });
  gh.addInstallation({ id: 2, account: "acme-infra", repositories: "all" });
  gh.createRepo({ owner: "acme-infra", repo: "later" });
  gh.createRepo({ owner: "elsewhere", repo: "tools", installationId: null });
});

afterAll(async () => {
  // Refusals are GitHub's answers, not requests outside its description.
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("installations", () => {
  it("hold the seeded repositories in installation 1 unless a test installs the app elsewhere", async () => {
    const res = await call(gh, "GET", "/app/installations", undefined, JWT);
    expect(
      res.json.map((i: { id: number; account: { login: string }; repository_selection: string }) => [i.id, i.account.login, i.repository_selection]),
    ).toEqual([
      [1, "acme", "selected"],
      [2, "acme-infra", "all"],
    ]);
  });

  it("are found per repository with the app's JWT, and are 404 where the app is not installed", async () => {
    expect((await call(gh, "GET", "/repos/acme-infra/deploy/installation", undefined, JWT)).json).toMatchObject({ id: 2, account: { login: "acme-infra" } });
    // An all-repositories installation covers a repository made after it.
    expect((await call(gh, "GET", "/repos/acme-infra/later/installation", undefined, JWT)).json).toMatchObject({ id: 2 });
    expect((await call(gh, "GET", "/repos/acme/web/installation", undefined, JWT)).json).toMatchObject({ id: 1 });
    const missing = await call(gh, "GET", "/repos/elsewhere/tools/installation", undefined, JWT);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ message: "Not Found" });
  });

  it("refuse an installation token on app-only routes: they take the app's JWT", async () => {
    const token = await tokenOf(1);
    const res = await call(gh, "GET", "/repos/acme/web/installation", undefined, token);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ message: "A JSON web token could not be decoded" });
  });
});

describe("an installation access token", () => {
  it("writes within its installation", async () => {
    const res = await call(gh, "POST", "/repos/acme-infra/deploy/issues", { title: "Inside" }, await tokenOf(2));
    expect(res.status).toBe(201);
  });

  it("reads a public repository outside its installation but may not write there", async () => {
    const token = await tokenOf(1);
    expect((await call(gh, "GET", "/repos/acme-infra/deploy", undefined, token)).status).toBe(200);
    const res = await call(gh, "POST", "/repos/acme-infra/deploy/dispatches", { event_type: "deploy" }, token);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ message: "Resource not accessible by integration" });
    expect(gh.repositoryDispatches).toEqual([]);
    const issue = await call(gh, "POST", "/repos/elsewhere/tools/issues", { title: "Outside" }, await tokenOf(2));
    expect(issue.status).toBe(403);
    expect(gh.issues("elsewhere", "tools")).toEqual([]);
  });

  it("does not see a private repository outside its installation at all", async () => {
    const token = await tokenOf(1);
    for (const [method, path, body] of [
      ["GET", "/repos/acme-infra/secrets", undefined],
      ["GET", "/repos/acme-infra/secrets/contents/README.md", undefined],
      ["POST", "/repos/acme-infra/secrets/issues", { title: "Outside" }],
    ] as const) {
      const res = await call(gh, method, path, body, token);
      expect([path, res.status, res.json.message]).toEqual([path, 404, "Not Found"]);
    }
    expect((await call(gh, "GET", "/repos/acme-infra/secrets", undefined, await tokenOf(2))).status).toBe(200);
  });

  it("is named in the call log by its installation", async () => {
    gh.resetCalls();
    await call(gh, "POST", "/repos/acme-infra/deploy/issues", { title: "Logged" }, await tokenOf(2));
    await call(gh, "GET", "/repos/acme/web", undefined, "a token the emulator did not issue");
    expect(gh.calls.map((c) => [c.method, c.route, c.installation])).toEqual([
      ["POST", "/app/installations/{installation_id}/access_tokens", undefined],
      ["POST", "/repos/{owner}/{repo}/issues", 2],
      ["GET", "/repos/{owner}/{repo}", undefined],
    ]);
  });
});
