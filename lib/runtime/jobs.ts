import "server-only";

// The background jobs a node runs: everything but the web console. `npm start` runs them all
// beside the console; `earshot worker [--only …]` runs the chosen ones on their own.

export const JOB_NAMES = ["ingest", "connectors", "metrics", "outbox", "retention"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type RunningJobs = { names: JobName[]; stop(): Promise<void> };

/** Parses `--only ingest,metrics`: every name must be a known job. */
export function parseJobList(text: string): JobName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(JOB_NAMES as readonly string[]).includes(name));
  if (unknown.length || !names.length)
    throw new Error(`Unknown job ${unknown.join(", ") || "(none)"}: choose from ${JOB_NAMES.join(", ")}`);
  return [...new Set(names)] as JobName[];
}

/** Starts the chosen jobs (all by default) in this process; stop() ends them. */
export async function startBackgroundJobs(only: readonly JobName[] = JOB_NAMES): Promise<RunningJobs> {
  const stops: Array<() => void | Promise<void>> = [];
  if (only.includes("connectors")) {
    // Pull connectors (RSS/Atom polling) and streaming connectors.
    const { startWorker } = await import("@/lib/connectors/worker");
    stops.push(startWorker());
  }
  if (only.includes("metrics")) {
    const { startMetricsWorker } = await import("@/lib/metrics/worker");
    stops.push(startMetricsWorker());
  }
  if (only.includes("outbox")) {
    // Replies and webhook calls leave through the outbox worker, after their transactions commit.
    const { startOutboxWorker } = await import("@/lib/delivery/run");
    stops.push(startOutboxWorker());
  }
  if (only.includes("retention")) {
    // Retention periods (Admin → Privacy), and erasures a crash left unfinished.
    const { startRetentionWorker } = await import("@/lib/privacy/retention");
    stops.push(startRetentionWorker());
    const { resumeErasureJobs } = await import("@/lib/privacy/erase");
    void resumeErasureJobs().catch((error: unknown) => console.error("[privacy] resuming erasures failed", error));
  }
  return {
    names: [...only],
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
