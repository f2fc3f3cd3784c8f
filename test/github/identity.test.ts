// Who this app is: read once from GET /app with the app's JWT and kept, retried after a failure,
// and compared with the bot user of what it reads back. Against the emulator, which answers GET
// /app with the slug it was started with and writes as `<slug>[bot]`.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityOf, isThisApp } from "../../src/github/identity.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let gh: Emulator;

beforeAll(async () => {
  gh = await startEmulator({ appSlug: "pilot-of-acme" });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("identityOf", () => {
  it("reads the app's slug once and answers with its bot user every time after", async () => {
    const probot = new Probot({
      appId: 1,
      privateKey,
      baseUrl: `${gh.url}/api/v3`,
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
      logLevel: "fatal",
    });
    const self = identityOf(probot);
    gh.resetCalls();
    expect(await self()).toEqual({ login: "pilot-of-acme[bot]" });
    expect(await self()).toEqual({ login: "pilot-of-acme[bot]" });
    expect(gh.calls.filter((call) => call.route === "/app")).toHaveLength(1);
  });

  it("does not keep a failed read: the next need reads again", async () => {
    let calls = 0;
    const app = {
      auth: async () => {
        calls += 1;
        if (calls === 1) throw new Error("GitHub is down");
        return { rest: { apps: { getAuthenticated: async () => ({ data: { slug: "release-pilot", id: 1 } }) } } };
      },
    } as unknown as Pick<Probot, "auth">;
    const self = identityOf(app);
    await expect(self()).rejects.toThrow("GitHub is down");
    expect(await self()).toEqual({ login: "release-pilot[bot]" });
  });
});

describe("isThisApp", () => {
  const self = { login: "release-pilot[bot]" };
  it.each([
    ["this app's bot user", { login: "release-pilot[bot]", type: "Bot" }, true],
    ["the same, cased differently", { login: "Release-Pilot[bot]", type: "Bot" }, true],
    ["another app's bot", { login: "dependabot[bot]", type: "Bot" }, false],
    ["a person", { login: "mallory", type: "User" }, false],
    ["a user claiming the login without being a bot", { login: "release-pilot[bot]", type: "User" }, false],
    ["nobody (a ghost)", null, false],
  ])("%s: %s", (_name, user, expected) => {
    expect(isThisApp(user, self)).toBe(expected);
  });
});
