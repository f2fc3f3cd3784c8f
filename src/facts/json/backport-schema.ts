// The facts-file form of a backport's facts (src/policy/backport/facts.ts), given as `backport`.
import { z } from "zod";

const PickedFile = z.object({
  path: z.string(),
  base: z.string().nullable(),
  picked: z.string().nullable(),
  target: z.string().nullable(),
  content: z.string().nullable().optional(),
});

export const BackportFacts = z.object({
  /** The pull request a /backport comment is on. Default: not known. */
  pull: z
    .object({
      number: z.number(),
      title: z.string(),
      url: z.string(),
      labels: z.array(z.string()).default([]),
      mergeCommitSha: z.string().nullable(),
      merged: z.boolean(),
    })
    .optional(),
  /** The cherry-pick onto the release branch, file by file as blob SHAs. Default: not known. */
  pick: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("files"), branchHead: z.string(), parent: z.string(), merge: z.boolean().default(false), files: z.array(PickedFile) }),
      z.object({ kind: z.literal("no-branch") }),
      z.object({ kind: z.literal("too-large"), merge: z.boolean().default(false) }),
    ])
    .optional(),
});
