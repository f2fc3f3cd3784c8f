// PeopleFacts answered from the facts file (`pull`, `teams`), as the GitHub reads would answer
// them (src/facts/github/people-reads.ts); each default leaned on is said in `assumed`.
import type { PeopleFacts } from "../people.js";
import { commitOf } from "./core.js";
import type { JsonWorld } from "./world.js";

export function peopleFromJson(world: JsonWorld): PeopleFacts {
  return {
    pullHead: async (number) => {
      const given = world.facts.pull;
      const repo = `${world.repo.owner}/${world.repo.repo}`;
      if (given !== undefined) {
        return {
          number,
          open: given.open,
          headSha: given.headSha,
          headRef: given.headRef,
          headRepo: given.headRepo === undefined ? repo : given.headRepo,
          baseRepo: repo,
          baseRef: given.baseRef ?? world.defaultBranch,
          behindBy: given.behindBy,
        };
      }
      const headRef = `pr-${number}`;
      world.assumed.add(`pull: #${number} is open, from the branch ${headRef} of this repository, not behind ${world.defaultBranch}`);
      return {
        number,
        open: true,
        headSha: commitOf(world, headRef) ?? headRef,
        headRef,
        headRepo: repo,
        baseRepo: repo,
        baseRef: world.defaultBranch,
        behindBy: 0,
      };
    },
    teamMember: async (team, login) => {
      const members = world.facts.teams?.[team.toLowerCase()] ?? world.facts.teams?.[team];
      if (members === undefined) {
        world.assumed.add(`teams.${team}: ${login} is not a member`);
        return false;
      }
      return members.some((member) => member.toLowerCase() === login.toLowerCase());
    },
  };
}
