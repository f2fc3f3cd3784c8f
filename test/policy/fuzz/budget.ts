// The fuzz budget of issue #12: each pure entry point that reads outside text is driven with at
// least 10,000 generated cases per run; no exception may escape and no case may take over 100 ms.
import fc from "fast-check";

export const RUNS = 10_000;
export const CASE_BUDGET_MS = 100;

/**
 * Runs `check` on every generated input, failing on a throw or a slow case. A case over budget
 * is timed twice more and fails only if the fastest of the three is still over it: the suite
 * shares two cores, and a GC pause or a busy neighbour is not the entry point being slow.
 */
export function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (input: T) => void, runs = RUNS): void {
  fc.assert(
    fc.property(arbitrary, (input) => {
      let fastest = Infinity;
      for (let attempt = 0; attempt < 3 && fastest > CASE_BUDGET_MS; attempt++) {
        const start = performance.now();
        check(input);
        fastest = Math.min(fastest, performance.now() - start);
      }
      if (fastest > CASE_BUDGET_MS) throw new Error(`one case took ${fastest.toFixed(1)} ms (budget ${CASE_BUDGET_MS} ms)`);
    }),
    { numRuns: runs },
  );
}

/** Text made of the pieces a parser cares about and anything else, glued in any order. */
export function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "binary" }) }), { maxLength })
    .map((parts) => parts.join(""));
}

/** Occasionally a long run of one piece, where super-linear matching shows. */
export function withLongRuns(text: fc.Arbitrary<string>, pieces: readonly string[]): fc.Arbitrary<string> {
  const long = fc
    .tuple(text, fc.constantFrom(...pieces), fc.integer({ min: 200, max: 3000 }), text)
    .map(([before, piece, times, after]) => `${before}${piece.repeat(times)}${after}`);
  return fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: long });
}
