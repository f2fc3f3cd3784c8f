// Release codenames. GWCelery names releases after cryptids and, since 2.2, keeps one name for a
// whole minor series (2.5.0, 2.5.1rc1, 2.5.1 and 2.5.2 are all "Cactus cat"); earlier it changed
// the name at a patch (2.0.0 "Akkorokamui", 2.0.1 "Alien Big Cat"), hence `perMinor`.

/** Real cryptids in alphabetical order, including every name GWCelery's changelog has used. */
export const CRYPTIDS: readonly string[] = [
  "Akkorokamui",
  "Alien Big Cat",
  "Almas",
  "Altamaha-ha",
  "Bear Lake Monster",
  "Beast of Bodmin Moor",
  "Bigfoot",
  "Bukit Timah Monkey Man",
  "Bunyip",
  "Cactus cat",
  "Champ",
  "Chupacabra",
  "Dover Demon",
  "Emela-ntouka",
  "Flatwoods monster",
  "Fouke Monster",
  "Ghost Deer",
  "Globster",
  "Grootslang",
  "Hodag",
  "Jackalope",
  "Jersey Devil",
  "Kraken",
  "Loch Ness Monster",
  "Mapinguari",
  "Mokele-mbembe",
  "Mongolian death worm",
  "Mothman",
  "Nandi bear",
  "Ogopogo",
  "Orabou",
  "Orang pendek",
  "Popobawa",
  "Sheepsquatch",
  "Skunk ape",
  "Thunderbird",
  "Waheela",
  "Yeren",
  "Yeti",
  "Yowie",
];

export interface CodenameFacts {
  readonly list: readonly string[];
  /** Codenames of earlier releases, e.g. read from the changelog's headings. */
  readonly used: readonly string[];
  readonly version: string;
  /** The release before this one, when there is one. */
  readonly previous?: { readonly version: string; readonly codename?: string };
  /** Keep the previous codename while major.minor stays the same. */
  readonly perMinor: boolean;
}

export type CodenameResult = { readonly codename: string } | { readonly error: string };

function majorMinor(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\D|$)/.exec(version.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

// "Cactus cat" and "Cactus Cat" are one name; a human may have capitalised it differently.
function key(name: string): string {
  return name.trim().toLowerCase();
}

export function pickCodename({ list, used, version, previous, perMinor }: CodenameFacts): CodenameResult {
  const series = majorMinor(version);
  const previousName = previous?.codename?.trim();
  if (perMinor && previousName && series !== undefined && majorMinor(previous?.version ?? "") === series) {
    return { codename: previousName };
  }
  const taken = new Set(used.map(key));
  if (previousName) taken.add(key(previousName));
  const next = list.find((name) => name.trim() !== "" && !taken.has(key(name)));
  if (next === undefined) {
    return {
      error:
        list.length === 0
          ? "The codename list is empty; add names to `codenames` in .github/release-pilot.yml or give this release its codename by hand."
          : `All ${list.length} codenames in the list have been used; add names to \`codenames\` in .github/release-pilot.yml or give this release its codename by hand.`,
    };
  }
  return { codename: next };
}
