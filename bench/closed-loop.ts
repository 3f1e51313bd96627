export type LoopResult = {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  firstError: string | null;
};

/**
 * A closed loop: `concurrency` workers each start the next operation when the last finishes,
 * taking turns through the mix. The warm-up is run and thrown away; then operations are counted
 * until the duration or the count runs out. Both sides of a ratio use this same loop.
 */
export async function runClosedLoop(options: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  run: (index: number) => Promise<void>;
}): Promise<LoopResult> {
  let next = 0;
  let counted = 0;
  let errors = 0;
  let firstError: string | null = null;
  let measuring = false;
  let deadline = performance.now() + options.warmupMs;

  const worker = async () => {
    while (performance.now() < deadline && (!measuring || counted < options.maxRequests)) {
      const index = next++;
      try {
        await options.run(index);
        if (measuring) counted++;
      } catch (error) {
        if (measuring) errors++;
        firstError ??= String(error);
      }
    }
  };

  if (options.warmupMs > 0) await Promise.all(Array.from({ length: options.concurrency }, worker));
  measuring = true;
  const started = performance.now();
  deadline = started + options.durationMs;
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { requests: counted, errors, seconds, perSecond: counted / seconds, firstError };
}
