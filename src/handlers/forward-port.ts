// After a push to a release branch, keep one PR open that brings its fixes into the default
// branch. Reads: compare (is the branch ahead?) and the open PR from it; policy decides.
import { planForwardPort, pushedReleaseBranch } from "../policy/forward-port.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature } from "../features/feature.js";

export const forwardPort: Feature<"push"> = async function forwardPort(context, config) {
  const { payload } = context;
  const defaultBranch = payload.repository.default_branch ?? "main";
  const template = config.lines.releaseBranch;
  const pushed = pushedReleaseBranch(payload, defaultBranch, template, config.lines.forwardPort);
  if (pushed.kind === "none") {
    await carryOut(context, pushed.plan);
    return;
  }
  const compared = await context.facts.forwardPortCompare(pushed.branch, defaultBranch);
  await carryOut(context, planForwardPort({ repo: context.repo(), branch: pushed.branch, defaultBranch, releaseBranchTemplate: template, ...compared }));
};
