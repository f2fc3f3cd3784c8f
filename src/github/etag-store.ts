// Where conditional reads keep what GitHub last answered (etag-cache.ts): in memory, bounded per
// installation and in bytes overall, or shared through Redis (etag-store-redis.ts) so every
// replica's repeat is a 304. Entries are filed under their installation, so one installation's
// bodies are never served to another's request, whatever the URL.

/** One cached answer: what a 304 stands for. */
export interface EtagEntry {
  readonly etag: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: unknown;
  /** About how much memory the body takes (its JSON length), for the byte bound. */
  readonly bytes: number;
}

export interface EtagStore {
  get(installation: number, key: string): Promise<EtagEntry | undefined>;
  set(installation: number, key: string, entry: EtagEntry): Promise<void>;
}

export interface EtagBounds {
  /** Answers kept per installation, least recently used dropped first. */
  readonly entriesPerInstallation: number;
  /** Bytes of bodies kept in all, the least recently used installation's oldest dropped first. */
  readonly totalBytes: number;
}

export const DEFAULT_ETAG_BOUNDS: EtagBounds = { entriesPerInstallation: 200, totalBytes: 64 * 1024 * 1024 };

/** Map order is insertion order, so re-inserting on use makes the first key the least recent. */
function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

export function memoryEtagStore(bounds: EtagBounds = DEFAULT_ETAG_BOUNDS): EtagStore & { size(installation: number): number; bytes(): number } {
  const byInstallation = new Map<number, Map<string, EtagEntry>>();
  let total = 0;

  const dropOldest = (installation: number, entries: Map<string, EtagEntry>): void => {
    const [oldest, entry] = entries.entries().next().value as [string, EtagEntry];
    entries.delete(oldest);
    total -= entry.bytes;
    if (entries.size === 0) byInstallation.delete(installation);
  };

  return {
    get: async (installation, key) => {
      const entries = byInstallation.get(installation);
      const entry = entries?.get(key);
      if (entries === undefined || entry === undefined) return undefined;
      touch(byInstallation, installation, entries);
      touch(entries, key, entry);
      return entry;
    },
    set: async (installation, key, entry) => {
      const entries = byInstallation.get(installation) ?? new Map<string, EtagEntry>();
      total -= entries.get(key)?.bytes ?? 0;
      touch(byInstallation, installation, entries);
      touch(entries, key, entry);
      total += entry.bytes;
      while (entries.size > bounds.entriesPerInstallation) dropOldest(installation, entries);
      while (total > bounds.totalBytes && byInstallation.size > 0) {
        const [least, its] = byInstallation.entries().next().value as [number, Map<string, EtagEntry>];
        dropOldest(least, its);
      }
    },
    size: (installation) => byInstallation.get(installation)?.size ?? 0,
    bytes: () => total,
  };
}
