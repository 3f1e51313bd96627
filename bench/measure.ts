/** What every figure module shares: how it reports, and the statistics of its rounds. */

/** One figure line: its name, its value in words, its ratio to the baseline, its target. */
export type Figure = (name: string, value: string, ratio: number, target: string) => void;

/** A progress line on stderr. */
export type Say = (line: string) => void;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Both sides run for this long before any request is timed: a fresh server compiles its hot
 * paths over the first few hundred requests, and its job workers make their first, cold polls a
 * second after it listens, on the embedded database's one connection.
 */
export const WARMUP_MS = 3_000;

/** The median time of `run`, asked back to back for `ms`, in milliseconds. */
export async function sliceMedian(run: () => Promise<void>, ms: number): Promise<number> {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** A figure's steady median: `slice` warmed up for WARMUP_MS, then measured for three seconds. */
export async function steadyMedian(slice: (ms: number) => Promise<number>): Promise<number> {
  await slice(WARMUP_MS);
  return slice(3_000);
}
