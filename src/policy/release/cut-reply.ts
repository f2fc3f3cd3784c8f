// The bot's answer to `/release`. The finished answer is built only from facts that can be read
// back from GitHub later, so a redelivered comment renders the same text and the reply is left
// untouched instead of being rewritten.

export interface ReleasedReply {
  readonly version: string;
  readonly codename: string | undefined;
  readonly rc: boolean;
  readonly tag: string;
  readonly repoUrl: string;
  readonly releaseUrl: string;
  readonly changelogFile: string | undefined;
  readonly versionFiles: readonly string[];
  /** The unreleased section the release went back to development with, when it did. */
  readonly nextUnreleased: string | undefined;
  /** Said when the scheme's normal form respelt the typed version. */
  readonly note?: string | undefined;
}

function noteOf(r: { readonly note?: string | undefined }): string {
  return r.note === undefined ? "" : ` ${r.note}`;
}

function title(version: string, codename: string | undefined): string {
  return codename === undefined ? version : `${version} "${codename}"`;
}

export function cuttingReply(r: Omit<ReleasedReply, "releaseUrl">): string {
  const kind = r.rc ? "release candidate" : "release";
  return `cutting ${kind} ${title(r.version, r.codename)} (tag \`${r.tag}\`)…${noteOf(r)}`;
}

export function releasedReply(r: ReleasedReply): string {
  const blob = (path: string) => `[${path}](${r.repoUrl}/blob/${encodeURIComponent(r.tag)}/${path})`;
  const links = [
    `[release ${r.tag}](${r.releaseUrl})${r.rc ? " (pre-release)" : ""}`,
    `tag [\`${r.tag}\`](${r.repoUrl}/tree/${encodeURIComponent(r.tag)})`,
    ...(r.changelogFile === undefined ? [] : [`changelog ${blob(r.changelogFile)}`]),
    ...r.versionFiles.map((path) => `version in ${blob(path)}`),
  ];
  const kind = r.rc ? "release candidate" : "release";
  const back = r.nextUnreleased === undefined ? "" : ` Back to development: ${r.nextUnreleased} is the next section of ${r.changelogFile ?? "the changelog"}.`;
  return `released ${kind} **${title(r.version, r.codename)}**: ${links.join(" · ")}.${back}${noteOf(r)}`;
}
