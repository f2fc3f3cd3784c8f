// GitHub's size limits on bodies, answered as GitHub answers them (422 and its own error shape),
// so a bot that sends too much fails here as it would on a real installation. Each limit below is
// what GitHub has answered, recorded in public issue threads (GitHub's REST docs state only the
// check-run one):
// - issue and pull request bodies (a pull request's body is its issue's): "Validation Failed",
//   `{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is
//   65536 characters)" }`: trstringer/manual-approval#89 (POST issues), renovatebot/renovate#2032
//   and denoland/bump-workspaces#34 (POST pulls);
// - comments, on creation: `{ resource: "IssueComment", code: "unprocessable", field: "data",
//   message: "Body is too long (maximum is 65536 characters)" }`, recorded in full with
//   `"status": "422"` by easybuilders/easybuild-easyconfigs#24647; on edit the older shape,
//   `{ code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }`:
//   joonvena/robotframework-reporter-action#30 (PATCH issues/comments/{id}), suzuki-shunsuke/github-comment#124;
// - release bodies: `{ resource: "Release", code: "custom", field: "body", message: "body is too
//   long (maximum is 125000 characters)" }`: softprops/action-gh-release#374, ncipollo/release-action#493;
// - check-run `output.summary` and `output.text`: "Maximum length: 65535 characters" in the REST
//   docs and `maxLength: 65535` in the OpenAPI description; over it in characters GitHub answers
//   422 "Invalid request.\n\nOnly 65535 characters are allowed; N were supplied." (zyborg/dotnet-tests-report#9,
//   reviewdog/action-actionlint#72), and within it in characters but over it in UTF-8 bytes,
//   `{ resource: "CheckRun", code: "custom", field: "summary", message: "summary exceeds a maximum
//   bytesize of 65535" }` (github/docs#35252). The character case is the schema's `maxLength`, so
//   the server answers it from the contract check (`schemaLimitReply`); the byte case is here.
// "Characters" are counted as Unicode code points, as Ruby's String#length does.
import type { Reply } from "./http.js";

const DOCS = "https://docs.github.com/rest";

interface BodyLimit {
  readonly resource: "Issue" | "IssueComment" | "Release";
  readonly max: number;
  /** The newer comment-creation shape (`unprocessable`, field `data`) or the `custom` one. */
  readonly shape: "custom" | "unprocessable";
}

const ISSUE: BodyLimit = { resource: "Issue", max: 65_536, shape: "custom" };
const RELEASE: BodyLimit = { resource: "Release", max: 125_000, shape: "custom" };

/** Route template → the limit on its `body` field. */
const BODY_LIMITS: Readonly<Record<string, BodyLimit>> = {
  "POST /repos/{owner}/{repo}/issues": ISSUE,
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": ISSUE,
  "POST /repos/{owner}/{repo}/pulls": ISSUE,
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": ISSUE,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": { resource: "IssueComment", max: 65_536, shape: "unprocessable" },
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": { resource: "IssueComment", max: 65_536, shape: "custom" },
  "POST /repos/{owner}/{repo}/releases": RELEASE,
  "PATCH /repos/{owner}/{repo}/releases/{release_id}": RELEASE,
};

const CHECK_RUN_ROUTES = new Set(["POST /repos/{owner}/{repo}/check-runs", "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]);
const CHECK_RUN_MAX = 65_535;

function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function validationFailed(error: Record<string, string>): Reply {
  return { status: 422, body: { message: "Validation Failed", errors: [error], documentation_url: DOCS, status: "422" } };
}

/** GitHub's 422 for a body over its limit on this route, or undefined when it fits. */
export function bodyLimitReply(key: string, body: Record<string, unknown>): Reply | undefined {
  const limit = BODY_LIMITS[key];
  const text = body["body"];
  if (limit && typeof text === "string" && characters(text) > limit.max) {
    return limit.shape === "unprocessable"
      ? validationFailed({ resource: limit.resource, code: "unprocessable", field: "data", message: `Body is too long (maximum is ${limit.max} characters)` })
      : validationFailed({ resource: limit.resource, code: "custom", field: "body", message: `body is too long (maximum is ${limit.max} characters)` });
  }
  if (CHECK_RUN_ROUTES.has(key)) {
    const output = (body["output"] ?? {}) as Record<string, unknown>;
    for (const field of ["summary", "text"]) {
      const value = output[field];
      if (typeof value === "string" && Buffer.byteLength(value, "utf8") > CHECK_RUN_MAX) {
        return validationFailed({ resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of ${CHECK_RUN_MAX}` });
      }
    }
  }
  return undefined;
}

interface SchemaError {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly params?: { readonly limit?: number };
}

/** The value a JSON pointer (ajv's `instancePath`) names in the request body. */
function at(body: unknown, pointer: string): unknown {
  let value = body;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * A request whose only fault against the OpenAPI schema is a string over its `maxLength` is what
 * GitHub answers itself, with 422 "Invalid request" naming the limit and the length sent; it is
 * not a contract violation. Anything else stays one.
 */
export function schemaLimitReply(errors: unknown, body: unknown): Reply | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const list = errors as SchemaError[];
  if (!list.every((e) => e.keyword === "maxLength")) return undefined;
  const first = list[0];
  const value = at(body, first?.instancePath ?? "");
  const supplied = typeof value === "string" ? characters(value) : 0;
  return {
    status: 422,
    body: {
      message: `Invalid request.\n\nOnly ${first?.params?.limit ?? 0} characters are allowed; ${supplied} were supplied.`,
      documentation_url: DOCS,
      status: "422",
    },
  };
}
