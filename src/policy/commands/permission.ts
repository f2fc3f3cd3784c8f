// Who is obeyed: GitHub's repository roles in order. The collaborator-permission API answers
// with both the legacy names (`pull`, `push`) and the role names, so both are read.

export type Permission = "read" | "triage" | "write" | "maintain" | "admin";

const RANK: Readonly<Record<string, number>> = {
  none: 0,
  read: 1,
  pull: 1,
  triage: 2,
  write: 3,
  push: 3,
  maintain: 4,
  admin: 5,
};

/** Unknown permission names rank with `none`, so a surprise from the API never grants access. */
export function permissionAtLeast(have: string, need: Permission): boolean {
  return (RANK[have.toLowerCase()] ?? 0) >= (RANK[need] ?? Number.POSITIVE_INFINITY);
}
