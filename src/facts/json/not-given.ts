// A read the facts file cannot answer and no default stands in for (a downstream repository's
// file, the releases draft notes are built from): the feature is shown as not planned, with what
// to give in --facts, instead of a plan built on a guess.
export class NotPlannableOfflineError extends Error {}
