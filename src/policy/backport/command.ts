// `/backport <branch>` typed on a merged pull request: the same backport a label asks for, with
// its outcome said in the command's reply.
import type { Config } from "../config/index.js";
import type { Action, Plan } from "../plan.js";
import { codeSpan } from "../markdown/inert.js";
import { planBackport, type BackportInput } from "./plan.js";
import { targetProblem } from "./target.js";

/** The refusal before anything is read, or undefined when the command may go on. */
export function backportCommandRefusal(
  config: Config,
  input: { readonly branch: string; readonly defaultBranch: string; readonly onPullRequest: boolean; readonly answer: (text: string) => Action },
): Plan | undefined {
  const refuse = (text: string): Plan => ({ reason: "bad-command", summary: text, actions: [input.answer(text)] });
  if (config.lines.backports === null)
    return refuse("Backports are off here; add backports: {} (and release_branch) to .github/release-pilot.yml to use /backport.");
  if (!input.onPullRequest) return refuse("Type /backport on the merged pull request whose change you want on the release branch.");
  const problem = targetProblem(config, input.branch, input.defaultBranch);
  return problem === undefined ? undefined : refuse(problem);
}

/** The backport, with the reply saying it is under way when a pull request is to be opened. */
export function planBackportCommand(input: BackportInput): Plan {
  const decided = planBackport(input);
  if (decided.reason === "already-done") return { ...decided, actions: [input.answer(decided.summary)] };
  if (decided.reason !== "planned") return decided;
  const text = `opening a pull request that cherry-picks #${input.pull.number} into ${codeSpan(input.branch)}…`;
  return { ...decided, actions: [input.answer(text), ...decided.actions] };
}

/** The reply once the backport's pull request exists. */
export function backportOpenedReply(number: number, branch: string, url: string): string {
  return `backported #${number} to ${codeSpan(branch)}: ${url}`;
}
