import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configDocs, type SchemaNode } from "../../src/cli/config-docs.js";
import { USAGE } from "../../src/policy/commands/types.js";
import { run } from "./io.js";

const CONFIG_DOCS = new URL("../../docs/config.md", import.meta.url);
const COMMAND_DOCS = new URL("../../docs/commands.md", import.meta.url);

describe("docs/config.md", () => {
  it("equals what release-pilot docs generates from the schema", async () => {
    const result = await run(["docs"]);
    // UPDATE_DOCS=1 npx vitest run test/cli/docs.test.ts rewrites the file.
    if (process.env["UPDATE_DOCS"] === "1") writeFileSync(CONFIG_DOCS, result.stdout);
    expect(readFileSync(CONFIG_DOCS, "utf8")).toBe(result.stdout);
  });

  it("lists a map's keys with their type, default and description", async () => {
    const schema: SchemaNode = {
      description: "Root.",
      properties: {
        commands: {
          type: "object",
          description: "Slash commands.",
          default: {},
          properties: { permission: { type: "string", enum: ["read", "write"], default: "write", description: "Least permission." } },
        },
      },
    };
    expect(configDocs(schema)).toContain('| `commands.permission` | `read` or `write` | `"write"` | Least permission. |');
  });
});

describe("docs/commands.md", () => {
  it.each(Object.values(USAGE))("has a section for %s", (usage) => {
    expect(readFileSync(COMMAND_DOCS, "utf8")).toContain(`## \`${usage}\``);
  });
});
