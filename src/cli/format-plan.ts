// A plan as lines a person reads in a terminal: the summary, then one line per action with its
// kind, key and main fields. Long texts (bodies, file contents) are cut to their first line.
import type { Action, Plan } from "../policy/plan.js";

const WIDTH = 80;

function short(text: string): string {
  const first = text.split("\n")[0] ?? "";
  const cut = first.length > WIDTH ? `${first.slice(0, WIDTH)}…` : first;
  return JSON.stringify(text.includes("\n") && cut === first ? `${cut}…` : cut);
}

function value(field: string, raw: unknown): string {
  if (typeof raw === "string") return short(raw);
  if (field === "files" && Array.isArray(raw)) {
    return `[${raw.map((file: { path?: unknown; content?: unknown }) => `${String(file.path)}${file.content === null ? " (deleted)" : ""}`).join(", ")}]`;
  }
  if (field === "annotations" && Array.isArray(raw)) return `${raw.length}`;
  const json = JSON.stringify(raw) ?? String(raw);
  return json.length > WIDTH ? `${json.slice(0, WIDTH)}…` : json;
}

export function formatAction(action: Action): string {
  const fields = Object.entries(action)
    .filter(([field]) => field !== "kind" && field !== "key" && field !== "repo")
    .map(([field, raw]) => `${field}=${value(field, raw)}`);
  return `- ${action.kind} [${action.key}] ${action.repo.owner}/${action.repo.repo}: ${fields.join(" ")}`;
}

export function formatPlan(plan: Plan): string {
  const head = `${plan.summary} (${plan.reason})`;
  if (plan.actions.length === 0) return `${head}\nNo actions.\n`;
  return `${head}\n${plan.actions.map(formatAction).join("\n")}\n`;
}

/** An event's plan: each feature's part under its name, then every default leaned on. */
export function formatParts(
  parts: readonly ({ readonly feature: string } & ({ readonly plan: Plan } | { readonly notPlanned: string }))[],
  assumed: readonly string[],
): string {
  const blocks = parts.map((part) => {
    const body = "plan" in part ? formatPlan(part.plan) : `not planned offline: ${part.notPlanned}\n`;
    return `${part.feature}:\n${body.replace(/^(?=.)/gm, "  ")}`;
  });
  const defaults = assumed.length === 0 ? "Assumed: nothing; every fact was given.\n" : `Assumed:\n${assumed.map((line) => `- ${line}`).join("\n")}\n`;
  return `${blocks.join("")}\n${defaults}`;
}
