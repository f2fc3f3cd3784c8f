// The verify loop against a real HTTP server on 127.0.0.1; sleep and the clock are fake, so the
// backoff is observed without waiting for it. The server is reached only through the test
// allowance for loopback (VERIFY_ALLOW_LOOPBACK); without it the same server is refused, as is
// every private or link-local address, after DNS and on redirects (item 7 of #12).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pollVerify, realIO, type VerifyIO } from "../../src/runtime/verify-io.js";

const NEW = "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5";
const OLD = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
});

type Answer = string | ((response: ServerResponse, base: string) => void);

/** Serves the given bodies in turn, then the last one for ever. */
async function versionServer(bodies: readonly Answer[]): Promise<{ url: string; base: string; hits: () => number }> {
  let hits = 0;
  let base = "";
  server = createServer((_, response) => {
    const body = bodies[Math.min(hits, bodies.length - 1)] ?? "";
    hits += 1;
    if (typeof body === "string") response.end(body);
    else body(response, base);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { url: `${base}/version`, base, hits: () => hits };
}

function fakeTime(allowLoopback = true): VerifyIO & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { fetch: realIO({ allowLoopback }).fetch, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

const redirect = (to: string) => (response: ServerResponse, base: string) => {
  response.writeHead(302, { location: to.startsWith("/") ? `${base}${to}` : to });
  response.end();
};

describe("pollVerify", () => {
  it("keeps asking with growing waits until the new sha answers", async () => {
    const endpoint = await versionServer([OLD, OLD, `{"sha":"${NEW}"}`]);
    const io = fakeTime();
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 60_000 }, io);
    expect(result).toEqual({ kind: "succeed", description: `Verified ${endpoint.url}` });
    expect(io.slept).toEqual([2_000, 4_000]);
    expect(endpoint.hits()).toBe(3);
  });

  it("gives up at the timeout with what the URL answered last", async () => {
    const endpoint = await versionServer([OLD]);
    const io = fakeTime();
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 20_000 }, io);
    expect(result).toEqual({ kind: "fail", description: `verify: ${endpoint.url} answered HTTP 200 without ${NEW}` });
    expect(io.slept).toEqual([2_000, 4_000, 8_000, 6_000]);
  });

  it("reports a URL nobody answers", async () => {
    const io = fakeTime();
    const result = await pollVerify({ url: "http://127.0.0.1:9/version", expected: NEW, timeoutMs: 3_000 }, io);
    expect(result.kind).toBe("fail");
    expect(result.description).toBe("verify: http://127.0.0.1:9/version could not be read: ECONNREFUSED");
  });
});

describe("pollVerify refuses what the config must not reach", () => {
  it("does not read a loopback server without the test allowance", async () => {
    const endpoint = await versionServer([NEW]);
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 0 }, fakeTime(false));
    expect(result).toEqual({
      kind: "fail",
      description: `verify: ${endpoint.url} could not be read: the address is private, loopback, link-local or reserved`,
    });
    expect(endpoint.hits()).toBe(0);
  });

  it("refuses a name that resolves to loopback, after DNS", async () => {
    const endpoint = await versionServer([NEW]);
    const url = endpoint.url.replace("127.0.0.1", "localhost");
    const result = await pollVerify({ url, expected: NEW, timeoutMs: 0 }, fakeTime(false));
    expect(result.description).toBe(`verify: ${url} could not be read: the address is private, loopback, link-local or reserved`);
    expect(endpoint.hits()).toBe(0);
  });

  it.each(["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/version", "http://[::ffff:169.254.169.254]/"])(
    "refuses a redirect to %s, even with loopback allowed for the test",
    async (target) => {
      const endpoint = await versionServer([redirect(target)]);
      const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 0 }, fakeTime());
      expect(result.description).toBe(`verify: ${endpoint.url} could not be read: the address is private, loopback, link-local or reserved`);
    },
  );

  it("refuses a redirect to another scheme", async () => {
    const endpoint = await versionServer([redirect("file:///etc/passwd")]);
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 0 }, fakeTime());
    expect(result.description).toBe(`verify: ${endpoint.url} could not be read: a redirect to a file: URL`);
  });

  it("follows a few redirects, and stops after three", async () => {
    const followed = await versionServer([redirect("/a"), redirect("/b"), NEW]);
    expect(await pollVerify({ url: followed.url, expected: NEW, timeoutMs: 0 }, fakeTime())).toEqual({
      kind: "succeed",
      description: `Verified ${followed.url}`,
    });
    await new Promise((resolve) => server!.close(resolve));
    const looping = await versionServer([redirect("/again")]);
    const result = await pollVerify({ url: looping.url, expected: NEW, timeoutMs: 0 }, fakeTime());
    expect(result.description).toBe(`verify: ${looping.url} could not be read: more than 3 redirects`);
    expect(looping.hits()).toBe(4);
  });

  it("reads at most 64 KiB and never publishes what the server sent", async () => {
    const secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI";
    const endpoint = await versionServer([`${secret}\n${"x".repeat(70 * 1024)}${NEW}`]);
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 0 }, fakeTime());
    expect(result).toEqual({ kind: "fail", description: `verify: ${endpoint.url} answered HTTP 200 without ${NEW}` });
    expect(result.description).not.toContain("AWS");
  });

  it("stops reading a body that never ends", async () => {
    const endpoint = await versionServer([
      (response) => {
        const chunk = "y".repeat(16 * 1024);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once("drain", pump);
        };
        pump();
      },
    ]);
    const result = await pollVerify({ url: endpoint.url, expected: NEW, timeoutMs: 0 }, fakeTime());
    expect(result.description).toBe(`verify: ${endpoint.url} answered HTTP 200 without ${NEW}`);
  });
});
