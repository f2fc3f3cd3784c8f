// Items the bot can tick itself because it knows the fact they ask about, e.g.
// `- [ ] CI is green <!-- release-pilot:auto ci-green -->`. The bot only ever ticks; it never
// unticks, and once it has left its note on an item it leaves that item to people, so a person
// who unticks an auto item is not overruled on the next event.

import { findTaskItems } from "./task-items.js";

export type AutoFact = "ci-green" | "changelog-ready" | "staging-deployed";

export interface AutoFacts {
  readonly ciGreen?: boolean;
  readonly changelogReady?: boolean;
  readonly stagingDeployed?: boolean;
  /** The commit the facts are about; named in the note when given. */
  readonly sha?: string;
}

export interface AutoTickResult {
  readonly body: string;
  /** Text of each item ticked, in body order. */
  readonly ticked: readonly string[];
}

const AUTO_MARKER = /<!--\s*release-pilot:auto\s+(ci-green|changelog-ready|staging-deployed)\s*-->/g;
const NOTE_PREFIX = " _(ticked by Release Pilot:";

const AUTO_FACTS: readonly string[] = ["ci-green", "changelog-ready", "staging-deployed"] satisfies AutoFact[];

function isAutoFact(name: string | undefined): name is AutoFact {
  return name !== undefined && AUTO_FACTS.includes(name);
}

function holds(fact: AutoFact, facts: AutoFacts): boolean {
  switch (fact) {
    case "ci-green":
      return facts.ciGreen === true;
    case "changelog-ready":
      return facts.changelogReady === true;
    case "staging-deployed":
      return facts.stagingDeployed === true;
  }
}

export function autoNote(fact: AutoFact, sha: string | undefined): string {
  const on = sha === undefined || sha === "" ? "" : ` on ${sha.slice(0, 7)}`;
  const what = {
    "ci-green": `CI is green${on}`,
    "changelog-ready": "the changelog is ready",
    "staging-deployed": `staging is deployed${on}`,
  }[fact];
  return `${NOTE_PREFIX} ${what})_`;
}

export function autoTick(body: string, facts: AutoFacts): AutoTickResult {
  const edits: { readonly at: number; readonly remove: number; readonly insert: string }[] = [];
  const ticked: string[] = [];
  for (const item of findTaskItems(body)) {
    if (item.checked || item.crossedOut !== undefined) continue;
    const own = body.slice(item.ownStart, item.ownEnd);
    for (const match of own.matchAll(AUTO_MARKER)) {
      const fact = match[1];
      if (!isAutoFact(fact)) continue;
      const markerEnd = item.ownStart + (match.index ?? 0) + match[0].length;
      // Our note already there on an unticked item: a person unticked it after us.
      if (body.startsWith(NOTE_PREFIX, markerEnd)) break;
      if (!holds(fact, facts)) continue;
      edits.push({ at: item.boxOffset, remove: 1, insert: "x" });
      edits.push({ at: markerEnd, remove: 0, insert: autoNote(fact, facts.sha) });
      ticked.push(item.text);
      break;
    }
  }
  let out = body;
  // Apply from the end so earlier offsets stay valid.
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  }
  return { body: out, ticked };
}
