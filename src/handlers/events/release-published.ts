// Everything that follows a published release, one feature each.
import type { Feature } from "../../features/feature.js";
import { changelogForRelease } from "../changelog-for-release.js";
import { deployFollowingRelease } from "../deploy/on-release.js";
import { downstreamPins } from "../downstream-pins.js";
import { closeChecklist } from "../checklist/close.js";
import { refreshDashboard } from "../dashboard.js";
import { movePointers } from "../pointers.js";

export const releasePublishedFeatures: readonly Feature<"release.published">[] = [
  changelogForRelease,
  deployFollowingRelease,
  downstreamPins,
  closeChecklist,
  movePointers,
  refreshDashboard,
];
