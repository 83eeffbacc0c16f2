// Watches a database from a second connection while a job runs: every 10 ms, the oldest open
// transaction of another session that holds a lock on a table (pg_locks × pg_stat_activity).
// The longest age seen is the longest time the job kept any row or table locked.
import pg from "pg";

export async function watchLocks(
  url: string,
): Promise<{ stop: () => Promise<{ longestMs: number; samples: number }> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let longestMs = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ ms: number | null }>(
        `SELECT max(extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::float8 AS ms
         FROM pg_stat_activity a
         WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
           AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'relation' AND l.granted
                       AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock', 'RowShareLock'))`,
      );
      samples++;
      longestMs = Math.max(longestMs, rows[0]?.ms ?? 0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return { longestMs, samples };
    },
  };
}
