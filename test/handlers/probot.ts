// Handler-level tests: the real app loaded into Probot, fed real payloads from
// @octokit/webhooks-examples, with GitHub mocked by nock (no network, every mock used).
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import app from "../../src/app.js";
import { fixedIdentity } from "../../src/github/identity.js";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as {
  name: string;
  examples: (Record<string, unknown> & { action?: string })[];
}[];

export const API = "https://api.github.com";
export const REPO = { owner: "Codertocat", repo: "Hello-World" };

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export function testProbot(): Probot {
  const probot = new Probot({
    appId: 1,
    privateKey,
    // Retries and throttling would turn a missing mock into a slow test instead of a failure.
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    logLevel: "fatal",
  });
  // GitHub is mocked call by call here, so the app's identity (GET /app once per process, kept)
  // is given rather than read; the e2e and in-process tests read it from the emulator.
  probot.load((instance, options) => app(instance, options, fixedIdentity({ login: "release-pilot[bot]" })));
  return probot;
}

/** A real example payload, with an installation so the app authenticates as one. */
export function examplePayload(name: string, action: string | undefined, index = 0): Record<string, unknown> {
  const event = examples.find((entry) => entry.name === name);
  const matching = event?.examples.filter((example) => action === undefined || example.action === action) ?? [];
  const example = matching[index] ?? matching[0];
  if (example === undefined) throw new Error(`no example payload for ${name}.${action}`);
  return structuredClone({ ...example, installation: { id: 1, node_id: "MDIzOkluc3RhbGxhdGlvbjE=" } });
}

/** The installation token every handler asks for first. */
export function mockInstallationToken(scope: nock.Scope): nock.Scope {
  return scope.post("/app/installations/1/access_tokens").reply(201, {
    token: "ghs_test",
    expires_at: "2099-01-01T00:00:00Z",
    permissions: {},
  });
}

export function setupNock(): void {
  nock.disableNetConnect();
}

export function teardownNock(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  if (pending.length > 0) throw new Error(`unused GitHub mocks: ${pending.join(", ")}`);
}
