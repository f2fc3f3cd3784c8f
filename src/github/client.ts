import type { ProbotOctokit } from "probot";

/** The Octokit instance Probot hands each event: throttled, retried, authenticated. */
export type GitHub = InstanceType<typeof ProbotOctokit>;

/** Octokit's error shape, read only where the executor decides from a status code. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

export async function notFoundAsUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}
