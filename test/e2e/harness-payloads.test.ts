import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../emulator/index.js";
import { commentPayload, pushPayload, releasePayload } from "./fixtures/event-payloads.js";
import { examplePayload } from "./fixtures/payloads.js";

let gh: Emulator;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner: "acme", repo: "web", installationId: 7 });
});

afterAll(async () => {
  await gh.close();
});

describe("webhook payloads", () => {
  it("moves a real example onto the target repository and installation", () => {
    const payload = examplePayload("release", "published", {
      owner: "acme",
      repo: "web",
      installationId: 7,
      sender: "alice",
      overrides: { release: { tag_name: "v2.0.0" } },
    });
    expect(payload).toMatchObject({
      action: "published",
      repository: { name: "web", full_name: "acme/web", owner: { login: "acme" } },
      installation: { id: 7 },
      sender: { login: "alice" },
      release: { tag_name: "v2.0.0" },
    });
    expect(JSON.stringify(payload)).not.toContain("Codertocat/Hello-World");
  });

  it("describes a push with the commits the emulator holds, oldest first", () => {
    const before = gh.sha("acme", "web", "main");
    gh.commit("acme", "web", "main", { "a.txt": "a" }, "first");
    const after = gh.commit("acme", "web", "main", { "a.txt": null, "b.txt": "b" }, "second");
    const payload = pushPayload(gh, { owner: "acme", repo: "web", ref: "main", before });
    expect(payload).toMatchObject({ ref: "refs/heads/main", before, after, created: false, forced: false });
    const commits = payload["commits"] as { message: string; added: string[]; removed: string[] }[];
    expect(commits.map((c) => c.message)).toEqual(["first", "second"]);
    expect(commits[1]).toMatchObject({ added: ["b.txt"], removed: ["a.txt"] });
  });

  it("adds the comment to the emulator before describing it", () => {
    const number = gh.addIssue({ owner: "acme", repo: "web", title: "Release 1.0" });
    const payload = commentPayload(gh, { owner: "acme", repo: "web", number, body: "/release patch", sender: "bob" });
    const comment = payload["comment"] as { id: number; body: string; user: { login: string } };
    expect(comment).toMatchObject({ body: "/release patch", user: { login: "bob" } });
    expect(gh.comments("acme", "web", number).map((c) => c.id)).toEqual([comment.id]);
  });

  it("describes a release from the emulator's state", () => {
    const releaseId = gh.addRelease({ owner: "acme", repo: "web", tag: "v1.0.0" });
    const payload = releasePayload(gh, { owner: "acme", repo: "web", releaseId });
    expect(payload).toMatchObject({ action: "published", release: { id: releaseId, tag_name: "v1.0.0", draft: false } });
  });
});
