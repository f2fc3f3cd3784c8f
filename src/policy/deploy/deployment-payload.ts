// The payload this app puts on the deployments it creates, and the one reader of it. GitHub hands
// it back as the JSON object it was given, or as a string when it was created as one (the REST API
// accepts both: https://docs.github.com/en/rest/deployments/deployments#create-a-deployment,
// `payload`). Every field this app reads back is named here once; nothing else indexes a payload.
//
// Format: the fields below, written since the first release, are format 1. A payload says its
// format in `release_pilot_format`; one without it is format 1, so deployments made before the
// field existed read the same. A later format adds fields or a new number; a reader of format N
// reads every earlier one.

import { isThisApp, type AppIdentity } from "../identity.js";

export const PAYLOAD_FORMAT = 1;

/** The payload field that ties a GitHub Deployment to the plan action that made it. */
export const DEPLOYMENT_KEY_FIELD = "release_pilot_key";
/** A queued deploy's payload fields: the deploy it waits behind, and its rendered dispatch. */
export const QUEUED_BEHIND_FIELD = "queued_behind";
export const DISPATCH_FIELD = "dispatch";

/** What a deployment's payload says, as this app wrote it; each field absent when not written. */
export interface DeploymentPayload {
  readonly format: number;
  /** The idempotency key of the create-deployment action that made it. */
  readonly key?: string;
  /** The app deployed, in a repository with several. */
  readonly app?: string;
  readonly imageTag?: string;
  /** Who asked for the deploy. */
  readonly requestedBy?: string;
  /** The issue or pull request whose command asked for it. */
  readonly issueNumber?: number;
  /** The release that set it off. */
  readonly release?: { readonly id: number; readonly tag: string; readonly prerelease: boolean };
  /** The tag of the release deployed, also when its id is not known. */
  readonly releaseTag?: string;
  /** A queued deploy: the key of the deploy holding the lock it waits behind. */
  readonly queuedBehind?: string;
  /** A queued deploy: how long its lock is taken for once it starts. */
  readonly lockMs?: number;
  /** A queued deploy: its rendered dispatch, as JSON text (queue.ts parses it). */
  readonly dispatch?: unknown;
  /** `/deploy ... --with-migrations`. */
  readonly withMigrations?: boolean;
}

export function payloadObject(payload: unknown): Readonly<Record<string, unknown>> {
  if (typeof payload === "string") {
    try {
      return payloadObject(JSON.parse(payload));
    } catch {
      return {};
    }
  }
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  // Deployment payloads may come back from GitHub with numbers as strings.
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Reads a deployment's payload (object or JSON text) in whichever format it was written. */
export function deploymentPayload(raw: unknown): DeploymentPayload {
  const p = payloadObject(raw);
  const format = count(p["release_pilot_format"]) ?? 1;
  const key = text(p[DEPLOYMENT_KEY_FIELD]);
  const app = text(p["app"]);
  const imageTag = text(p["image_tag"]);
  const requestedBy = text(p["requested_by"]);
  const issueNumber = wholeNumber(p["issue_number"]);
  const releaseTag = text(p["release_tag"]);
  const releaseId = count(p["release_id"]);
  const queuedBehind = typeof p[QUEUED_BEHIND_FIELD] === "string" ? p[QUEUED_BEHIND_FIELD] : undefined;
  const lockMs = count(p["lock_ms"]);
  const dispatch = p[DISPATCH_FIELD];
  return {
    format,
    ...(key === undefined ? {} : { key }),
    ...(app === undefined ? {} : { app }),
    ...(imageTag === undefined ? {} : { imageTag }),
    ...(requestedBy === undefined ? {} : { requestedBy }),
    ...(issueNumber === undefined ? {} : { issueNumber }),
    ...(releaseTag === undefined ? {} : { releaseTag }),
    ...(releaseId === undefined || releaseTag === undefined ? {} : { release: { id: releaseId, tag: releaseTag, prerelease: p["prerelease"] === true } }),
    ...(queuedBehind === undefined ? {} : { queuedBehind }),
    ...(lockMs === undefined ? {} : { lockMs }),
    ...(dispatch === undefined ? {} : { dispatch }),
    ...(p["with_migrations"] === true ? { withMigrations: true } : {}),
  };
}

/** The payload fields of a deploy, as deploymentPayload reads them back. */
export function encodeDeploymentPayload(
  fields: Omit<DeploymentPayload, "format" | "dispatch"> & { readonly dispatch?: string },
): Record<string, string | number | boolean> {
  return {
    ...(fields.app === undefined ? {} : { app: fields.app }),
    ...(fields.imageTag === undefined ? {} : { image_tag: fields.imageTag }),
    ...(fields.requestedBy === undefined ? {} : { requested_by: fields.requestedBy }),
    ...(fields.issueNumber === undefined ? {} : { issue_number: fields.issueNumber }),
    ...(fields.withMigrations === true ? { with_migrations: true } : {}),
    ...(fields.release === undefined
      ? fields.releaseTag === undefined
        ? {}
        : { release_tag: fields.releaseTag }
      : { release_id: fields.release.id, release_tag: fields.release.tag, prerelease: fields.release.prerelease }),
    ...(fields.queuedBehind === undefined ? {} : { [QUEUED_BEHIND_FIELD]: fields.queuedBehind }),
    ...(fields.dispatch === undefined ? {} : { [DISPATCH_FIELD]: fields.dispatch }),
    ...(fields.lockMs === undefined ? {} : { lock_ms: fields.lockMs }),
    ...(fields.key === undefined ? {} : { [DEPLOYMENT_KEY_FIELD]: fields.key }),
  };
}

/**
 * The plan key of a deployment this app created (its `creator` is this app's bot user; see
 * src/github/identity.ts for why `creator` and not `performed_via_github_app`); undefined for anyone else's,
 * whatever its payload says: a payload is whatever its creator typed.
 */
export function ownDeploymentKey(
  deployment: { readonly creator?: { readonly login?: string | null; readonly type?: string | null } | null; readonly payload: unknown },
  self: AppIdentity,
): string | undefined {
  return isThisApp(deployment.creator, self) ? deploymentKeyOf(deployment.payload) : undefined;
}

/** The plan key in a deployment's payload, whoever made it; see ownDeploymentKey before trusting it. */
export function deploymentKeyOf(payload: unknown): string | undefined {
  return deploymentPayload(payload).key;
}
