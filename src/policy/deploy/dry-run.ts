// `--dry-run`: the plan the real command decided, told instead of carried out. The same decision
// runs (gates, inputs, image tag, lock); only its answer is written, as the command's one reply,
// so what a person reads is exactly what the command would have done.
import { codeSpan, inertText } from "../markdown/inert.js";
import type { Action, Plan } from "../plan.js";

/** One action, as the sentence a person reads in the dry run's answer. */
function describe(action: Action): string | undefined {
  switch (action.kind) {
    case "acquire-lock":
      return `take the lock on ${action.environment} until ${action.expiresAt}`;
    case "create-deployment": {
      const image = action.payload["image_tag"];
      return `record a GitHub deployment of ${codeSpan(action.ref.slice(0, 7))} to ${action.environment}${typeof image === "string" ? ` with the image tag ${codeSpan(image)}` : ""}`;
    }
    case "dispatch-workflow":
      return `run ${codeSpan(action.workflow)} in ${action.repo.owner}/${action.repo.repo} on ${codeSpan(action.ref)} with ${inputs(action.inputs)}${action.deploymentKey === undefined ? "" : " (and deployment_id where the workflow declares it)"}`;
    case "dispatch-repository-event":
      return `send the repository event ${codeSpan(action.eventType)} to ${action.repo.owner}/${action.repo.repo} with ${inputs(action.clientPayload)}`;
    case "check-run":
      return `report the check ${codeSpan(action.name)} on ${codeSpan(action.headSha.slice(0, 7))}: ${inertText(action.title)}`;
    case "comment":
      // The answer itself is quoted below.
      return undefined;
    case "commit-files":
      return `commit ${action.files.map((file) => codeSpan(file.path)).join(", ")} to ${codeSpan(action.branch)}: ${inertText(action.message.split("\n")[0] ?? "")}`;
    case "open-pull-request":
      return `open the pull request ${codeSpan(action.title)} from ${codeSpan(action.branch)} into ${codeSpan(action.base)}`;
    case "create-tag":
      return `tag ${codeSpan(action.tag)}`;
    case "move-tag":
      return `move the tag ${codeSpan(action.tag)}`;
    case "create-release":
      return `publish the ${action.draft ? "draft " : ""}${action.prerelease ? "prerelease" : "release"} ${codeSpan(action.tag)} (${inertText(action.name)})`;
    case "create-issue":
      return `open the issue ${codeSpan(action.title)}`;
    case "react":
      return undefined;
    default:
      return action.kind;
  }
}

function inputs(values: Readonly<Record<string, string>>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return "no inputs";
  return `inputs ${entries.map(([name, value]) => `${codeSpan(name)} = ${codeSpan(value)}`).join(", ")}`;
}

/** The dry run's answer for the plan the command decided: what it would do, and what it would say. */
export function dryRunText(command: string, decided: Plan | { readonly answer: string }): string {
  const head = `🧪 Dry run of ${codeSpan(command)}: nothing was written.`;
  if ("answer" in decided) return [head, "", `It would answer: ${decided.answer}`].join("\n");
  const steps = decided.actions.flatMap((action) => {
    const text = describe(action);
    return text === undefined ? [] : [`- ${text}`];
  });
  const replies = decided.actions.flatMap((action) => (action.kind === "comment" ? [action.body] : []));
  return [
    head,
    "",
    steps.length === 0 ? `It would do nothing: ${inertText(decided.summary)}` : "It would:",
    ...steps,
    ...(replies.length === 0 ? [] : ["", "and answer:", "", ...replies.flatMap((body) => body.split("\n").map((line) => `> ${line}`))]),
  ].join("\n");
}

/** The plan a command carries out as asked: the decided plan, or with --dry-run only the answer telling it. */
export function asAsked(decided: Plan, dryRun: { readonly typed: string } | undefined, reply: (text: string) => Action): Plan {
  if (dryRun === undefined) return decided;
  return { reason: "planned", summary: `Answer ${dryRun.typed} --dry-run.`, actions: [reply(dryRunText(`${dryRun.typed} --dry-run`, decided))] };
}
