// Config values that reach the network or the CPU are bounded (items 7 and 8 of #12): verify
// never names a private, loopback or link-local address or a non-http scheme, and app globs are
// few and short enough to match cheaply. Each refusal is one sentence at the field's path.
import { describe, expect, it } from "vitest";
import { parseConfig, type ConfigIssue } from "../../../src/policy/config/index.js";
import { verifyUrlProblem } from "../../../src/policy/config/verify-url.js";

const context = { repo: "octo-org/widget" };

function errorsOf(raw: unknown): readonly ConfigIssue[] {
  const result = parseConfig(raw, context);
  return result.ok ? [] : result.errors;
}

const withVerify = (url: string) => ({
  environments: { production: { deploy: { workflow: "deploy.yml" }, verify: { url, expect: "{sha}" } } },
});
const withPaths = (paths: unknown) => ({ apps: { api: { paths } } });

describe("verify.url", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["http://localhost:8080/version", "localhost is a loopback address"],
    ["http://api.localhost/version", "api.localhost is a loopback address"],
    ["http://127.0.0.1/version", "127.0.0.1 is a loopback address"],
    ["http://2130706433/version", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/version", "127.0.0.1 is a loopback address"],
    ["http://10.0.0.7/version", "10.0.0.7 is a private address"],
    ["http://172.20.1.1/version", "172.20.1.1 is a private address"],
    ["http://192.168.1.1/version", "192.168.1.1 is a private address"],
    ["http://0.0.0.0/version", "0.0.0.0 is an unspecified address"],
    ["http://[::1]/version", "[::1] is a loopback address"],
    ["http://[0:0::1]/version", "[::1] is a loopback address"],
    ["http://[fe80::1]/version", "[fe80::1] is a link-local address"],
    ["http://[fd00::5]/version", "[fd00::5] is a private address"],
    ["http://[::ffff:169.254.169.254]/version", "[::ffff:a9fe:a9fe] is a link-local address"],
  ])("refuses %s", (url, start) => {
    const expected = `${start}, and verify only reads public addresses; use the environment's public URL, such as https://example.com/version`;
    expect(errorsOf(withVerify(url))).toEqual([{ path: "environments.production.verify.url", message: expected }]);
  });

  it("refuses a scheme other than http or https", () => {
    expect(errorsOf(withVerify("file:///etc/passwd"))).toEqual([
      { path: "environments.production.verify.url", message: "verify reads http or https URLs, not file:; use a URL such as https://example.com/version" },
    ]);
  });

  it.each(["https://api.openverse.org/version", "http://172.32.0.1/v", "http://[2001:db8::1]/v", "https://8.8.8.8/v", "https://localhost.example.com/v"])(
    "accepts the public %s",
    (url) => {
      expect(verifyUrlProblem(url)).toBeUndefined();
      expect(errorsOf(withVerify(url))).toEqual([]);
    },
  );
});

describe("apps.*.paths", () => {
  it("refuses more globs than an app may list", () => {
    expect(errorsOf(withPaths(Array.from({ length: 101 }, (_, i) => `dir${i}/**`)))).toEqual([
      { path: "apps.api.paths", message: "an app lists at most 100 globs; join them with ** or {a,b}" },
    ]);
  });

  it("refuses a glob too long, once", () => {
    expect(errorsOf(withPaths([`${"a".repeat(300)}/**`]))).toEqual([{ path: "apps.api.paths[0]", message: "a glob has at most 256 characters" }]);
  });

  it("refuses a glob whose braces expand too far", () => {
    expect(errorsOf(withPaths(["{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}/**"]))).toEqual([
      { path: "apps.api.paths[0]", message: "a glob expands to at most 32 alternatives; use fewer {a,b} groups or list the globs one by one" },
    ]);
  });

  it("refuses a glob with more stars than a match can afford", () => {
    expect(errorsOf(withPaths(["*a".repeat(17)]))).toEqual([
      { path: "apps.api.paths[0]", message: "a glob has at most 16 * or ** wildcards; this one has 17" },
    ]);
  });

  it("accepts the glob that froze the old matcher: it is short, and matching it is now linear", () => {
    expect(errorsOf(withPaths(["*a*a*a*a*a*a*a*a*a*a!", "api/**", "src/*.{ts,js}"]))).toEqual([]);
  });
});

describe("verify.url under tests (VERIFY_ALLOW_LOOPBACK)", () => {
  it("lets a loopback URL through only when the loader says so, and nothing else private", () => {
    const loopback = parseConfig(withVerify("http://127.0.0.1:8080/version"), { ...context, verifyMayReadLoopback: true });
    expect(loopback.ok).toBe(true);
    const metadata = parseConfig(withVerify("http://169.254.169.254/"), { ...context, verifyMayReadLoopback: true });
    expect(metadata.ok ? [] : metadata.errors.map((e) => e.path)).toEqual(["environments.production.verify.url"]);
  });
});
