// Runs the CLI in-process with captured output, as a person's terminal would show it.
import { resolve } from "node:path";
import { main } from "../../src/cli/main.js";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}
