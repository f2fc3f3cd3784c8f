// Everything a created release (a saved draft, or one published at once) sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { openChecklistOnDraftRelease } from "../checklist/open.js";

export const releaseCreatedFeatures: readonly Feature<"release.created">[] = [openChecklistOnDraftRelease];
