// The promotion path as a Mermaid flowchart (GitHub renders Mermaid in issues): each environment
// a node with what is deployed there, an arrow from each environment it requires.
import type { EnvironmentStatus } from "../status/index.js";

/** Mermaid node ids must be plain words; environment names may hold dots and dashes. */
function nodeId(name: string): string {
  return `env_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** Labels are quoted in Mermaid; a quote or bracket in a tag would end the label early. */
function label(text: string): string {
  return text.replace(/["[\]<>{}]/g, "");
}

function deployedLabel(env: EnvironmentStatus): string {
  const versions = env.apps.map(({ app, deployed }) => {
    const version =
      deployed === undefined
        ? "nothing yet"
        : deployed.imageTag === deployed.sha || deployed.imageTag === undefined
          ? deployed.sha.slice(0, 7)
          : deployed.imageTag;
    return env.apps.length > 1 ? `${app}: ${version}` : version;
  });
  return [env.name, ...versions].map(label).join("<br/>");
}

export function promotionChart(environments: readonly EnvironmentStatus[]): string[] {
  if (environments.length === 0) return [];
  const names = new Set(environments.map((env) => env.name));
  const lines = ["```mermaid", "flowchart LR"];
  for (const env of environments) lines.push(`  ${nodeId(env.name)}["${deployedLabel(env)}"]`);
  const required = environments.some((env) => (env.requires ?? []).some((from) => names.has(from)));
  if (required) {
    for (const env of environments) {
      for (const from of env.requires ?? []) if (names.has(from)) lines.push(`  ${nodeId(from)} --> ${nodeId(env.name)}`);
    }
  } else {
    // Without requires, code flows in the order the config lists the environments (dev → staging
    // → production), the same order the dashboard's promote boxes follow (offers.ts).
    for (const [index, env] of environments.slice(1).entries()) lines.push(`  ${nodeId(environments[index]?.name ?? "")} -.-> ${nodeId(env.name)}`);
  }
  lines.push("```");
  return lines;
}
