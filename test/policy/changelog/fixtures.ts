// Reads the real changelogs copied from the teams' repositories (see shared/fixtures/processes/
// SOURCES.md) and splits the recorded CHANGES.rst diffs into before and after texts.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(process.cwd(), "test", "fixtures", "processes");

export function fixture(...path: string[]): string {
  return readFileSync(join(FIXTURES, ...path), "utf8");
}

export function openverseFiles(): readonly string[] {
  return readdirSync(join(FIXTURES, "openverse")).filter((name) => name.endsWith(".md"));
}

export interface LifecycleDiff {
  readonly commit: string;
  readonly subject: string;
  /** The hunk's old side: context and removed lines. */
  readonly before: string;
  /** The hunk's new side: context and added lines. */
  readonly after: string;
}

/** Each `### commit <sha> <date>: <subject>` block holds one hunk at the top of the file. */
export function lifecycleDiffs(): readonly LifecycleDiff[] {
  const text = fixture("gwcelery", "changes-rst-lifecycle-diffs.txt");
  const out: LifecycleDiff[] = [];
  for (const block of text.split(/^### commit /m).slice(1)) {
    const [header = "", ...rest] = block.split("\n");
    const header_ = /^(\w+) \S+: (.*)$/.exec(header);
    if (!header_) throw new Error(`unreadable diff header: ${header}`);
    const before: string[] = [];
    const after: string[] = [];
    for (const line of rest) {
      if (line.startsWith("@@") || line === "") continue;
      const body = line.slice(1);
      if (line.startsWith(" ") || line.startsWith("-")) before.push(body);
      if (line.startsWith(" ") || line.startsWith("+")) after.push(body);
    }
    out.push({ commit: header_[1] ?? "", subject: header_[2] ?? "", before: `${before.join("\n")}\n`, after: `${after.join("\n")}\n` });
  }
  return out;
}
