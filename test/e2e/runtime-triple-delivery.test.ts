// GitHub may deliver an event more than once (a manual redelivery, the reconciler, a timeout it
// took for a failure), and in any order. The Openverse changelog and the slash-command
// scenarios, each delivery sent three times in a shuffled order, must end exactly where the
// same scenarios delivered once end. Both run side by side, each with its own app and repos.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { examplePayload } from "./fixtures/payloads.js";
import {
  apiTag,
  changelogPulls,
  expectNoSecretsInLogs,
  makeSecrets,
  publishRelease,
  seedOpenverse,
  startRuntimeApp,
  storedJobs,
  type RuntimeApp,
} from "../runtime/support/e2e.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const COMMANDS_CONFIG = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
  production: { deploy: { workflow: deploy.yml } }
`;
const SEED = 20_240_101;
const secrets = makeSecrets();
const TAG = apiTag(1);

type Variant = "once" | "thrice";
interface Delivery {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

let gh: Emulator;
const apps = new Map<Variant, RuntimeApp>();

/** mulberry32, so the shuffled order is the same on every run of this seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const repos = (variant: Variant) => ({ openverse: `openverse-${variant}`, web: `web-${variant}`, broken: `broken-${variant}` });

function seedVariant(variant: Variant): void {
  const r = repos(variant);
  seedOpenverse(gh, owner, r.openverse);
  gh.createRepo({ owner, repo: r.web, files: { ".github/release-pilot.yml": COMMANDS_CONFIG, ...workflowsFor(COMMANDS_CONFIG) } });
  gh.createRepo({
    owner,
    repo: r.broken,
    files: { ".github/release-pilot.yml": "environments:\n  prod: { aprovals: 2 }\n", ...workflowsFor("environments:\n  prod: { aprovals: 2 }\n") },
  });
  gh.setPermission(owner, r.web, "maintainer", "write");
  gh.setPermission(owner, r.web, "reader", "read");
  gh.setPermission(owner, r.broken, "maintainer", "admin");
}

function command(repo: string, body: string, login: string, type = "User"): Delivery {
  const number = gh.addIssue({ owner, repo, title: "Release" });
  const commentId = gh.addComment(owner, repo, number, body, login);
  const payload = examplePayload("issue_comment", "created", {
    owner,
    repo,
    installationId: 1,
    sender: login,
    overrides: { issue: { number }, comment: { id: commentId, body, user: { login, type } }, sender: { login, type } },
  });
  return { id: randomUUID(), name: "issue_comment", payload };
}

/** Both scenarios' events, made in the same order for each variant so numbers line up. */
function scenario(variant: Variant): Delivery[] {
  const r = repos(variant);
  return [
    { id: randomUUID(), name: "release", payload: publishRelease(gh, owner, r.openverse, TAG) },
    command(r.web, "/help", "maintainer"),
    command(r.web, "/deploy production", "reader"),
    command(r.web, "/deplyo staging", "maintainer"),
    command(r.web, "/help", "dependabot[bot]", "Bot"),
    command(r.broken, "/help", "maintainer"),
  ];
}

/** Everything the scenarios leave on GitHub, with the variant's repo names taken out. */
function endState(variant: Variant) {
  const r = repos(variant);
  // The reply's hidden marker names the command's comment id, which differs between the repos.
  const plain = (text: string): string => text.replaceAll(`-${variant}`, "").replace(/reply%3A\d+/g, "reply%3A<comment>");
  const threads = (repo: string) =>
    gh.issues(owner, repo).map((issue) => ({
      number: issue.number,
      replies: gh
        .comments(owner, repo, issue.number)
        .filter((c) => c.user.login === "release-pilot[bot]")
        .map((c) => plain(c.body)),
      reactions: gh.comments(owner, repo, issue.number).flatMap((c) => gh.reactions(owner, repo, c.id)),
    }));
  return {
    pulls: gh.pulls(owner, r.openverse).map((p) => ({ title: p.title, head: p.headRef, base: p.baseRef, labels: p.labels })),
    refs: gh.refs(owner, r.openverse).map((ref) => ref.ref),
    web: threads(r.web),
    broken: threads(r.broken),
    writes: gh.calls.filter((c) => c.write && !c.route.startsWith("/app") && Object.values(r).some((name) => c.path.includes(`/${name}/`))).length,
  };
}

function finished(variant: Variant): boolean {
  const state = endState(variant);
  const answered = [...state.web, ...state.broken].filter((t) => t.replies.length > 0).length;
  return changelogPulls(gh, owner, repos(variant).openverse, [TAG]).get(TAG) === 1 && answered === 4;
}

beforeAll(async () => {
  gh = await startEmulator();
  seedVariant("once");
  seedVariant("thrice");
  const [once, thrice] = await Promise.all([startRuntimeApp(gh, secrets), startRuntimeApp(gh, secrets)]);
  apps.set("once", once).set("thrice", thrice);
});

afterAll(async () => {
  for (const app of apps.values()) await app.stop();
  expect(gh.violations).toEqual([]);
  expectNoSecretsInLogs([...apps.values()], gh, secrets);
  await gh?.close();
});

describe("delivering every event three times, shuffled", () => {
  it("ends in the same state as delivering each once", async () => {
    const once = apps.get("once")!;
    const thrice = apps.get("thrice")!;
    const single = scenario("once");
    const tripled = scenario("thrice");
    const order = shuffle([...tripled, ...tripled, ...tripled], seeded(SEED));

    const sendAll = async (app: RuntimeApp, deliveries: readonly Delivery[]) => {
      const statuses: number[] = [];
      for (const d of deliveries) statuses.push((await app.deliver(d.name, d.payload, { deliveryId: d.id })).status);
      return statuses;
    };
    const [onceStatuses, thriceStatuses] = await Promise.all([sendAll(once, single), sendAll(thrice, order)]);
    expect(onceStatuses.every((s) => s === 202)).toBe(true);
    expect(thriceStatuses.every((s) => s === 202)).toBe(true);

    await once.waitFor(() => finished("once") && finished("thrice"), 45_000);
    await thrice.settle(1_500);

    const expected = endState("once");
    expect(expected.pulls).toHaveLength(1);
    expect(endState("thrice")).toEqual(expected);
    expect(
      storedJobs(thrice.dataDir)
        .map((job) => job.id)
        .sort(),
    ).toEqual(tripled.map((d) => d.id).sort());
    console.log(`triple delivery (seed ${SEED}): ${order.length} deliveries, ${storedJobs(thrice.dataDir).length} jobs, ${expected.writes} writes each way`);
  }, 60_000);
});
