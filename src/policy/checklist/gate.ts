// `/release` typed in a checklist issue: the version comes from the marker, and the
// release waits until every item is ticked or crossed out when the config requires it.

import { parseChecklistMarker } from "./marker.js";
import { openItemLines } from "./describe-items.js";
import { countProgress } from "./progress.js";

export type ReleaseGate = { readonly kind: "proceed"; readonly version: string; readonly app?: string } | { readonly kind: "refuse"; readonly message: string };

/** Enough to act on without burying the comment; the rest is counted. */
const LISTED = 10;

export function releaseGate(input: { readonly body: string; readonly requireComplete: boolean }): ReleaseGate {
  const marker = parseChecklistMarker(input.body);
  if (marker === undefined) {
    return {
      kind: "refuse",
      message:
        "This issue is not a Release Pilot checklist (it has no checklist marker), so I cannot tell which version to release; " +
        "type `/release X.Y.Z` to name it.",
    };
  }
  const proceed: ReleaseGate = { kind: "proceed", version: marker.version, ...(marker.app === undefined ? {} : { app: marker.app }) };
  if (!input.requireComplete) return proceed;
  const progress = countProgress(input.body);
  const open = progress.open.length;
  if (open === 0) return proceed;
  // "1 of 2 items is", "2 of 3 items are": the noun follows the total, the verb the open count.
  const items = `${progress.total === 1 ? "item" : "items"} ${open === 1 ? "is" : "are"}`;
  return {
    kind: "refuse",
    message: [
      `Not releasing ${marker.version} yet: ${open} of ${progress.total} checklist ${items} still open.`,
      "",
      ...openItemLines(progress.open, LISTED),
      "",
      "Tick them, or cross out (`~~...~~`) any that cannot be done with the reason, then type `/release` again.",
    ].join("\n"),
  };
}
