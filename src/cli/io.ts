// What the CLI touches of the outside world, handed in so tests run it in-process.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A file relative to the working directory; undefined with the reason printed when unreadable. */
export function readText(io: CliIo, path: string): string | undefined {
  try {
    return readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    io.stderr(`${unreadable(path, error)}\n`);
    return undefined;
  }
}

/** Why a file could not be read, in words: never a bare ENOENT with the absolute path. */
function unreadable(path: string, error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  switch (code) {
    case "ENOENT":
      return `there is no file ${path}; give the path from this folder`;
    case "EISDIR":
      return `${path} is a folder; give a file in it`;
    case "EACCES":
    case "EPERM":
      return `${path} cannot be read: permission denied`;
    default:
      return `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A JSON file; undefined with the reason printed when unreadable or not JSON. */
export function readJson(io: CliIo, path: string): unknown {
  const text = readText(io, path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    io.stderr(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}
