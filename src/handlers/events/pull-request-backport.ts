// What a merged or labelled pull request sets off: backports asked for by label.
import type { Feature } from "../../features/feature.js";
import { backportOnLabel, backportOnMerge } from "../backport.js";

export const pullRequestClosedFeatures: readonly Feature<"pull_request.closed">[] = [backportOnMerge];
export const pullRequestLabeledFeatures: readonly Feature<"pull_request.labeled">[] = [backportOnLabel];
