// `release-pilot jobs list|retry <id>`: the webhook job queue the app runs on (SQLite under
// DATA_DIR, or Redis at REDIS_URL), for a person looking into a failed delivery.
import { createQueue, type Job, type JobQueue } from "../runtime/queue/index.js";
import { runtimeSettingsFromEnv } from "../runtime/settings.js";
import type { CliIo } from "./io.js";

function row(job: Job): string {
  const error = job.lastError === undefined ? "" : `  ${job.lastError.split("\n")[0] ?? ""}`;
  return `${job.id}  ${job.name}  ${job.state}  attempts=${job.attempts}  ${job.repoKey}${error}\n`;
}

export async function jobsCommand(io: CliIo, args: readonly string[], open: (io: CliIo) => JobQueue = openQueue): Promise<number> {
  const [sub, id] = args;
  if (sub !== "list" && sub !== "retry") {
    io.stderr("usage: release-pilot jobs list | jobs retry <id>\n");
    return 2;
  }
  if (sub === "retry" && id === undefined) {
    io.stderr("usage: release-pilot jobs retry <id>\n");
    return 2;
  }
  const queue = open(io);
  try {
    if (sub === "list") {
      const jobs = await queue.list();
      io.stdout(jobs.length === 0 ? "No jobs.\n" : `id  event  state  attempts  repository  last error\n${jobs.map(row).join("")}`);
      return 0;
    }
    if (await queue.retry(id ?? "")) {
      io.stdout(`Job ${id} is queued again; a running app picks it up.\n`);
      return 0;
    }
    io.stderr(`Job ${id} is not a failed job; only failed jobs can be retried (see release-pilot jobs list).\n`);
    return 1;
  } finally {
    await queue.close();
  }
}

function openQueue(io: CliIo): JobQueue {
  const settings = runtimeSettingsFromEnv(io.env);
  return createQueue({ redisUrl: settings.redisUrl, dataDir: settings.dataDir });
}
