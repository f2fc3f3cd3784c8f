// GWCelery's release end to end: `/release` typed in the ticked checklist for 2.6.0 finalises
// CHANGES.rst, tags v2.6.0, publishes the release and goes back to development; a redelivered
// comment changes nothing; a checklist with open boxes is refused.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { commentPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "emfollow";
const repo = "gwcelery";
const CHANGES = readFileSync("test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", "utf8");

function checklist(version: string, ticked: boolean): string {
  const box = ticked ? "x" : " ";
  return `<!-- release-pilot:checklist v=${version} -->\n## Basics\n\n1.  [${box}] Check the changelog\n    - [${box}] Ask the review board\n\n## Test deployment\n\n2.  [${box}] Deploy to playground\n`;
}

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": readFileSync("examples/gwcelery.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/gwcelery.yml", "utf8")),
      "CHANGES.rst": CHANGES,
    },
  });
  gh.addTag(owner, repo, "v2.5.2", "main", "Version 2.5.2");
  gh.setPermission(owner, repo, "leo", "write");
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

function replies(number: number) {
  return gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");
}

function commitMessage(sha: string): string | undefined {
  return mustRepo(gh.state, owner, repo).git.get(sha, "commit")?.message;
}

describe("GWCelery: /release in the release checklist", () => {
  const number = () => gh.issues(owner, repo).find((i) => i.title === "Release version 2.6.0")?.number ?? 0;
  let payload: Record<string, unknown>;

  it("finalises CHANGES.rst, tags v2.6.0, publishes the release and goes back to development", async () => {
    const issue = gh.addIssue({ owner, repo, title: "Release version 2.6.0", body: checklist("2.6.0", true), labels: ["release"] });
    payload = commentPayload(gh, { owner, repo, number: issue, body: "/release", sender: "leo" });
    expect((await app.send("issue_comment", payload)).status).toBeLessThan(300);
    const done = await app.waitFor(() => replies(issue).find((c) => c.body.includes("released release")), 60_000);
    const today = new Date().toISOString().slice(0, 10);

    const tag = gh.tags(owner, repo).find((t) => t.name === "v2.6.0");
    expect(tag).toMatchObject({ annotated: true, message: expect.stringMatching(/^Version 2\.6\.0\n?$/) });
    const released = gh.file(owner, repo, tag!.commit!, "CHANGES.rst") ?? "";
    expect(released.startsWith(`Changelog\n=========\n\n2.6.0 "Akkorokamui" (${today})\n--------------------------------\n\n-   Enabled SSM`)).toBe(true);
    expect(commitMessage(tag!.commit!)).toMatch(/^Update changelog for version 2\.6\.0 "Akkorokamui"; closes #\d+/);

    const head = gh.sha(owner, repo, "main")!;
    expect(commitMessage(head)).toMatch(/^Back to development\./);
    expect(gh.file(owner, repo, head, "CHANGES.rst")).toBe(
      released.replace("=========\n\n", "=========\n\n2.6.1 (unreleased)\n------------------\n\n-   No changes yet.\n\n"),
    );

    const release = gh.releases(owner, repo).find((r) => r.tag_name === "v2.6.0");
    expect(release).toMatchObject({ draft: false, prerelease: false });
    expect(release?.body).toContain("-   Enabled SSM triggers and HasSSM source property");
    expect(done?.body).toContain('released release **2.6.0 "Akkorokamui"**');
    expect(done?.body).toContain("2.6.1");
  });

  it("changes nothing when the same comment is delivered again", async () => {
    const before = {
      head: gh.sha(owner, repo, "main"),
      tags: gh.tags(owner, repo).length,
      releases: gh.releases(owner, repo).length,
      reply: replies(number()).map((c) => c.body),
    };
    expect((await app.send("issue_comment", payload)).status).toBeLessThan(300);
    await app.settle();
    expect(gh.sha(owner, repo, "main")).toBe(before.head);
    expect(gh.tags(owner, repo)).toHaveLength(before.tags);
    expect(gh.releases(owner, repo)).toHaveLength(before.releases);
    expect(replies(number()).map((c) => c.body)).toEqual(before.reply);
  });

  it("refuses while checklist boxes are open, naming them", async () => {
    const issue = gh.addIssue({ owner, repo, title: "Release version 2.6.1", body: checklist("2.6.1", false), labels: ["release"] });
    const head = gh.sha(owner, repo, "main");
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number: issue, body: "/release", sender: "leo" }));
    const [answer] = await app.waitFor(() => (replies(issue).length > 0 ? replies(issue) : undefined), 30_000);
    expect(answer?.body).toContain("Not releasing 2.6.1 yet: 3 of 3 checklist items are still open.");
    expect(answer?.body).toContain("Deploy to playground");
    expect(gh.sha(owner, repo, "main")).toBe(head);
  });
});
