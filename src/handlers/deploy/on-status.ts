// A commit status was reported (CI outside GitHub Apps: Jenkins, an external service). GitHub
// sends `status` for every status, pending ones included ("Webhook events and payloads", status);
// a pending one changes nothing a held deploy waits on, so only a finished one is looked at.
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { nothing } from "../../policy/plan.js";
import { deployHeldFor } from "./held-deploys.js";

export const deployAfterStatus: Feature<"status"> = async function deployAfterStatus(context, config, options) {
  const { context: name, sha, state } = context.payload;
  if (state === "pending") {
    await carryOut(context, nothing("event-not-relevant", `The ${name} status is pending; a held deploy waits until it finishes.`), options);
    return;
  }
  await deployHeldFor(context, config, { name, sha, source: "status" }, options);
};
