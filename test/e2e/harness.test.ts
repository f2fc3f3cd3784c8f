import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../emulator/index.js";
import { examplePayload } from "./fixtures/payloads.js";
import { type AppProcess, startApp } from "./harness.js";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner: "acme", repo: "web" });
  app = await startApp({ emulator: gh, appPath: "./test/e2e/fixtures/echo-app.js" });
});

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

describe("the e2e harness", () => {
  it("delivers a signed issues.opened webhook and the app's comment lands in the emulator", async () => {
    const number = gh.addIssue({ owner: "acme", repo: "web", title: "Bug" });
    const payload = examplePayload("issues", "opened", { owner: "acme", repo: "web", installationId: 1, overrides: { issue: { number } } });
    const sent = await app.send("issues", payload);
    expect(sent.status).toBe(200);
    const comment = await app.waitFor(() => gh.comments("acme", "web", number)[0]);
    expect(comment.body).toBe("hello");
    expect(comment.user.login).toBe("release-pilot[bot]");
    expect(gh.violations).toEqual([]);
  });

  it("loads the app's config from the repository through context.config()", async () => {
    gh.createRepo({ owner: "acme", repo: "api", files: { ".github/echo.yml": "greeting: hi there\n" } });
    const number = gh.addIssue({ owner: "acme", repo: "api", title: "Question" });
    const payload = examplePayload("issues", "opened", { owner: "acme", repo: "api", overrides: { issue: { number } } });
    expect((await app.send("issues", payload)).status).toBe(200);
    const comment = await app.waitFor(() => gh.comments("acme", "api", number)[0]);
    expect(comment.body).toBe("hi there");
    expect(gh.violations).toEqual([]);
  });

  it("has the app authenticate through the emulator's installation token endpoint", () => {
    expect(gh.calls.map((c) => `${c.method} ${c.route}`)).toContain("POST /app/installations/{installation_id}/access_tokens");
    expect(gh.state.hookDeliveries.map((d) => d.event)).toContain("issues");
  });

  it("rejects a webhook signed with the wrong secret", async () => {
    const payload = examplePayload("issues", "opened", { owner: "acme", repo: "web" });
    const sent = await app.send("issues", payload, { secret: "wrong" });
    expect(sent.status).toBeGreaterThanOrEqual(400);
  });

  it("collects the app's JSON log lines", () => {
    expect(app.jsonLogs().length).toBeGreaterThan(0);
    // The only error is the rejected signature from the test above.
    const errors = app.errorLogs().map((entry) => String((entry["err"] as { message?: string } | undefined)?.message));
    expect(errors.every((message) => message.includes("signature does not match"))).toBe(true);
  });

  it("settles once the app stops calling the API, for asserting that nothing happened", async () => {
    gh.resetCalls();
    await app.send("issues", examplePayload("issues", "labeled", { owner: "acme", repo: "web" }));
    await app.settle(300);
    expect(gh.counts()).toEqual({ reads: 0, writes: 0, total: 0, points: 0 });
  });

  it("stops the app process with SIGTERM", async () => {
    const extra = await startApp({ emulator: gh, appPath: "./test/e2e/fixtures/echo-app.js" });
    await extra.stop();
    await expect(fetch(`${extra.url}/ping`)).rejects.toThrow();
  });
});
