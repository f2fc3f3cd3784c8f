// Where conditional reads keep what GitHub last answered (etag-cache.ts): in memory, bounded per
// installation, or shared through Redis (etag-store-redis.ts) so every replica's repeat is a 304.
// Entries are filed under their installation, so one installation's bodies are never served to
// another's request, whatever the URL.

/** One cached answer: what a 304 stands for. */
export interface EtagEntry {
  readonly etag: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: unknown;
}

export interface EtagStore {
  get(installation: number, key: string): Promise<EtagEntry | undefined>;
  set(installation: number, key: string, entry: EtagEntry): Promise<void>;
}

export interface EtagBounds {
  /** Answers kept per installation, least recently used dropped first. */
  readonly entriesPerInstallation: number;
  /** Installations kept in memory, least recently used dropped first. */
  readonly installations: number;
}

export const DEFAULT_ETAG_BOUNDS: EtagBounds = { entriesPerInstallation: 200, installations: 1000 };

/** Map order is insertion order, so re-inserting on use makes the first key the least recent. */
function touch<K, V>(map: Map<K, V>, key: K, value: V, bound: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > bound) {
    const oldest = map.keys().next().value as K;
    map.delete(oldest);
  }
}

export function memoryEtagStore(bounds: EtagBounds = DEFAULT_ETAG_BOUNDS): EtagStore & { size(installation: number): number } {
  const byInstallation = new Map<number, Map<string, EtagEntry>>();
  return {
    get: async (installation, key) => {
      const entries = byInstallation.get(installation);
      const entry = entries?.get(key);
      if (entries === undefined || entry === undefined) return undefined;
      touch(byInstallation, installation, entries, bounds.installations);
      touch(entries, key, entry, bounds.entriesPerInstallation);
      return entry;
    },
    set: async (installation, key, entry) => {
      const entries = byInstallation.get(installation) ?? new Map<string, EtagEntry>();
      touch(byInstallation, installation, entries, bounds.installations);
      touch(entries, key, entry, bounds.entriesPerInstallation);
    },
    size: (installation) => byInstallation.get(installation)?.size ?? 0,
  };
}
