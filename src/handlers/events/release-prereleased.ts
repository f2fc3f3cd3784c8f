// Everything a published prerelease sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { openChecklistOnPrerelease } from "../checklist/open.js";

export const releasePrereleasedFeatures: readonly Feature<"release.prereleased">[] = [openChecklistOnPrerelease];
