// package.json: only the top-level "version" changes; a nested "version" (in "engines",
// "publishConfig" or a workspace entry) is not the package's version.
import { jsonStrings, replaceJsonString } from "./json-strings.js";
import type { VersionFile } from "./types.js";

function topLevelVersion(content: string) {
  return jsonStrings(content)?.find((s) => s.path.length === 1 && s.path[0] === "version");
}

export const packageJsonVersionFile: VersionFile = {
  kind: "package.json",
  readVersion(content) {
    return topLevelVersion(content)?.value;
  },
  updateContent(content, version) {
    if (jsonStrings(content) === undefined) return { error: "package.json is not valid JSON, so its version was not changed." };
    const target = topLevelVersion(content);
    if (!target) return { error: 'package.json has no top-level "version" to update.' };
    return replaceJsonString(content, target, version);
  },
};
