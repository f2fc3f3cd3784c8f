import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { configJsonSchema } from "../../../src/policy/config/index.js";
import { PROCESS_CONFIGS } from "./process-configs.js";

interface JsonSchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
}

const FILE = new URL("../../../schema/release-pilot.schema.json", import.meta.url);
const generated = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;

// UPDATE_SCHEMA=1 npx vitest run test/policy/config/json-schema.test.ts rewrites the file.
if (process.env.UPDATE_SCHEMA === "1") writeFileSync(FILE, generated);

describe("configJsonSchema", () => {
  it("equals the committed schema/release-pilot.schema.json", () => {
    expect(readFileSync(FILE, "utf8")).toBe(generated);
  });

  it("rejects unknown keys and documents every property, since it is the config reference", () => {
    const undocumented: string[] = [];
    const walk = (node: JsonSchemaNode, path: string): void => {
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        if (!property.description) undocumented.push(`${path}${key}`);
        walk(property, `${path}${key}.`);
      }
      if (typeof node.additionalProperties === "object") walk(node.additionalProperties, `${path}*.`);
      if (node.items) walk(node.items, `${path}[].`);
      for (const option of node.anyOf ?? []) walk(option, path);
    };
    const schema = configJsonSchema() as JsonSchemaNode;
    walk(schema, "");
    expect(schema.additionalProperties).toBe(false);
    expect(undocumented).toEqual([]);
  });

  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(configJsonSchema());

  it.each(PROCESS_CONFIGS)("accepts the %s config in an editor too", (_name, yaml) => {
    expect(validate(parse(yaml)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("flags a misspelt key in an editor", () => {
    expect(validate({ environments: { production: { aprovals: 2, deploy: { workflow: "d.yml" } } } })).toBe(false);
  });
});
