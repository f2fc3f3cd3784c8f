// BackportFacts answered from the facts file's `backport`; a cherry-pick no file describes cannot
// be guessed (which files conflict is the whole decision), so it is asked for instead.
import type { BackportFacts, CherryPick } from "../backport.js";
import { NotPlannableOfflineError } from "./not-given.js";
import type { JsonWorld } from "./world.js";

export function backportFromJson(world: JsonWorld): BackportFacts {
  const given = world.facts.backport;
  return {
    mergedPull: async (number) => {
      const pull = given?.pull;
      if (pull === undefined) throw new NotPlannableOfflineError(`a backport reads pull request #${number}; give it as \`backport.pull\` in --facts`);
      return pull;
    },
    cherryPick: async (_commit, branch): Promise<CherryPick> => {
      const pick = given?.pick;
      if (pick === undefined) {
        throw new NotPlannableOfflineError(`a backport compares the changed files with ${branch}; give them as \`backport.pick\` in --facts`);
      }
      // A file whose text the facts file leaves out counts as not carried (as binary would be).
      return pick.kind === "files" ? { ...pick, files: pick.files.map((file) => ({ ...file, content: file.content })) } : pick;
    },
  };
}
