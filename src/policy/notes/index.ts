// Draft release notes: which apps, which PRs, what text, and the plan that keeps one draft each.
export { planDraftNotes, draftVersion, FIRST_VERSION } from "./plan-draft.js";
export { renderNotes, groupPulls, contributors, OTHER_CHANGES, type NotesSettings, type NotesSection } from "./render.js";
export { affectedApps, appDrafts, draftKey, previousRelease, pullIsForApp, pullsForApp, readBackTo, shouldReadMore } from "./select.js";
export { wrapText, WRAP_COLUMN } from "./wrap.js";
export type { DraftNotesFacts, MergedPull, NotesApp, ReleaseFact } from "./types.js";
