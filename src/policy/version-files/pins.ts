// Downstream pins: after UKRDC releases ukrdc-services 10.8.5, ukrdc-webapi's requirements.txt
// line `ukrdc-services==10.8.4` becomes `==10.8.5`. Extras, environment markers, comments and
// the operator stay as written; a range (`>=1,<2`) is left for a person, since raising it is a
// judgement rather than an edit.
import { jsonStrings, replaceJsonString } from "./json-strings.js";
import type { VersionFileError } from "./types.js";

export interface Pin {
  readonly package: string;
  readonly version: string;
}

const DEPENDENCY_TABLES = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

/** PEP 503: `UKRDC_Services`, `ukrdc.services` and `ukrdc-services` are one project. */
function pythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

const REQUIREMENT = /^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\s*\[[^\]]*\])?(\s*)(===|==|~=|>=)(\s*)([^\s,;#]+)(.*)$/;

function raiseRequirement(content: string, pin: Pin): string | VersionFileError {
  const lines = content.split("\n");
  let found = false;
  for (const [index, line] of lines.entries()) {
    const match = REQUIREMENT.exec(line.replace(/\r$/, ""));
    if (!match || pythonName(match[2] ?? "") !== pythonName(pin.package)) continue;
    const [, indent = "", name = "", extras = "", gap = "", operator = "", space = "", , rest = ""] = match;
    if (/^\s*,/.test(rest)) {
      return { error: `${name} is pinned to a range (${line.trim()}); raise it by hand.` };
    }
    found = true;
    const cr = line.endsWith("\r") ? "\r" : "";
    lines[index] = `${indent}${name}${extras}${gap}${operator}${space}${pin.version}${rest}${cr}`;
  }
  return found ? lines.join("\n") : { error: `requirements file has no pin for ${pin.package} (such as ${pin.package}==${pin.version}).` };
}

function raisePackageJson(content: string, pin: Pin): string | VersionFileError {
  const strings = jsonStrings(content);
  if (!strings) return { error: "package.json is not valid JSON, so no pin was raised." };
  const targets = strings.filter((s) => s.path.length === 2 && DEPENDENCY_TABLES.includes(s.path[0] ?? "") && s.path[1] === pin.package);
  if (targets.length === 0) return { error: `package.json does not depend on ${pin.package}.` };
  let text = content;
  // Replace from the end so earlier offsets stay valid.
  for (const target of [...targets].sort((a, b) => b.start - a.start)) {
    const range = /^(\^|~|>=|=)?v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?$/.exec(target.value);
    if (!range) return { error: `${pin.package} is required as "${target.value}", which is not a single version; raise it by hand.` };
    text = replaceJsonString(text, target, `${range[1] ?? ""}${pin.version}`);
  }
  return text;
}

/** Raises `pin.package` to `pin.version` in a downstream `requirements*.txt` or `package.json`. */
export function raisePin(content: string, file: string, pin: Pin): string | VersionFileError {
  const name = file.split("/").pop() ?? file;
  if (name === "package.json") return raisePackageJson(content, pin);
  if (/^requirements.*\.(?:txt|in)$/i.test(name) || /\.txt$/i.test(name)) return raiseRequirement(content, pin);
  return { error: `Release Pilot cannot raise a pin in ${file}; it knows requirements*.txt and package.json.` };
}
