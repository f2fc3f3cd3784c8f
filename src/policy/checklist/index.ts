// The release-checklist policy: what handlers import. Each function is pure and returns data.

export { autoTick, type AutoFact, type AutoFacts, type AutoTickResult } from "./auto-items.js";
export { planCloseChecklist, type CloseChecklistFacts } from "./close.js";
export { releaseGate, type ReleaseGate } from "./gate.js";
export {
  buildChecklistMarker,
  markerMatches,
  parseChecklistMarker,
  type ChecklistMarker,
} from "./marker.js";
export {
  checklistBody,
  checklistKey,
  checklistTitle,
  planOpenChecklist,
  type ChecklistBody,
  type OpenChecklistFacts,
} from "./open.js";
export { countProgress, progressText, withProgressLine, type Progress } from "./progress.js";
export type {
  ChecklistIssue,
  ChecklistSettings,
  ChecklistTemplateValues,
  ChecklistTrigger,
  RenderTemplate,
  TriggerKind,
} from "./settings.js";
export { planTrackChecklist, type TrackChecklistFacts } from "./track.js";
export { versionForTrigger, type TriggerVersion } from "./trigger.js";
