import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const sources = join(root, "src/runtime/queue");

/**
 * Child processes cannot import TypeScript: Node 20 has no type stripping and the project has
 * no tsx. A full `tsc` build takes seconds, and loading typescript into each child as a module
 * hook costs about as much per child. So the test transpiles the queue's few files once,
 * without type checking (tsc --noEmit does that), into a temporary directory whose
 * node_modules is a link to the project's; children import plain JS from there.
 * Returns the URL of the compiled `index.js`.
 */
export function compileQueue(): { readonly indexUrl: string; readonly dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "rp-queue-js-"));
  const out = join(dir, "queue");
  mkdirSync(out);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  for (const file of readdirSync(sources)) {
    if (!file.endsWith(".ts")) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(sources, file), "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, ".js")), outputText);
  }
  return { indexUrl: new URL(`file://${join(out, "index.js")}`).href, dir };
}
