// Handlers only gather and carry out (issue #13): every decision is in src/policy, every read goes
// through the FactSource port and every write through the Executor port, and the clock is read
// once per event (FeatureContext.now). So a handler module exports features and the functions
// features call with their context, nothing a decision could be hidden in.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../src/handlers");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const sources = files(ROOT).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

const FORBIDDEN: [string, RegExp][] = [
  ["reads GitHub other than through context.facts", /\boctokit\b|from\s+["'][^"']*facts\/github\/[^"']*["']/],
  ["reads the clock", /Date\.now\(|new Date\(\)|performance\.now\(/],
  ["imports the executor's runners", /from\s+["'][^"']*github\/(execute|actions\/[^"']*)\.js["']/],
];

/** The types a feature is called with; a function taking one of these first is a handler's own step. */
const CONTEXT_TYPE = /^(FeatureContext|CommentContext|PullRequestContext|CommandRun|ReleaseContext|AnyRun)\b/;
/** The types of what a handler module may export as a value: features and command handlers. */
const FEATURE_TYPE = /^(readonly )?(Feature|CommandHandler|CommandHandlers|EventHandler)\b|Feature<.*>\[\]$/;

/** What a module exports that is neither a type nor a feature nor a context-first function. */
function strayExports(text: string): string[] {
  const file = ts.createSourceFile("module.ts", text, ts.ScriptTarget.Latest, true);
  const stray: string[] = [];
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const firstParameterType = (parameters: ts.NodeArray<ts.ParameterDeclaration>) => parameters[0]?.type?.getText(file) ?? "";
  for (const statement of file.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement)) {
      if (!CONTEXT_TYPE.test(firstParameterType(statement.parameters))) stray.push(statement.name?.text ?? "default");
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const annotated = declaration.type?.getText(file) ?? "";
        const init = declaration.initializer;
        const arrow = init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
        if (FEATURE_TYPE.test(annotated)) continue;
        if (arrow !== undefined && CONTEXT_TYPE.test(firstParameterType(arrow.parameters))) continue;
        stray.push(declaration.name.getText(file));
      }
    } else if (ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) stray.push(statement.name?.text ?? "class");
  }
  return stray;
}

describe("src/handlers only gathers and carries out", () => {
  it("has handler files to check", () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  it.each(FORBIDDEN)("no handler file %s", (_rule, pattern) => {
    expect(sources.filter((source) => pattern.test(source.text)).map((source) => source.path)).toEqual([]);
  });

  it("exports nothing but features and steps that take the feature's context", () => {
    const stray = sources.flatMap((source) => strayExports(source.text).map((name) => `${source.path}: ${name}`));
    expect(stray).toEqual([]);
  });

  it("can fail: a pure function, a constant and a clock read are each found", () => {
    const sample = [
      "export function decide(config: Config): Plan { return nothing(); }",
      "export const LIMIT = 20;",
      "export async function step(context: FeatureContext, config: Config): Promise<void> {}",
      'export const feature: Feature<"push"> = async (context) => {};',
      "export type Shape = { a: number };",
    ].join("\n");
    expect(strayExports(sample)).toEqual(["decide", "LIMIT"]);
    expect(FORBIDDEN.filter(([, pattern]) => pattern.test("const now = new Date();")).map(([rule]) => rule)).toEqual(["reads the clock"]);
  });
  it("walks /rollback from issue_comment to the executor through one policy entry point", () => {
    // The intake (is it a command, may this person run it) is every command's; what /rollback
    // does is one decision: the handler and what it calls import no other value from policy.
    const valueImports = (path: string) =>
      [...(sources.find((source) => source.path === path)?.text ?? "").matchAll(/^import (?!type )\{([^}]*)\} from "[^"]*policy\/[^"]*";/gm)].flatMap((match) =>
        (match[1] ?? "")
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== "" && !name.startsWith("type ")),
      );
    expect(valueImports("commands/rollback.ts")).toEqual(["rollbackCommand"]);
    expect(valueImports("deploy/from-command.ts")).toEqual([]);
  });
});
