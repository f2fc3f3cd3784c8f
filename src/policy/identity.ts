// Who wrote a thing, as GitHub reports it: only what this app's bot user wrote is the app's own
// (see src/github/identity.ts for how the app learns its bot user, and why `creator`).

export interface AppIdentity {
  /** The bot user this app writes as, e.g. `release-pilot[bot]`. */
  readonly login: string;
}

interface UserLike {
  readonly login?: string | null;
  readonly type?: string | null;
}

/** Whether `user` is this app's bot user; logins compare case-insensitively, as GitHub's do. */
export function isThisApp(user: UserLike | null | undefined, self: AppIdentity): boolean {
  return typeof user?.login === "string" && user.type === "Bot" && user.login.toLowerCase() === self.login.toLowerCase();
}
