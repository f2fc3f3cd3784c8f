#!/usr/bin/env node
// Entry of the Actions mode: `node dist/actions/main.js` in a workflow step.
import { readFileSync } from "node:fs";
import { ActionsSetupError, requireActionsEnvironment, runInActions } from "./run.js";

try {
  const { GITHUB_EVENT_PATH } = requireActionsEnvironment(process.env);
  await runInActions(process.env, JSON.parse(readFileSync(GITHUB_EVENT_PATH, "utf8")));
} catch (error) {
  // The workflow log is where a person looks; one line, no stack, and the step fails.
  console.error(error instanceof ActionsSetupError || error instanceof Error ? `::error::${error.message}` : String(error));
  process.exitCode = 1;
}
