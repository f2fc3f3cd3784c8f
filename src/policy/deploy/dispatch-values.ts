// What a deploy hands to a workflow must be what the config says it is. The templates are the
// config's (trusted); the token values come from outside: a release's tag name, a branch, a tag
// captured back out of an image name, the login of whoever asked. A workflow that writes
// `${{ inputs.version }}` into a `run:` step pastes the value into its shell script before the
// shell reads it (https://docs.github.com/en/actions/concepts/security/script-injections: a
// branch name such as `zzz";echo${IFS}"hello";#` is valid and runs as code), so a tag such as `v10.8.5rc1";echo${IFS}hello;#` would run as code. Each value a template uses is
// checked against its kind before anything is rendered, and the deploy is refused with the reason.

import type { Versioning } from "../config/types.js";
import { refNameProblem } from "../ref-name.js";
import { templateTokens, type TemplateValues, type TokenName } from "../template.js";
import { versionScheme } from "../versions/index.js";
import { inertText } from "../markdown/inert.js";

/** A full commit SHA: 40 hex digits (SHA-1), or 64 in a SHA-256 repository. */
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** GitHub logins: letters, digits and single hyphens, up to 39 characters; apps end in `[bot]`. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
/** Whatever the scheme, a version is one word: no quote, `$`, `;`, space or backtick. */
const VERSION_CHARACTERS = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,99}$/;
/** An image name reused from an earlier deploy: registry path, name, tag or digest characters. */
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,255}$/;

/** Show an untrusted value inside a refusal: quoted, one line, short. */
function shown(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f]/g, "");
  return JSON.stringify(inertText(flat.length > 60 ? `${flat.slice(0, 57)}...` : flat));
}

/** Why one token's value cannot go into a workflow input; undefined when it can. */
function valueProblem(token: TokenName, values: TemplateValues, versioning: Versioning): string | undefined {
  switch (token) {
    case "version": {
      const version = values.version;
      if (version === undefined) return undefined;
      const scheme = versionScheme(versioning.scheme, versioning.calver === null ? {} : { calver: versioning.calver });
      if (!VERSION_CHARACTERS.test(version) || scheme.parse(version) === undefined) {
        return `the version ${shown(version)} is not a ${versioning.scheme} version`;
      }
      return undefined;
    }
    case "tag": {
      const problem = values.tag === undefined ? undefined : refNameProblem(values.tag);
      return problem === undefined ? undefined : `the tag ${shown(values.tag ?? "")} is not a safe ref name: ${problem}`;
    }
    case "sha":
    case "sha7":
    case "sha8":
      return values.sha === undefined || SHA.test(values.sha) ? undefined : `the commit ${shown(values.sha)} is not a full commit SHA`;
    case "actor":
      return values.actor === undefined || LOGIN.test(values.actor) ? undefined : `the login ${shown(values.actor)} is not a GitHub login`;
    case "number":
      return values.number === undefined || /^\d{1,12}$/.test(String(values.number)) ? undefined : `the number ${shown(String(values.number))} is not a number`;
    case "pr":
      return values.pr === undefined || /^\d{1,12}$/.test(String(values.pr))
        ? undefined
        : `the pull request number ${shown(String(values.pr))} is not a number`;
    case "ref":
    case "branch": {
      // A pull request's head branch is whatever its author named it: checked like a tag.
      const value = values[token];
      const problem = value === undefined ? undefined : refNameProblem(value);
      return problem === undefined ? undefined : `the ${token === "ref" ? "ref" : "branch"} ${shown(value ?? "")} is not a safe ref name: ${problem}`;
    }
    default:
      // env, app and codename are names from the config; date and epoch come from the clock.
      return undefined;
  }
}

/**
 * The first reason the values cannot fill these templates safely, as a sentence fragment
 * (`the version "…" is not a pep440 version`); undefined when every used value has its kind.
 */
export function dispatchValueProblem(templates: readonly string[], values: TemplateValues, versioning: Versioning): string | undefined {
  const used = new Set(templates.flatMap((template) => templateTokens(template)));
  for (const token of used) {
    const problem = valueProblem(token, values, versioning);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Why an image reused from an earlier deploy cannot be passed on; undefined when it can. */
export function imageProblem(image: string): string | undefined {
  return IMAGE.test(image) && !image.includes("..") ? undefined : `the image ${shown(image)} is not an image name`;
}
