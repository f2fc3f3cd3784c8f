// Built-in codename lists, by the name the config uses (`codenames: cryptids`). The list itself
// lives with the codename picker, so there is one list of cryptids in the project.
import { CRYPTIDS } from "../codenames.js";

export const BUILT_IN_CODENAMES: Readonly<Record<string, readonly string[]>> = {
  cryptids: CRYPTIDS,
};

export const BUILT_IN_CODENAME_LISTS = Object.keys(BUILT_IN_CODENAMES);
