// UKRDC's release end to end: `/release rc` cuts 10.8.5rc1 after 10.8.4, `/release final` cuts
// 10.8.5, and publishing 10.8.5 opens the pull request raising ukrdc-webapi's pin.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, releasePayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "renalreg";
const repo = "ukrdc-services";
const VERSION_FILE = "ukrdc/services/__init__.py";
const REQUIREMENTS = "fastapi==0.110.0\nukrdc-services==10.8.4\nsqlalchemy==2.0.29\n";

let gh: Emulator;
let app: AppProcess;
let issue: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/ukrdc.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/ukrdc.yml", "utf8")),
      [VERSION_FILE]: '"""UKRDC services."""\n\n__version__ = "10.8.4"\n',
    },
  });
  gh.createRepo({ owner, repo: "ukrdc-webapi", defaultBranch: "master", files: { "requirements.txt": REQUIREMENTS } });
  gh.createBranch(owner, "ukrdc-webapi", "release", "master");
  gh.setPermission(owner, repo, "joel", "write");
  issue = gh.addIssue({ owner, repo, title: "Release 10.8.5" });
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

async function command(body: string, marker: string): Promise<string> {
  await app.send("issue_comment", commentPayload(gh, { owner, repo, number: issue, body, sender: "joel" }));
  const reply = await app.waitFor(() => gh.comments(owner, repo, issue).find((c) => c.user.login === "release-pilot[bot]" && c.body.includes(marker)), 60_000);
  return reply.body;
}

function versionAt(ref: string): string | undefined {
  return /__version__ = "([^"]+)"/.exec(gh.file(owner, repo, ref, VERSION_FILE) ?? "")?.[1];
}

describe("UKRDC: candidate, final, downstream pin", () => {
  it("/release rc cuts 10.8.5rc1 as a pre-release with the version file bumped", async () => {
    await command("/release rc", "10.8.5rc1**");
    expect(versionAt("v10.8.5rc1")).toBe("10.8.5rc1");
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5rc1")).toMatchObject({ prerelease: true, draft: false });
  });

  it("/release final cuts 10.8.5", async () => {
    await command("/release final", "10.8.5**");
    expect(versionAt("v10.8.5")).toBe("10.8.5");
    expect(versionAt("master")).toBe("10.8.5");
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5")).toMatchObject({ prerelease: false });
  });

  it("publishing 10.8.5 opens the pin pull request in ukrdc-webapi, once", async () => {
    const release = gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5");
    const payload = releasePayload(gh, { owner, repo, releaseId: release!.id });
    await app.send("release", payload);
    const pull = await app.waitFor(() => gh.pulls(owner, "ukrdc-webapi")[0], 30_000);
    expect(pull).toMatchObject({ headRef: "release-pilot/pin-ukrdc-services-10.8.5", baseRef: "release", title: "Raise ukrdc-services to 10.8.5" });
    expect(gh.file(owner, "ukrdc-webapi", pull.headSha, "requirements.txt")).toBe(REQUIREMENTS.replace("==10.8.4", "==10.8.5"));

    await app.send("release", payload);
    await app.settle();
    expect(gh.pulls(owner, "ukrdc-webapi")).toHaveLength(1);
  });
});
