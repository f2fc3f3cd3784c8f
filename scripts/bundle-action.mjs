#!/usr/bin/env node
// Bundles the Action's entry (src/actions/main.ts) with every dependency into one file, as
// JavaScript actions must ship ("Creating a JavaScript action": node_modules are not installed
// for a `uses:` step). `npm run bundle` writes action/index.mjs; a test rebuilds it elsewhere and
// compares, so the committed bundle is always the source's.
import { build } from "esbuild";

export const OPTIONS = {
  entryPoints: ["src/actions/main.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(); an ES module bundle has none of its own.
  banner: { js: "import{createRequire as __rpRequire}from'node:module';const require=__rpRequire(import.meta.url);" },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...OPTIONS, outfile: process.argv[2] ?? "action/index.mjs" });
}
