// Schema of release lines: the maintenance branches releases of an older series are cut on, and
// how fixes travel between them and the default branch (backports, or today's forward port).
import { z } from "zod";
import { template } from "./schema-primitives.js";

export const BACKPORT_BRANCH_TOKEN = "{branch}";

export const Backports = z
  .strictObject({
    label: z
      .string()
      .min(1, { error: "must not be empty" })
      .max(100, { error: "a label has at most 100 characters" })
      .default("backport {branch}")
      .describe(
        "Label that asks for a backport of a merged pull request; {branch} stands for the release branch, e.g. 'backport {branch}' is the label 'backport release-1.4'.",
      ),
  })
  .describe(
    "Backports: a merged pull request labelled for a release branch (or /backport <branch> typed on it) gets a pull request into that branch with its changes cherry-picked; a conflict is reported on it with the commands to do it by hand.",
  );

export const LinesShape = {
  release_branch: template(
    "Maintenance branches, one per minor series, where the releases of that line are cut; {version} is the series: {version}.x (8.3.x), release-{version} (release-1.4), release/v{version}. When set, /release of a version whose branch exists commits, tags and publishes on that branch, and the version before it is the newest tag of that series.",
  ).optional(),
  forward_port: z
    .boolean()
    .optional()
    .describe(
      "After a push to a release branch, keep one pull request open that brings its commits into the default branch. Default: true, or false when backports are on (both cannot be on).",
    ),
  backports: Backports.optional(),
  pointers: z
    .record(z.string().min(1), z.enum(["tag", "branch"]))
    .optional()
    .describe(
      "Refs moved to the commit of each newest final release when it is published, with no deploy: a tag (stable) or a branch (latest, moved only forward, never forced). A patch of an older line moves none of them. E.g. { stable: tag, latest: branch }.",
    ),
};
