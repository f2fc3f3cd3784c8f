// A required check run finished: the deploys a push held for it may go ahead (held-deploys.ts).
import type { Feature } from "../../features/feature.js";
import { deployHeldFor } from "./held-deploys.js";

export const deployAfterChecks: Feature<"check_run.completed"> = async function deployAfterChecks(context, config, options) {
  const { check_run: finished } = context.payload;
  await deployHeldFor(context, config, { name: finished.name, sha: finished.head_sha }, options);
};
