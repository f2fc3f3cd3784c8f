// The file-per-release style (Openverse's documentation/changelogs/{app}/{date}.md): the file is
// `# {title}`, a blank line, then the GitHub release body as published.

export interface ReleaseFile {
  /** The release's version or date stamp, e.g. `2024.01.01.19.52.14`. */
  readonly title: string;
  readonly body: string;
}

export function renderReleaseFile({ title, body }: ReleaseFile): string {
  // Release bodies typed in GitHub's editor arrive with CRLF; the repository keeps LF, and
  // prettier (which Openverse runs on these files) wants exactly one final newline.
  const normalised = body.replace(/\r\n?/g, "\n").replace(/^\n+/, "").trimEnd();
  return normalised.length === 0 ? `# ${title}\n` : `# ${title}\n\n${normalised}\n`;
}
