import { describe, expect, it } from "vitest";
import type { ChecklistTrigger } from "../../../src/policy/checklist/settings.js";
import { versionForTrigger } from "../../../src/policy/checklist/trigger.js";

describe("versionForTrigger", () => {
  it.each<[ChecklistTrigger, string]>([
    [{ kind: "release-branch", branch: "release/v2.6" }, "2.6.0"],
    [{ kind: "release-branch", branch: "release/2.6" }, "2.6.0"],
    [{ kind: "release-branch", branch: "refs/heads/release/v2.6" }, "2.6.0"],
    [{ kind: "release-branch", branch: "release/v2.6.1" }, "2.6.1"],
    [{ kind: "prerelease", tag: "v2.6.0rc1" }, "2.6.0"],
    [{ kind: "prerelease", tag: "v2.5.1rc1" }, "2.5.1"],
    [{ kind: "prerelease", tag: "2.6.0-rc.1" }, "2.6.0"],
    [{ kind: "prerelease", tag: "v2.6.0-beta.2" }, "2.6.0"],
    [{ kind: "prerelease", tag: "10.8.5.RC1" }, "10.8.5"],
    [{ kind: "prerelease", tag: "2.6.0a1" }, "2.6.0"],
    [{ kind: "prerelease", tag: "api-v1.4.0rc2" }, "1.4.0"],
    [{ kind: "prerelease", tag: "v2.6.0" }, "2.6.0"],
    [{ kind: "draft-release", tag: "v2.6.0" }, "2.6.0"],
    [{ kind: "draft-release", tag: "0.8.5.1" }, "0.8.5.1"],
    [{ kind: "command", version: "2.6.0" }, "2.6.0"],
    [{ kind: "command", version: "v2.7" }, "2.7.0"],
    [{ kind: "command", version: " 2.6.0rc1 " }, "2.6.0"],
  ])("reads %j as %s", (trigger, version) => {
    expect(versionForTrigger(trigger)).toEqual({ version });
  });

  it.each<[ChecklistTrigger, string]>([
    [{ kind: "release-branch", branch: "main" }, 'branch "main" is not a release branch such as release/v2.6'],
    [{ kind: "release-branch", branch: "release/next" }, 'branch "release/next" is not a release branch such as release/v2.6'],
    [{ kind: "release-branch", branch: "feature/release/v2.6" }, 'branch "feature/release/v2.6" is not a release branch such as release/v2.6'],
    [{ kind: "prerelease", tag: "nightly" }, 'tag "nightly" does not name a version such as 2.6.0 or v2.6.0rc1'],
    [{ kind: "prerelease", tag: "v2" }, 'tag "v2" does not name a version such as 2.6.0 or v2.6.0rc1'],
    [{ kind: "draft-release", tag: "v2.6.0.post1" }, 'tag "v2.6.0.post1" does not name a version such as 2.6.0 or v2.6.0rc1'],
    [{ kind: "command", version: "latest" }, 'version "latest" does not name a version such as 2.6.0 or v2.6.0rc1'],
  ])("gives no version for %j", (trigger, reason) => {
    expect(versionForTrigger(trigger)).toEqual({ reason });
  });
});
