// `release-pilot validate [file]`: the checks of the pull-request check run, offline, with each
// problem as `file:line: level: path: message` so editors and terminals can jump to it.
import { basename } from "node:path";
import { checkConfigText, CONFIG_PATH, describeConfig, type PlacedIssue } from "../policy/config-check.js";
import { readText, type CliIo } from "./io.js";

function line(file: string, level: string, issue: PlacedIssue): string {
  const where = issue.path === "" ? "" : `${issue.path}: `;
  return `${file}:${issue.line}: ${level}: ${where}${issue.message}\n`;
}

/** The repository's name decides the default app's name; the working directory's is the best guess offline. */
export function repoNameOf(io: CliIo, given: string | undefined): string {
  return given ?? basename(io.cwd);
}

export function validate(io: CliIo, file: string = CONFIG_PATH, repo?: string): number {
  const text = readText(io, file);
  if (text === undefined) return 1;
  const checked = checkConfigText(text, repoNameOf(io, repo));
  // In line order, as a person reads the file top to bottom (errors before warnings on one line).
  const issues = [...checked.errors.map((issue) => ({ issue, level: "error" })), ...checked.warnings.map((issue) => ({ issue, level: "warning" }))];
  for (const { issue, level } of issues.sort((a, b) => a.issue.line - b.issue.line)) io.stderr(line(file, level, issue));
  if (checked.config === undefined) {
    io.stderr(`${file}: ${checked.errors.length} error${checked.errors.length === 1 ? "" : "s"}\n`);
    return 1;
  }
  io.stdout(
    `${file} is valid. Release Pilot will:\n${describeConfig(checked.config)
      .map((l) => `  - ${l}\n`)
      .join("")}`,
  );
  return 0;
}
