// Group commit for the SQLite job store. The store syncs every commit to disk (synchronous=FULL:
// a 202 promises the event survives a crash), and better-sqlite3 runs that fsync on the event
// loop, so one transaction per webhook made the fsync the whole cost of the route under load.
// Writes asked for in the same turn of the event loop are run in one transaction instead, and
// each caller hears back only once the transaction holding its write has committed.
import type { Database } from "better-sqlite3";

/** Past this many pending writes the batch commits at once rather than at the end of the turn. */
export const MAX_WRITES_PER_COMMIT = 256;

export interface SqliteWriter {
  /**
   * Runs `write` in the next group transaction, inside a savepoint of its own, and resolves with
   * its result after that transaction commits. Rejects with the write's error when it alone
   * failed (the rest of the batch still commits), with the commit's error when the batch did.
   */
  write<R>(write: () => R): Promise<R>;
  /** Commits what is pending now, instead of at the end of the turn (closing). */
  flush(): void;
}

export interface SqliteWriterOptions {
  /** Told how many writes each committed transaction held. */
  readonly onCommit?: (writes: number) => void;
  readonly maxWritesPerCommit?: number;
}

interface Pending {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export function createSqliteWriter(db: Database, options: SqliteWriterOptions = {}): SqliteWriter {
  const max = Math.max(1, options.maxWritesPerCommit ?? MAX_WRITES_PER_COMMIT);
  let pending: Pending[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  // Called inside the batch's transaction, better-sqlite3 makes this a savepoint: a write that
  // throws halfway leaves none of its statements behind, and the others' stay.
  const savepoint = db.transaction((write: () => unknown) => write());
  const batch = db.transaction((writes: readonly Pending[]): Outcome[] =>
    writes.map((item) => {
      try {
        return { ok: true, value: savepoint(item.write) };
      } catch (error) {
        // Some errors (I/O, a full disk, RAISE(ROLLBACK)) roll back the whole transaction; what
        // the earlier writes did is gone, so the batch fails as one.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const writes = pending;
    pending = [];
    if (writes.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = batch(writes);
    } catch (error) {
      // Nothing of the batch is stored, so nothing of it may be promised.
      for (const item of writes) item.reject(error);
      return;
    }
    options.onCommit?.(writes.length);
    writes.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }

  return {
    write<R>(write: () => R): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length >= max) flush();
        // setImmediate runs right after this turn's I/O callbacks: the requests read together
        // share one commit, and a lone one waits for nothing but the end of the current turn.
        else scheduled ??= setImmediate(flush);
      });
    },
    flush,
  };
}
