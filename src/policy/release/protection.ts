// Whether a branch's protection lets this app commit to it directly, decided before anything is
// written: GitHub refuses the ref update of a protected branch (422) after the bot has replied and
// made its commit object, so a release would stop half-way; asking first refuses it whole.
/** An active ruleset rule on a branch that refuses a direct push (a pull request required, checks, updates restricted...). */
export interface BranchRuleFact {
  /** The rule's type as GitHub names it: `pull_request`, `required_status_checks`, `update`, ... */
  readonly type: string;
  /** The checks a `required_status_checks` rule asks for; empty otherwise. */
  readonly checks: readonly string[];
  /** This app is on its ruleset's bypass list (`current_user_can_bypass: always`). */
  readonly appMayBypass: boolean;
}

/**
 * What stands between this app and moving a branch directly (a release or changelog commit). The
 * branch's `protected` flag and required checks are readable with contents: read; the rest of
 * classic protection needs administration: read, which the app does not ask for, so `details` is
 * usually undefined; rules come from rulesets (metadata: read).
 */
export interface BranchProtectionFact {
  readonly protected: boolean;
  /** Status checks classic protection requires: a new commit has none of them yet. */
  readonly requiredChecks: readonly string[];
  /** The rest of classic protection; undefined when it is off or the app may not read it. */
  readonly details?: {
    /** Pull requests are required and this app may not bypass them. */
    readonly pullRequestsRequired: boolean;
    /** Pushes are restricted to named people and apps, and this app is not among them. */
    readonly pushRestricted: boolean;
    /** The branch is locked (read-only). */
    readonly locked: boolean;
  };
  readonly rules: readonly BranchRuleFact[];
}

function list(names: readonly string[]): string {
  return names.join(", ");
}

function ruleReason(rule: BranchProtectionFact["rules"][number]): string {
  switch (rule.type) {
    case "pull_request":
      return "a ruleset requires pull requests";
    case "required_status_checks":
      return rule.checks.length > 0 ? `a ruleset requires status checks (${list(rule.checks)})` : "a ruleset requires status checks";
    case "update":
      return "a ruleset restricts updates";
    default:
      return `a ruleset's ${rule.type.replaceAll("_", " ")} rule`;
  }
}

/** What refuses a direct commit by this app, each as a short phrase; empty when nothing known does. */
export function protectionBlocks(protection: BranchProtectionFact): readonly string[] {
  const reasons: string[] = [];
  if (protection.protected) {
    if (protection.details?.pullRequestsRequired) reasons.push("pull request reviews required");
    if (protection.requiredChecks.length > 0) reasons.push(`status checks required (${list(protection.requiredChecks)})`);
    if (protection.details?.pushRestricted) reasons.push("pushes restricted to named people and apps");
    if (protection.details?.locked) reasons.push("the branch is locked");
  }
  for (const rule of protection.rules) if (!rule.appMayBypass) reasons.push(ruleReason(rule));
  return [...new Set(reasons)];
}

/**
 * Classic protection is on but the app may not read what it requires (that needs
 * administration: read): GitHub may still refuse the commit, which the person should know.
 */
export function protectionUnknown(protection: BranchProtectionFact): boolean {
  return protection.protected && protection.details === undefined && protectionBlocks(protection).length === 0;
}

/**
 * The one sentence refusing a direct commit to `branch`: `consequence` says what cannot happen
 * ("/release cannot commit ... to it"), `fix` the way around it besides letting the app bypass
 * the rule. Undefined when the protection known lets the commit through.
 */
export function directCommitRefusal(protection: BranchProtectionFact | undefined, branch: string, consequence: string, fix: string): string | undefined {
  if (protection === undefined) return undefined;
  const reasons = protectionBlocks(protection);
  if (reasons.length === 0) return undefined;
  return `${branch} is protected (${reasons.join("; ")}), so ${consequence}: ${fix}, or allow the app to bypass the rule.`;
}

/** The note added to a reply when protection is on but its rules could not be read. */
export function unknownProtectionNote(branch: string): string {
  return `${branch} is protected and the app cannot read its rules (that needs the administration: read permission), so GitHub may still refuse the commit.`;
}
