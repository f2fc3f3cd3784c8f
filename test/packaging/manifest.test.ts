// app.yml as Probot's setup flow reads it (`npm start` without credentials): the manifest it
// sends GitHub must register the webhook where this app listens, not at a placeholder.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// Probot's package exports only its index; the manifest code is loaded from its file, as Probot
// itself loads it for the setup flow.
const require = createRequire(import.meta.url);
const probotLib = dirname(require.resolve("probot"));
const { ManifestCreation } = (await import(join(probotLib, "manifest-creation.js"))) as {
  ManifestCreation: new () => { getManifest(options: { pkg: Record<string, unknown>; baseUrl: string }): string };
};
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Record<string, unknown>;

function manifest(): { hook_attributes: { url: string }; default_events: string[]; default_permissions: Record<string, string> } {
  return JSON.parse(new ManifestCreation().getManifest({ pkg, baseUrl: "https://bot.example.org" }));
}

afterEach(() => {
  delete process.env["WEBHOOK_PROXY_URL"];
});

describe("app.yml through Probot's setup flow", () => {
  it("registers the webhook at this server, whose root the intake takes", () => {
    expect(manifest().hook_attributes.url).toBe("https://bot.example.org/");
  });

  it("registers the webhook at WEBHOOK_PROXY_URL for local development", () => {
    process.env["WEBHOOK_PROXY_URL"] = "https://smee.io/abc";
    expect(manifest().hook_attributes.url).toBe("https://smee.io/abc");
  });

  it("keeps the events and permissions app.yml names", () => {
    expect(manifest().default_events).toContain("issue_comment");
    expect(manifest().default_permissions).toMatchObject({ deployments: "write", contents: "write" });
  });
});
