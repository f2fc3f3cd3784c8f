// Every reStructuredText text the changelog tests produce, named, for rst-docutils.test.ts to
// hand to docutils in one batch. Each is computed by the same calls the tests make.
import { rstChangelog } from "../../../src/policy/changelog/index.js";
import { fixture, lifecycleDiffs } from "./fixtures.js";
import { EQUALS_RELEASES, OVERLINED_RELEASES, TILDE_RELEASES, TRAILING_SECTION, WIDE_CODENAMES } from "./rst-forms.js";

const rst = rstChangelog();
const DATE = "2024-12-20";

function finalized(text: string, version: string, codename?: string): string {
  const result = rst.finalize(text, { version, date: DATE, ...(codename === undefined ? {} : { codename }) });
  if ("error" in result) throw new Error(result.error);
  return result.text;
}

/** A release and the next unreleased section, as `/release` leaves the file. */
function released(text: string, version: string, next: string, codename?: string): string {
  return rst.addUnreleased(finalized(text, version, codename), { version: next, empty: "No changes yet." });
}

export interface RstOutput {
  readonly name: string;
  readonly text: string;
}

export function rstOutputs(): readonly RstOutput[] {
  const head2024 = fixture("gwcelery", "CHANGES.rst.head-2024-12.rst");
  const head2022 = fixture("gwcelery", "CHANGES.rst.head-2022-11.rst");
  const out: RstOutput[] = [
    { name: "2024 head released as 2.6.0", text: released(head2024, "2.6.0", "2.6.1", "Ghost Deer") },
    { name: "2024 head, candidate 2.6.0rc1", text: finalized(head2024, "2.6.0rc1", "Ghost Deer") },
    { name: "2022 head released", text: released(head2022, "2.0.2", "2.0.3", "Alien Big Cat") },
    { name: "first section of a new file", text: rst.addUnreleased("Changelog\n=========\n", { version: "0.1.0", empty: "No changes yet." }) },
    { name: "first section under a - title", text: rst.addUnreleased("Changelog\n---------\n", { version: "0.1.0", empty: "No changes yet." }) },
    {
      name: "a configured heading template",
      text: (() => {
        const result = rstChangelog({ heading: "Version {version} ({date:MM-DD-YYYY})" }).finalize(head2024, { version: "2.6.0", date: DATE });
        if ("error" in result) throw new Error(result.error);
        return result.text;
      })(),
    },
    { name: "= releases under an overlined title", text: released(EQUALS_RELEASES, "1.1.0", "1.1.1", "Mothman") },
    { name: "overlined releases with subsections", text: released(OVERLINED_RELEASES, "2.0.0", "2.0.1") },
    { name: "~ releases", text: released(TILDE_RELEASES, "0.3.0", "0.3.1", "Nessie") },
    { name: "a trailing section of another level", text: released(TRAILING_SECTION, "1.0.1", "1.0.2", "Bigfoot") },
    ...WIDE_CODENAMES.map((codename) => ({ name: `codename ${codename}`, text: released(TRAILING_SECTION, "1.0.1", "1.0.2", codename) })),
    ...WIDE_CODENAMES.map((codename) => ({ name: `overlined, codename ${codename}`, text: finalized(OVERLINED_RELEASES, "2.0.0", codename) })),
  ];
  for (const diff of lifecycleDiffs()) out.push({ name: `GWCelery ${diff.commit} as recorded`, text: diff.after });
  return out;
}
