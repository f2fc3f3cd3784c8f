// Issue #15 end to end: `/release` against the strict emulator in a SemVer and a PEP 440
// repository, started as its own process. A typed pre-release is tagged as typed (SemVer) or in
// the scheme's normal form with the answer saying so (PEP 440); a level keeps the spelling of the
// project's own pre-release tags; a version the scheme does not read is refused and nothing is
// tagged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";

let gh: Emulator;
let app: AppProcess;

function seed(repo: string, scheme: "semver" | "pep440", tags: readonly string[]): number {
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": `versioning:\n  scheme: ${scheme}\n`, "README.md": "widget\n" } });
  for (const tag of tags) gh.addTag(owner, repo, tag, "main");
  gh.setPermission(owner, repo, "ana", "write");
  return gh.addIssue({ owner, repo, title: "Release" });
}

beforeAll(async () => {
  gh = await startEmulator();
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

/** Types `body`, waits for the answer that contains `marker`, and gives it. */
async function release(repo: string, issue: number, body: string, marker: string): Promise<string> {
  await commentAs(gh, owner, repo, issue, body, "ana");
  const answer = await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes(marker)), 60_000);
  await app.settle();
  return answer.body;
}

const tagNames = (repo: string) => gh.tags(owner, repo).map((t) => t.name);
const releaseOf = (repo: string, tag: string) => gh.releases(owner, repo).find((r) => r.tag_name === tag);

describe("/release in a SemVer repository whose candidates are spelt -rcN", () => {
  const repo = "widget";
  let issue: number;
  beforeAll(() => {
    issue = seed(repo, "semver", ["v1.2.0", "v1.2.0-rc1"]);
  });

  it("tags /release 1.3.0-rc1 exactly as typed, as a pre-release", async () => {
    await release(repo, issue, "/release 1.3.0-rc1", "released release candidate");
    expect(tagNames(repo)).toContain("v1.3.0-rc1");
    expect(releaseOf(repo, "v1.3.0-rc1")?.prerelease).toBe(true);
  }, 90_000);

  it("cuts the next candidate on /release rc in the project's -rcN spelling", async () => {
    const issue2 = gh.addIssue({ owner, repo, title: "Candidate" });
    await release(repo, issue2, "/release rc", "released release candidate");
    expect(tagNames(repo)).toContain("v1.3.0-rc2");
  }, 90_000);

  it("refuses /release 1.4 with the nearest SemVer version and tags nothing", async () => {
    const before = tagNames(repo);
    const issue3 = gh.addIssue({ owner, repo, title: "Typo" });
    const answer = await release(repo, issue3, "/release 1.4", "not a semver version");
    expect(answer).toContain("1.4 is not a semver version; the nearest semver version is 1.4.0, so try /release 1.4.0.");
    expect(tagNames(repo)).toEqual(before);
  }, 90_000);
});

describe("/release in a PEP 440 repository", () => {
  const repo = "pywidget";
  let issue: number;
  beforeAll(() => {
    issue = seed(repo, "pep440", ["v24.1"]);
  });

  it("tags /release 24.2-rc1 in PEP 440's normal form and says so", async () => {
    const answer = await release(repo, issue, "/release 24.2-rc1", "released release candidate");
    expect(tagNames(repo)).toContain("v24.2rc1");
    expect(tagNames(repo)).not.toContain("v24.2-rc1");
    expect(answer).toContain("(PEP 440 writes 24.2-rc1 as 24.2rc1, so that is the version tagged.)");
  }, 90_000);

  it("finishes the candidate as the two-part 24.2 on /release final", async () => {
    const issue2 = gh.addIssue({ owner, repo, title: "Final" });
    await release(repo, issue2, "/release final", "released release");
    expect(tagNames(repo)).toContain("v24.2");
  }, 90_000);
});
