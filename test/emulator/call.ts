// A bare HTTP call to the emulator for tests that check GitHub's exact answers (status, error
// body, headers), which an Octokit error would reshape.
import type { Emulator } from "./index.js";

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of GitHub's answers.
  readonly json: any;
  readonly text: string;
  readonly headers: Headers;
}

/** `token` is the bearer token: an installation token (the app) unless it is a `gh.userToken`. */
export async function call(
  gh: Emulator,
  method: string,
  path: string,
  body?: unknown,
  token = "ghs_installation",
  accept = "application/vnd.github+json",
): Promise<Answer> {
  const res = await fetch(`${gh.url}/api/v3${path}`, {
    method,
    headers: { "content-type": "application/json", accept, authorization: `token ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
