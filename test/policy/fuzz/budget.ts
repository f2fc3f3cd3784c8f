// The fuzz budget of issue #12: each pure entry point that reads outside text is driven with at
// least 10,000 generated cases per run; no exception may escape and no case may take over 100 ms.
import fc from "fast-check";

export const RUNS = 10_000;
export const CASE_BUDGET_MS = 100;

/**
 * Runs `check` on every generated input, failing on a throw or a slow case. Time is the CPU time
 * the case used (this worker is its own process), not the wall clock: the suite shares two cores
 * with other work, and waiting for a core is not the entry point being slow. A case over budget
 * is run twice more and fails only if the cheapest of the three runs is still over it, so a GC
 * pause does not count either.
 */
export function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => void,
  options: { readonly examples?: readonly T[]; readonly runs?: number } = {},
): void {
  fc.assert(
    fc.property(arbitrary, (input) => {
      let cheapest = Infinity;
      for (let attempt = 0; attempt < 3 && cheapest > CASE_BUDGET_MS; attempt++) {
        const start = process.cpuUsage();
        check(input);
        const used = process.cpuUsage(start);
        cheapest = Math.min(cheapest, (used.user + used.system) / 1000);
      }
      if (cheapest > CASE_BUDGET_MS) throw new Error(`one case took ${cheapest.toFixed(1)} ms of CPU (budget ${CASE_BUDGET_MS} ms)`);
    }),
    // Cases fuzzing once found are run first on every run, so a fix cannot quietly regress.
    { numRuns: options.runs ?? RUNS, examples: (options.examples ?? []).map((example) => [example] as [T]) },
  );
}

/** Text made of the pieces a parser cares about and anything else, glued in any order. */
export function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "binary" }) }), { maxLength })
    .map((parts) => parts.join(""));
}

/**
 * Occasionally a long run of one piece, where super-linear matching shows: a quadratic pattern
 * needs thousands of repeats to cost 100 ms. Each piece names its own most repeats, so a parser
 * that is linear but slow per line (remark) is not given more lines than a real file has.
 */
export function withLongRuns(text: fc.Arbitrary<string>, runs: readonly (string | readonly [string, number])[]): fc.Arbitrary<string> {
  const pieces = runs.map((run): readonly [string, number] => (typeof run === "string" ? [run, 20_000] : run));
  const long = fc
    .tuple(text, fc.constantFrom(...pieces), fc.integer({ min: 200, max: 20_000 }), text)
    .map(([before, [piece, most], times, after]) => `${before}${piece.repeat(Math.min(times, most))}${after}`);
  return fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: long });
}
