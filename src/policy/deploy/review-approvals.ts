// Which pull request reviews approve, before the approvals gate counts them (gates.ts). A
// review binds to the commit it reviewed: GitHub's review object carries `commit_id`, "A commit
// SHA for the review" (@octokit/openapi, components.schemas.pull-request-review), and an
// approval of commit A says nothing about commit B. So the gate counts a review's approval only
// for a deploy of that very commit while it is still the pull request's head (issue #12, item 2).
//
// Each person's standing review is their latest that took a side: APPROVED, CHANGES_REQUESTED or
// DISMISSED (an approval someone dismissed comes back with state DISMISSED). A later COMMENTED
// review leaves the standing one as it was, as GitHub's own review summary does, and PENDING
// reviews are drafts nobody submitted.

export interface ReviewFact {
  readonly id: number;
  readonly login: string;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`, `PENDING`. */
  readonly state: string;
  /** The reviewed commit; null when GitHub no longer has it. */
  readonly commitId: string | null;
  readonly submittedAt?: string;
}

const DECISIVE = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** The reviews that stand as approvals: each person's latest decisive review, when it approved. */
export function standingApprovals(reviews: readonly ReviewFact[]): ReviewFact[] {
  const ordered = [...reviews].sort((a, b) => order(a) - order(b) || a.id - b.id);
  const latest = new Map<string, ReviewFact>();
  for (const review of ordered) if (DECISIVE.has(review.state)) latest.set(review.login.toLowerCase(), review);
  return [...latest.values()].filter((review) => review.state === "APPROVED" && review.commitId !== null && review.submittedAt !== undefined);
}

function order(review: ReviewFact): number {
  const at = review.submittedAt === undefined ? Number.NaN : Date.parse(review.submittedAt);
  return Number.isNaN(at) ? Number.MAX_SAFE_INTEGER : at;
}
