// Facts about people and pull requests that deploy commands decide from: a pull request's head
// (for /deploy on it) and team membership (for deployers, approvers and override holders).
import type { PullHeadFact } from "../policy/deploy/pull-head.js";

export interface PeopleFacts {
  /** The pull request's head and how far it is behind its base; undefined when there is no such pull request. */
  pullHead(number: number): Promise<PullHeadFact | undefined>;
  /** Whether the person is an active member of the organisation's team (`org/team-slug`). */
  teamMember(team: string, login: string): Promise<boolean>;
}
