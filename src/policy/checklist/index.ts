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
export { guardBody, planTrackChecklist, readyCommentKey, type TrackChecklistFacts } from "./track.js";
export {
  askedAutoFacts,
  checklistOf,
  checklistSettings,
  releaseBranchChecklist,
  releaseChecklist,
  releaseClosesChecklist,
  tracksChecklist,
  type OpenDecision,
} from "./events.js";
export { versionForTrigger, type TriggerVersion } from "./trigger.js";
export { checklistCommandStep, checklistOpenedReply, type ChecklistCommandStep } from "./command.js";
