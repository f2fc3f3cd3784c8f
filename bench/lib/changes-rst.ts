// A CHANGES.rst of any size in the shape of GWCelery's real one: a `Changelog` title, an
// unreleased section, then released sections with cryptid codenames, items written `-   text`
// with continuation lines indented four spaces. The items are the real file's, reused in turn.
import { readFileSync } from "node:fs";

const FIXTURE = "test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst";
const PER_SECTION = 5;
const UNRELEASED_ITEMS = 10;

/** The real file's items, each with its continuation lines. */
function realItems(): string[] {
  const text = readFileSync(FIXTURE, "utf8");
  return text
    .split(/\n(?=- {3})/)
    .filter((chunk) => chunk.startsWith("-   "))
    .map((chunk) => chunk.split(/\n\n/)[0]!.trimEnd());
}

function section(heading: string, items: readonly string[]): string {
  return `${heading}\n${"-".repeat([...heading].length)}\n\n${items.join("\n\n")}\n\n`;
}

export interface GeneratedChangelog {
  readonly text: string;
  /** Version of the unreleased section at the top, which finalize names. */
  readonly unreleased: string;
}

export function generateChangesRst(entries: number): GeneratedChangelog {
  const pool = realItems();
  const item = (i: number): string => pool[i % pool.length]!;
  const top = Math.min(entries, UNRELEASED_ITEMS);
  const released = Math.ceil((entries - top) / PER_SECTION);
  const unreleased = `${released + 1}.0.0`;
  const parts = [
    "Changelog\n=========\n\n",
    section(
      `${unreleased} (unreleased)`,
      Array.from({ length: top }, (_, i) => item(i)),
    ),
  ];
  let next = top;
  for (let s = released; s >= 1; s--) {
    const count = Math.min(PER_SECTION, entries - next);
    const day = String((s % 28) + 1).padStart(2, "0");
    parts.push(
      section(
        `${s}.0.0 "Cactus cat" (2024-11-${day})`,
        Array.from({ length: count }, (_, i) => item(next + i)),
      ),
    );
    next += count;
  }
  return { text: parts.join(""), unreleased };
}
