// A commit status was reported (CI outside GitHub Apps: Jenkins, an external service). Policy
// decides whether it is worth looking at (a pending one is not); a finished one may free a held deploy.
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { pendingStatusPlan } from "../../policy/deploy/after-checks.js";
import { deployHeldFor } from "./held-deploys.js";

export const deployAfterStatus: Feature<"status"> = async function deployAfterStatus(context, config, options) {
  const { context: name, sha } = context.payload;
  const skipped = pendingStatusPlan(context.payload);
  if (skipped !== undefined) {
    await carryOut(context, skipped, options);
    return;
  }
  await deployHeldFor(context, config, { name, sha, source: "status" }, options);
};
