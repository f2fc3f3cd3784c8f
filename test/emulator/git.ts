// A small content-addressed git object store per repository. Object ids are sha1 over a git-like
// encoding, so equal content gives equal shas and a bot that compares shas sees what it would see
// on GitHub (a no-op commit keeps its tree sha, an unchanged file keeps its blob sha).
import { createHash } from "node:crypto";

export interface Signature {
  readonly name: string;
  readonly email: string;
  readonly date: string;
}

export interface TreeEntry {
  readonly name: string;
  readonly mode: string;
  readonly type: "blob" | "tree";
  readonly sha: string;
}

export type GitObject =
  | { readonly type: "blob"; readonly content: Buffer }
  | { readonly type: "tree"; readonly entries: readonly TreeEntry[] }
  | {
      readonly type: "commit";
      readonly tree: string;
      readonly parents: readonly string[];
      readonly message: string;
      readonly author: Signature;
      readonly committer: Signature;
    }
  | {
      readonly type: "tag";
      readonly tag: string;
      readonly object: string;
      readonly objectType: string;
      readonly message: string;
      readonly tagger: Signature;
    };

export type CommitObject = Extract<GitObject, { type: "commit" }>;
export type TagObject = Extract<GitObject, { type: "tag" }>;

export interface FlatEntry {
  readonly mode: string;
  readonly sha: string;
}

export interface FileChange {
  readonly filename: string;
  readonly status: "added" | "removed" | "modified";
  readonly sha: string;
  readonly additions: number;
  readonly deletions: number;
}

// Not git's exact binary tree format, but deterministic and content-only, which is what sha
// equality needs; nothing outside the emulator recomputes these shas.
function encode(object: GitObject): Buffer {
  switch (object.type) {
    case "blob":
      return object.content;
    case "tree":
      return Buffer.from(object.entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\n`).join(""));
    case "commit":
      return Buffer.from(
        [
          `tree ${object.tree}`,
          ...object.parents.map((p) => `parent ${p}`),
          `author ${object.author.name} <${object.author.email}> ${object.author.date}`,
          `committer ${object.committer.name} <${object.committer.email}> ${object.committer.date}`,
          "",
          object.message,
        ].join("\n"),
      );
    case "tag":
      return Buffer.from(
        `object ${object.object}\ntype ${object.objectType}\ntag ${object.tag}\n` +
          `tagger ${object.tagger.name} <${object.tagger.email}> ${object.tagger.date}\n\n${object.message}`,
      );
  }
}

function lines(buffer: Buffer | undefined): string[] {
  if (!buffer || buffer.length === 0) return [];
  return buffer.toString("utf8").replace(/\n$/, "").split("\n");
}

/**
 * Refs that tell a listener each time one is created, moved or deleted, so every write that moves
 * a ref (git refs, contents, merges, releases that create their tag, seeding) is announced as the
 * `push` GitHub sends for it, without each route having to remember to.
 */
export class RefMap extends Map<string, string> {
  onChange: ((ref: string, before: string | undefined, after: string | undefined) => void) | undefined;

  override set(ref: string, sha: string): this {
    const before = this.get(ref);
    super.set(ref, sha);
    if (before !== sha) this.onChange?.(ref, before, sha);
    return this;
  }

  override delete(ref: string): boolean {
    const before = this.get(ref);
    const deleted = super.delete(ref);
    if (deleted) this.onChange?.(ref, before, undefined);
    return deleted;
  }
}

export class GitRepo {
  readonly objects = new Map<string, GitObject>();
  /** Full ref name (`refs/heads/main`, `refs/tags/v1.0.0`) to object sha. */
  readonly refs = new RefMap();

  put(object: GitObject): string {
    const body = encode(object);
    const sha = createHash("sha1").update(`${object.type} ${body.length}\0`).update(body).digest("hex");
    this.objects.set(sha, object);
    return sha;
  }

  get<T extends GitObject["type"]>(sha: string, type: T): Extract<GitObject, { type: T }> | undefined {
    const object = this.objects.get(sha);
    return object?.type === type ? (object as Extract<GitObject, { type: T }>) : undefined;
  }

  writeBlob(content: string | Buffer): string {
    return this.put({ type: "blob", content: typeof content === "string" ? Buffer.from(content) : content });
  }

  /** Build nested tree objects from a flat `path -> blob` map and return the root tree sha. */
  writeTree(flat: ReadonlyMap<string, FlatEntry>): string {
    const entries: TreeEntry[] = [];
    const subdirs = new Map<string, Map<string, FlatEntry>>();
    for (const [path, entry] of flat) {
      const slash = path.indexOf("/");
      if (slash === -1) {
        entries.push({ name: path, mode: entry.mode, type: "blob", sha: entry.sha });
        continue;
      }
      const dir = path.slice(0, slash);
      const inner = subdirs.get(dir) ?? new Map<string, FlatEntry>();
      inner.set(path.slice(slash + 1), entry);
      subdirs.set(dir, inner);
    }
    for (const [dir, inner] of subdirs) {
      entries.push({ name: dir, mode: "040000", type: "tree", sha: this.writeTree(inner) });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.put({ type: "tree", entries });
  }

  flatten(treeSha: string, prefix = ""): Map<string, FlatEntry> {
    const out = new Map<string, FlatEntry>();
    const tree = this.get(treeSha, "tree");
    if (!tree) return out;
    for (const entry of tree.entries) {
      const path = prefix + entry.name;
      if (entry.type === "tree") {
        for (const [p, e] of this.flatten(entry.sha, `${path}/`)) out.set(p, e);
      } else {
        out.set(path, { mode: entry.mode, sha: entry.sha });
      }
    }
    return out;
  }

  /** Tree listing as the trees API shows it; `recursive` includes subtrees and their contents. */
  listTree(treeSha: string, recursive: boolean, prefix = ""): (TreeEntry & { path: string })[] {
    const tree = this.get(treeSha, "tree");
    if (!tree) return [];
    const out: (TreeEntry & { path: string })[] = [];
    for (const entry of tree.entries) {
      const path = prefix + entry.name;
      out.push({ ...entry, path });
      if (recursive && entry.type === "tree") out.push(...this.listTree(entry.sha, true, `${path}/`));
    }
    return out;
  }

  // Branches win over tags and tags over shas, the order `git rev-parse` and GitHub use.
  /** Commit sha a ref-ish names: a branch, a tag (annotated tags are peeled), or a (short) sha. */
  resolve(ref: string): string | undefined {
    const name = ref.replace(/^refs\//, "");
    for (const full of [`refs/${name}`, `refs/heads/${name}`, `refs/tags/${name}`]) {
      const sha = this.refs.get(full);
      if (sha) return this.peel(sha);
    }
    if (/^[0-9a-f]{4,40}$/.test(ref)) {
      if (this.objects.has(ref)) return this.peel(ref);
      for (const sha of this.objects.keys()) {
        if (sha.startsWith(ref) && this.objects.get(sha)?.type === "commit") return sha;
      }
    }
    return undefined;
  }

  peel(sha: string): string | undefined {
    let current = sha;
    for (let depth = 0; depth < 10; depth += 1) {
      const object = this.objects.get(current);
      if (!object) return undefined;
      if (object.type !== "tag") return object.type === "commit" ? current : undefined;
      current = object.object;
    }
    return undefined;
  }

  readFile(commitSha: string, path: string): { sha: string; content: Buffer } | undefined {
    const commit = this.get(commitSha, "commit");
    if (!commit) return undefined;
    const entry = this.flatten(commit.tree).get(path);
    const blob = entry ? this.get(entry.sha, "blob") : undefined;
    return entry && blob ? { sha: entry.sha, content: blob.content } : undefined;
  }

  /** Apply file changes (null deletes) on top of a commit's tree and return the new tree sha. */
  applyChanges(baseTree: string | undefined, files: Readonly<Record<string, string | null>>): string {
    const flat = baseTree ? this.flatten(baseTree) : new Map<string, FlatEntry>();
    for (const [path, content] of Object.entries(files)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { mode: "100644", sha: this.writeBlob(content) });
    }
    return this.writeTree(flat);
  }

  /** Commits reachable from `head`, newest first, the order `git log` and the commits API use. */
  log(head: string, stopAt?: ReadonlySet<string>): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const queue: { sha: string; date: number; order: number }[] = [];
    let order = 0;
    const push = (sha: string): void => {
      if (seen.has(sha) || stopAt?.has(sha)) return;
      seen.add(sha);
      const commit = this.get(sha, "commit");
      if (commit) queue.push({ sha, date: Date.parse(commit.committer.date), order: order++ });
    };
    push(head);
    while (queue.length > 0) {
      queue.sort((a, b) => b.date - a.date || a.order - b.order);
      const next = queue.shift();
      if (!next) break;
      out.push(next.sha);
      for (const parent of this.get(next.sha, "commit")?.parents ?? []) push(parent);
    }
    return out;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.log(of).includes(ancestor);
  }

  mergeBase(a: string, b: string): string | undefined {
    const ofA = new Set(this.log(a));
    return this.log(b).find((sha) => ofA.has(sha));
  }

  /** Files that differ between two commits' trees, sorted by name. */
  diff(baseCommit: string | undefined, headCommit: string): FileChange[] {
    const baseTree = baseCommit ? this.get(baseCommit, "commit")?.tree : undefined;
    const headTree = this.get(headCommit, "commit")?.tree;
    const before = baseTree ? this.flatten(baseTree) : new Map<string, FlatEntry>();
    const after = headTree ? this.flatten(headTree) : new Map<string, FlatEntry>();
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    const changes: FileChange[] = [];
    for (const filename of names) {
      const old = before.get(filename);
      const now = after.get(filename);
      if (old?.sha === now?.sha) continue;
      const oldLines = lines(old ? this.get(old.sha, "blob")?.content : undefined);
      const newLines = lines(now ? this.get(now.sha, "blob")?.content : undefined);
      // A multiset difference is close enough to diff stats for release notes and path filters.
      const remaining = [...oldLines];
      let additions = 0;
      for (const line of newLines) {
        const at = remaining.indexOf(line);
        if (at === -1) additions += 1;
        else remaining.splice(at, 1);
      }
      changes.push({
        filename,
        status: !old ? "added" : !now ? "removed" : "modified",
        sha: (now ?? old)?.sha ?? "",
        additions,
        deletions: remaining.length,
      });
    }
    return changes;
  }
}
