// A background job run every `intervalMs` (and once at once): a run never overlaps the previous
// one (a slow run skips ticks instead of piling them up), and a failure is logged and retried on
// the next tick. Returns what stops it.

export function runEvery(label: string, intervalMs: number, job: () => Promise<unknown>): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      console.error(`[${label}] run failed`, error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return () => clearInterval(timer);
}
