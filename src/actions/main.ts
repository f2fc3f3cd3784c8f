#!/usr/bin/env node
// Entry of the Action (bundled to action/index.js) and of `node dist/actions/main.js` in a step.
import { appendFileSync, readFileSync } from "node:fs";
import { ActionsSetupError, requireActionsEnvironment, runInActions } from "./run.js";

try {
  const { GITHUB_EVENT_PATH } = requireActionsEnvironment(process.env);
  const report = await runInActions(process.env, JSON.parse(readFileSync(GITHUB_EVENT_PATH, "utf8")));
  for (const line of report.lines) console.log(line);
  const outputs = process.env["GITHUB_OUTPUT"];
  if (outputs) appendFileSync(outputs, report.outputFile());
} catch (error) {
  // The workflow log is where a person looks; one line, no stack, and the step fails.
  console.error(error instanceof ActionsSetupError || error instanceof Error ? `::error::${error.message}` : String(error));
  process.exitCode = 1;
}
