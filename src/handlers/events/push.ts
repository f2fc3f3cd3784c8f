// Everything a push sets off, one feature each.
import type { Feature } from "../feature.js";
import { deployFollowingBranch } from "../deploy/on-push.js";

export const pushFeatures: readonly Feature<"push">[] = [deployFollowingBranch];
