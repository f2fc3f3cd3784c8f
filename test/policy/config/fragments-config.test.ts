// changelog.fragments in the config (issue #15 item 9): the tool's default directory, a directory
// that would leave the repository or reach into an API path refused with the nearest valid form,
// and fragments with a file-per-release changelog warned about.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../../src/policy/config/index.js";

const context = { repo: "octo-org/widget" };
const parsed = (yaml: string) => parseConfig(parse(yaml), context);

describe("changelog.fragments", () => {
  it.each([
    ["towncrier", "changelog.d"],
    ["changesets", ".changeset"],
  ])("defaults the directory of %s to %s", (tool, directory) => {
    const result = parsed(`changelog: { file: CHANGELOG.md, fragments: { tool: ${tool} } }`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.apps[0]?.changelog?.fragments).toEqual({ tool, directory });
  });

  it("keeps a directory it is given", () => {
    const result = parsed("changelog: { file: CHANGES.rst, fragments: { tool: towncrier, directory: docs/newsfragments } }");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.apps[0]?.changelog?.fragments?.directory).toBe("docs/newsfragments");
  });

  it.each(["../secrets", "/etc", "docs/../..", "a?ref=main", "a b", "changelog.d/.."])("refuses the directory %j", (directory) => {
    const result = parsed(`changelog: { file: CHANGELOG.md, fragments: { tool: towncrier, directory: ${JSON.stringify(directory)} } }`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toContain("must be a directory in the repository, e.g. changelog.d or .changeset");
  });

  it("refuses a tool it does not know", () => {
    expect(parsed("changelog: { file: CHANGELOG.md, fragments: { tool: reno } }").ok).toBe(false);
  });

  it("warns that fragments need one changelog file", () => {
    const result = parsed("changelog: { path: 'changes/{version}.md', fragments: { tool: towncrier } }");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toContainEqual({
      path: "changelog.fragments",
      message: "is ignored with path: fragments are compiled into one changelog file's section, so give file",
    });
  });
});
