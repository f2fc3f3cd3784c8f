// Branch and tag names read from payloads or typed in commands, checked before they reach a
// workflow input, a dispatch ref or a git call. Two layers: git's own rules for a ref name
// (`git check-ref-format --allow-onelevel`, https://git-scm.com/docs/git-check-ref-format), and a
// conservative character set on top, letters, digits and `. _ / -`, so that a name passed on to a
// shell (`${{ inputs.ref }}` in a `run:` step) is one word with no quote, `$`, `;` or backtick.

const CONSERVATIVE = /^[A-Za-z0-9._/-]+$/;
const MAX_LENGTH = 200;

/** Why `name` cannot be used as a branch or tag name, in a few words; undefined when it can. */
export function refNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH} characters`;
  if (!CONSERVATIVE.test(name)) return "it has characters other than letters, digits and . _ / -";
  // git check-ref-format, rule by rule; the characters it bans (space, ~ ^ : ? * [ \, control
  // characters, and the @ of `@{` and of a lone `@`) are already outside the set above. A leading
  // `-` is refused too, so no tool reads the name as an option.
  if (name.startsWith("-")) return "it starts with -";
  if (name.includes("..")) return "it contains ..";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return "it has an empty part between slashes";
  if (name.endsWith(".")) return "it ends with a dot";
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return "a part of it starts with a dot";
    if (part.endsWith(".lock")) return "a part of it ends with .lock";
  }
  return undefined;
}

export function isRefName(name: string): boolean {
  return refNameProblem(name) === undefined;
}
