// Everything a push sets off, one feature each.
import type { Feature } from "../feature.js";

export const pushFeatures: readonly Feature<"push">[] = [];
