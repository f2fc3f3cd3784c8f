// A file holding only the version (`VERSION`), kept with whatever line ending it had.
import type { VersionFile } from "./types.js";

export const plainVersionFile: VersionFile = {
  kind: "a plain version file",
  readVersion(content) {
    const version = content.trim();
    return version.length > 0 && !/\s/.test(version) ? version : undefined;
  },
  updateContent(content, version) {
    const ending = /\r?\n$/.exec(content)?.[0] ?? "";
    if (content.trim().includes("\n")) return { error: "The version file holds more than one line, so it is not a plain version file." };
    return `${version}${ending}`;
  },
};
