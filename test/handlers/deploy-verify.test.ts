// The verify loop against a real HTTP server on 127.0.0.1; sleep and the clock are fake, so the
// backoff is observed without waiting for it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pollVerify, realIO, type VerifyIO } from "../../src/handlers/deploy/verify.js";

const NEW = "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5";
const OLD = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
});

/** Serves the given bodies in turn, then the last one for ever. */
async function versionServer(bodies: readonly string[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_, response) => {
    const body = bodies[Math.min(hits, bodies.length - 1)] ?? "";
    hits += 1;
    response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/version`, hits: () => hits };
}

function fakeTime(): VerifyIO & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { fetch: realIO.fetch, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

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
    expect(result).toEqual({ kind: "fail", description: `verify: ${endpoint.url} answered ${OLD}` });
    expect(io.slept).toEqual([2_000, 4_000, 8_000, 6_000]);
  });

  it("reports a URL nobody answers", async () => {
    const io = fakeTime();
    const result = await pollVerify({ url: "http://127.0.0.1:9/version", expected: NEW, timeoutMs: 3_000 }, io);
    expect(result.kind).toBe("fail");
    expect(result.description).toMatch(/^verify: http:\/\/127\.0\.0\.1:9\/version could not be reached: /);
  });
});
