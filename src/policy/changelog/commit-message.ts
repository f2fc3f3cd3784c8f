// GWCelery's changelog commit messages, kept word for word so the history reads the same after
// the bot takes over: `Update changelog for version 2.5.1 "Cactus cat"; closes #853`.

export const BACK_TO_DEVELOPMENT = "Back to development.";

export interface ChangelogCommitFacts {
  readonly version: string;
  readonly codename?: string;
  /** The release issue, closed by the final release's commit. */
  readonly issue?: number;
  /** Candidates leave the issue open: it tracks the release until the final version. */
  readonly rc: boolean;
}

export function changelogCommitMessage({ version, codename, issue, rc }: ChangelogCommitFacts): string {
  const name = codename === undefined || codename === "" ? "" : ` "${codename}"`;
  const closes = rc || issue === undefined ? "" : `; closes #${issue}`;
  return `Update changelog for version ${version}${name}${closes}`;
}
