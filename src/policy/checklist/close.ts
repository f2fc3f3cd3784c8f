// Closing the checklist once its release is published: a comment that links the release, so the
// issue records where it ended, then the issue closed.

import { type Plan, type RepoRef, nothing, plan } from "../plan.js";
import { codeSpan, inertText } from "../markdown/inert.js";

export interface CloseChecklistFacts {
  readonly repo: RepoRef;
  readonly issue: { readonly number: number; readonly state: "open" | "closed" };
  readonly release: { readonly tag: string; readonly url: string; readonly name: string };
}

export function planCloseChecklist(facts: CloseChecklistFacts): Plan {
  const { repo, issue, release } = facts;
  // Someone closed it by hand (or `closes #N` did): the release needs no further word here.
  if (issue.state === "closed") return nothing("already-done", `Checklist #${issue.number} is already closed.`);
  const name = release.name.trim() === "" ? release.tag : release.name.trim();
  const body = `Released [${escapeLabel(name)}](${release.url}) (tag ${codeSpan(release.tag)}). Closing this checklist.`;
  return plan(`Comment on checklist #${issue.number} that ${release.tag} is released and close it.`, [
    { kind: "comment", key: `checklist-closed:${issue.number}`, repo, issueNumber: issue.number, body },
    { kind: "update-issue", key: `checklist-close:${issue.number}`, repo, number: issue.number, state: "closed" },
  ]);
}

/** Release names are free text; brackets would end the link label early. */
function escapeLabel(text: string): string {
  return inertText(text).replace(/([\\[\]])/g, "\\$1");
}
