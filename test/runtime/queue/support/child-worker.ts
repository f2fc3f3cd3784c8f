import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CreateQueueOptions } from "../../../../src/runtime/queue/index.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface ChildConfig {
  readonly queue: CreateQueueOptions;
  readonly log: string;
  readonly worker: string;
  readonly jobMs: number;
  readonly concurrency: number;
  /** URL of the compiled queue index, from compileQueue(). */
  readonly queueModule: string;
}

export interface ChildWorker {
  readonly process: ChildProcess;
  /** Resolves once the child's queue is open and its worker started. */
  readonly ready: Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A real worker process running the queue as compiled by compileQueue(). */
export function spawnChildWorker(config: ChildConfig): ChildWorker {
  const child = spawn(process.execPath, [`${fixtures}queue-child.mjs`, JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready\n")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`child ${config.worker} exited (${code ?? signal}):\n${output}`)));
  });
  ready.catch(() => undefined);
  return {
    process: child,
    ready,
    kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
  };
}

export interface LogLine {
  readonly event: "start" | "done";
  readonly worker: string;
  readonly id: string;
}

export function readLog(path: string): LogLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [event, worker, id] = line.split(" ");
      return { event: event === "done" ? "done" : "start", worker: worker ?? "", id: id ?? "" };
    });
}
