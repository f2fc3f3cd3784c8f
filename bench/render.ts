// Re-renders bench/results/latest.md from latest.json, for changing the report's wording without
// measuring again: `npx tsx bench/render.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import { renderReport, type BenchResults } from "./report.js";

const results = JSON.parse(readFileSync("bench/results/latest.json", "utf8")) as BenchResults;
writeFileSync("bench/results/latest.md", renderReport(results).markdown);
