// Organisation team membership, as GitHub answers it for deployers and approvers given as
// `org/team`: GET /orgs/{org}/teams/{team_slug}/memberships/{username} answers 200 with the
// membership's `role` and `state` (`active`, or `pending` while an invitation is not accepted)
// and 404 when the person is not on the team or the team does not exist
// (https://docs.github.com/rest/teams/members#get-team-membership-for-a-user). The org and the
// slug are matched without case, as GitHub's org names are ("The organization name. The name is
// not case sensitive."). It needs the organisation's Members: read permission (permissions.ts).
import { type Handler, notFound, ok } from "../http.js";

export const teamRoutes: Record<string, Handler> = {
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": (ctx) => {
    const team = ctx.store.teams.get(`${ctx.params["org"] ?? ""}/${ctx.params["team_slug"] ?? ""}`.toLowerCase());
    const login = (ctx.params["username"] ?? "").toLowerCase();
    const state = team?.get(login);
    if (state === undefined) throw notFound();
    return ok({ url: `${ctx.apiUrl}/organizations/1/team/1/memberships/${ctx.params["username"] ?? ""}`, role: "member", state });
  },
};
