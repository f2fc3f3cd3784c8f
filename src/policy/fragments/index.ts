// Fragment changelogs: one file per change, compiled into the release's section at /release.
import type { FragmentsConfig } from "../config/types.js";
import type { ResolvedLevel } from "../release/resolve-level.js";
import { changesetSections } from "./changesets.js";
import { towncrierSections } from "./towncrier.js";
import type { Fragment, FragmentSection } from "./types.js";

export { compileInto, renderFragments } from "./compile.js";
export type { Fragment, FragmentEntry, FragmentSection } from "./types.js";

/** The sections the tool's files make and the files used (the ones the release commit deletes). */
export function fragmentSections(
  config: FragmentsConfig,
  files: Readonly<Record<string, string>>,
): { readonly sections: readonly FragmentSection[]; readonly used: readonly Fragment[]; readonly level?: ResolvedLevel } | { readonly error: string } {
  return config.tool === "changesets" ? changesetSections(files) : towncrierSections(files);
}
