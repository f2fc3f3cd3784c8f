// Items 7, 8 and 10 of #12, through the built app as its own process: config values and
// unauthenticated requests that reach the network or the CPU are bounded.
// - verify.url: a literal internal address is refused by the config check (the bot never asks
//   it); a redirect to the metadata service is refused after the first hop; a body that does not
//   match is never published.
// - a glob that made the old matcher backtrack for minutes costs nothing, and the other app's
//   deploy goes ahead.
// - intake: 40 parallel 24 MB bodies keep the process's peak memory bounded; a client sending
//   headers or body too slowly gets 408 and is cut off; a sender hanging up is logged below error.
// Every test server listens on 127.0.0.1 only.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const SECRET_BODY = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG";

let gh: Emulator;
/** The app as deployed: no loopback allowance, fast intake timeouts for the test. */
let strict: AppProcess;
/** The app with the test-only loopback allowance, so a local server stands in for a public one. */
let loopback: AppProcess;
let internal: Server;
let internalHits = 0;
let internalUrl = "";

beforeAll(async () => {
  internal = createServer((request, response) => {
    internalHits += 1;
    if (request.url === "/redirect") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" });
      response.end();
    } else response.end(SECRET_BODY);
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;

  gh = await startEmulator();
  const verifyConfig = (path: string) =>
    [
      "environments:",
      "  production:",
      '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
      `    verify: { url: "${internalUrl}${path}", expect: "{sha}", timeout: 1s }`,
    ].join("\n");
  gh.createRepo({
    owner,
    repo: "internal",
    defaultBranch: "main",
    files: { ".github/release-pilot.yml": verifyConfig("/version"), ...workflowsFor(verifyConfig("/version")), "app.py": "" },
  });
  gh.createRepo({
    owner,
    repo: "redirected",
    defaultBranch: "main",
    files: { ".github/release-pilot.yml": verifyConfig("/redirect"), ...workflowsFor(verifyConfig("/redirect")), "app.py": "" },
  });
  gh.createRepo({
    owner,
    repo: "leaky",
    defaultBranch: "main",
    files: { ".github/release-pilot.yml": verifyConfig("/version"), ...workflowsFor(verifyConfig("/version")), "app.py": "" },
  });
  const globs = [
    "apps:",
    '  api: { paths: ["api/**"], tag: "api-{version}" }',
    '  weird: { paths: ["*a*a*a*a*a*a*a*a*a*a!"], tag: "weird-{version}" }',
    "environments:",
    "  staging:",
    "    follows: { branch: main }",
    '    deploy: { workflow: deploy-staging.yml, inputs: { app: "{app}" } }',
  ].join("\n");
  gh.createRepo({ owner, repo: "monorepo", defaultBranch: "main", files: { ".github/release-pilot.yml": globs, ...workflowsFor(globs), "api/manage.py": "" } });
  for (const repo of ["internal", "redirected", "leaky", "monorepo"]) gh.setPermission(owner, repo, "dev", "maintain");

  const intakeEnv = { INTAKE_HEADERS_TIMEOUT_MS: "1000", INTAKE_BODY_TIMEOUT_MS: "1000" };
  [strict, loopback] = await Promise.all([startApp({ emulator: gh, env: intakeEnv }), startApp({ emulator: gh, env: { VERIFY_ALLOW_LOOPBACK: "1" } })]);
}, 60_000);

afterAll(async () => {
  await strict?.stop();
  await loopback?.stop();
  await gh?.close();
  internal?.closeAllConnections();
  await new Promise((resolve) => internal?.close(resolve));
});

const botComments = (repo: string, number: number) => gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");
const statusesOf = (repo: string, id: number) => [...(gh.deployments(owner, repo).find((d) => d.id === id)?.statuses ?? [])].sort((a, b) => a.id - b.id);

/** /deploy production, the workflow reports success, and GitHub delivers that status to the app. */
async function deployAndSucceed(app: AppProcess, repo: string): Promise<{ sha: string; id: number; number: number }> {
  const sha = gh.commit(owner, repo, "main", { "app.py": `# ${randomUUID()}` }, "Change the app", "dev");
  const number = gh.addIssue({ owner, repo, title: "Ship it" });
  await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: "/deploy production", sender: "dev" }));
  await app.waitFor(() => gh.workflowDispatches.find((d) => d.repo === repo && d.inputs["ref"] === sha), 20_000);
  await app.settle();
  const deployment = gh.deployments(owner, repo).find((d) => d.sha === sha)!;
  const res = await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${deployment.id}/statuses`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken("ansible")}`, "content-type": "application/json" },
    body: JSON.stringify({ state: "success" }),
  });
  expect(res.status).toBe(201);
  await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: deployment.id }));
  return { sha, id: deployment.id, number };
}

/** Every deployment (with statuses) and comment the bot wrote on the repository's issue. */
function everythingPublished(repo: string, number: number): string {
  return JSON.stringify(gh.deployments(owner, repo)) + JSON.stringify(gh.comments(owner, repo, number));
}

describe("verify.url never reaches inside the network, and never echoes", () => {
  it("refuses a config naming 127.0.0.1 in one sentence, and the bot never asks it", async () => {
    const number = gh.addIssue({ owner, repo: "internal", title: "Ship it" });
    await strict.send("issue_comment", commentPayload(gh, { owner, repo: "internal", number, body: "/deploy production", sender: "dev" }));
    const reply = await strict.waitFor(() => botComments("internal", number)[0], 20_000);
    expect(reply.body).toContain("127.0.0.1 is a loopback address, and verify only reads public addresses");
    expect(gh.workflowDispatches.filter((d) => d.repo === "internal")).toEqual([]);
    expect(internalHits).toBe(0);
  }, 60_000);

  it("refuses a redirect to the metadata service after the first hop", async () => {
    const before = internalHits;
    const { id } = await deployAndSucceed(loopback, "redirected");
    const failed = await loopback.waitFor(() => statusesOf("redirected", id).find((s) => s.state === "failure"), 30_000);
    expect(failed.description).toBe(`verify: ${internalUrl}/redirect could not be read: the address is private, loopback, link-local or reserved`);
    expect(internalHits).toBeGreaterThan(before);
  }, 60_000);

  it("says the answer did not match without publishing it", async () => {
    const { id, sha, number } = await deployAndSucceed(loopback, "leaky");
    const failed = await loopback.waitFor(() => statusesOf("leaky", id).find((s) => s.state === "failure"), 30_000);
    expect(failed.description).toBe(`verify: ${internalUrl}/version answered HTTP 200 without ${sha}`.slice(0, 140));
    await loopback.settle();
    expect(everythingPublished("leaky", number)).not.toContain("wJalrXUtnFEMI");
    expect(loopback.logs.join("\n")).not.toContain("wJalrXUtnFEMI");
    expect(gh.violations).toEqual([]);
  }, 60_000);
});

describe("globs match in linear time", () => {
  it("deploys the app a push touched, while a glob that froze the old matcher meets a long file name", async () => {
    const sha = gh.commit(owner, "monorepo", "main", { "api/views.py": "# new", [`${"a".repeat(80)}`]: "x" }, "Add a view", "dev");
    const started = Date.now();
    await strict.send("push", pushPayload(gh, { owner, repo: "monorepo", ref: "main", sender: "dev" }));
    const dispatch = await strict.waitFor(() => gh.workflowDispatches.find((d) => d.repo === "monorepo"), 20_000);
    expect(dispatch.inputs).toMatchObject({ app: "api" });
    // The process still answers at once: nothing holds its one thread.
    const ping = await fetch(`${strict.url}/ping`, { signal: AbortSignal.timeout(5_000) });
    expect(ping.status).toBe(200);
    await strict.settle();
    expect(gh.workflowDispatches.filter((d) => d.repo === "monorepo").map((d) => d.inputs["app"])).toEqual(["api"]);
    expect(gh.deployments(owner, "monorepo").map((d) => d.sha)).toEqual([sha]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

/** Peak resident memory of a process (Linux), in bytes. */
function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

/** Raw request on a socket: whatever the app writes back before closing, and when it closed. */
function rawRequest(app: AppProcess, head: string, dribble: () => string, everyMs: number): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(app.port, "127.0.0.1");
    let answer = "";
    socket.write(head);
    const timer = setInterval(() => socket.writable && socket.write(dribble()), everyMs);
    socket.on("data", (data) => (answer += data.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, ms: Date.now() - started });
    });
  });
}

const webhookHead = (length: number) =>
  "POST /api/github/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n" +
  `content-length: ${length}\r\nx-github-event: push\r\nx-github-delivery: ${randomUUID()}\r\nx-hub-signature-256: sha256=00\r\n\r\n`;

describe("intake under unauthenticated load", () => {
  it("keeps peak memory bounded under 40 parallel 24 MB bodies, answering 503 beyond the bytes in flight", async () => {
    // The app with the default bounds (the strict one has 1 s body timeouts for the tests below).
    const app = loopback;
    const before = peakRss(app.pid!);
    const body = new Uint8Array(24 * 1024 * 1024).fill(0x20);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => {
        try {
          const res = await fetch(`${app.url}/api/github/webhooks`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": "sha256=00" },
            body,
            signal: AbortSignal.timeout(60_000),
          });
          await res.text();
          return res.status;
        } catch {
          return 0; // the connection was cut: no answer at all
        }
      }),
    );
    const grown = peakRss(app.pid!) - before;
    console.log(`peak RSS ${Math.round(before / 2 ** 20)} MB -> ${Math.round((before + grown) / 2 ** 20)} MB; answers ${JSON.stringify(statuses)}`);
    // Accepted bodies are checked and refused (wrong signature); the rest wait for no memory.
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    // The rest get a clean 503 (their bodies read and dropped), which GitHub records as failed.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    // Four 24 MB bodies in flight at most (100 MB), each read once, joined once and decoded once:
    // a few hundred MB. Unbounded, 40 bodies took the process from 107 MB to 961 MB.
    expect(grown).toBeLessThan(450 * 1024 * 1024);
    // And the app still takes a real webhook afterwards.
    const ok = await app.send("ping", { zen: "Keep it logically awesome.", hook_id: 1 });
    expect(ok.status).toBe(202);
  }, 120_000);

  it("answers 408 and closes the connection when the headers come too slowly", async () => {
    const { answer, ms } = await rawRequest(strict, "POST /api/github/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\n", () => "x-slow: 1\r\n", 200);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it("answers 408 and closes the connection when the body comes too slowly", async () => {
    const { answer, ms } = await rawRequest(strict, webhookHead(10_000), () => " ", 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain("body not received within 1000 ms");
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it("logs a sender that hangs up mid-body below error level", async () => {
    const socket = connect(strict.port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.write(webhookHead(100_000));
    socket.write("{".repeat(1_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    const logged = await strict.waitFor(() => strict.jsonLogs().find((entry) => entry["msg"] === "webhook upload aborted by the sender"), 10_000);
    expect(logged["level"]).toBe(30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(strict.errorLogs()).toEqual([]);
  }, 30_000);
});
