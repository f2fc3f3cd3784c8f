// PEP 440 release versions as Python projects write them. UKRDC spells its candidates
// `10.8.5.RC1` and `10.8.5RC1`; PEP 440 normalises both (and `-rc1`, `_rc1`, `c1`) to `10.8.5rc1`,
// which is what `format` writes. Old GWCelery releases have a fourth part (`0.8.5.1`).
import { numericScheme, toPart } from "./numeric.js";
import type { Version, VersionScheme } from "./types.js";

const PEP440 = /^v?(\d+(?:\.\d+){2,})(?:[-_.]?(?:rc|c)[-_.]?(\d+))?$/i;

function parse(text: string): Version | undefined {
  const match = PEP440.exec(text.trim());
  if (!match) return undefined;
  const [, releaseText = "", rcText] = match;
  const parts: number[] = [];
  for (const piece of releaseText.split(".")) {
    const part = toPart(piece);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  const [major = 0, minor = 0, patch = 0, ...extra] = parts;
  if (rcText === undefined) return { major, minor, patch, extra, raw: text };
  const rc = toPart(rcText);
  return rc === undefined ? undefined : { major, minor, patch, extra, rc, raw: text };
}

function format(v: Version): string {
  const base = [v.major, v.minor, v.patch, ...v.extra].join(".");
  return v.rc === undefined ? base : `${base}rc${v.rc}`;
}

export const pep440Scheme: VersionScheme = numericScheme("pep440", parse, format);
