// What a failed statement's SQLSTATE says, and retrying a transaction that PostgreSQL aborted to
// resolve a conflict. Pure: it reads the shapes the driver adapter and Prisma give errors, and
// imports neither.
//
// Prisma wraps the adapter's error: a raw query fails with P2010 and
// `meta.driverAdapterError.cause.originalCode` (the SQLSTATE); a model query in a write conflict
// fails with P2034. The pg driver's own errors carry `code` and `severity`.

type Shape = {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  detail?: unknown;
  meta?: { driverAdapterError?: { cause?: Shape } };
  cause?: unknown;
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The innermost driver-level error: where the SQLSTATE and PostgreSQL's message are. */
function driverCause(error: unknown): Shape | null {
  for (
    let e = error as Shape | undefined, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = e.cause as Shape | undefined, depth++
  ) {
    const adapter = e.meta?.driverAdapterError?.cause;
    if (adapter && typeof adapter.originalCode === "string") return adapter;
    if (typeof e.originalCode === "string") return e;
    if (typeof e.code === "string" && typeof e.severity === "string" && SQLSTATE.test(e.code)) return e;
  }
  return null;
}

/** The SQLSTATE of a failed statement (e.g. "40P01"), or null when the error is not the database's. */
export function sqlStateOf(error: unknown): string | null {
  const cause = driverCause(error);
  if (cause) return String(cause.originalCode ?? cause.code);
  const message = error instanceof Error ? error.message : "";
  return /Code: `([0-9A-Z]{5})`/.exec(message)?.[1] ?? null;
}

/** PostgreSQL's own words for a failed statement, with its detail when it gave one. */
export function databaseMessageOf(error: unknown): string {
  const cause = driverCause(error);
  const message = String(
    cause?.originalMessage ?? cause?.message ?? (error instanceof Error ? error.message : error),
  ).trim();
  const detail = typeof cause?.detail === "string" && cause.detail ? ` (${cause.detail})` : "";
  return `${message}${detail}`;
}

/**
 * Deadlock (40P01) or serialization failure (40001): PostgreSQL rolled the transaction back to
 * let another one through, and running it again is the documented remedy.
 */
export function isTransactionConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state === "40001" || state === "40P01") return true;
  return (error as Shape | null)?.code === "P2034";
}

/**
 * The data itself was refused (class 22: a NUL byte, an unpaired surrogate in JSON, a value out
 * of range; class 54: nesting beyond the server's limits): the same rows fail every time, and
 * other rows are not to blame.
 */
export function isDataError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return !!state && (state.startsWith("22") || state.startsWith("54"));
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The first retry waits up to this long; each further one up to twice as long. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  onRetry?: (error: unknown, attempt: number) => void;
}

/** The pause before retry number `retry` (1 for the first): half a growing, capped ceiling plus jitter. */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  const ceiling = Math.min(options.maxDelayMs ?? 1_000, (options.baseDelayMs ?? 25) * 2 ** (retry - 1));
  return ceiling / 2 + (options.random ?? Math.random)() * (ceiling / 2);
}

/**
 * Runs `transaction` (which must open its own transaction and be safe to run again: nothing of
 * a rolled-back attempt stays) until it commits, retrying transaction conflicts with a jittered,
 * growing pause so that the transactions that collided do not collide again in step.
 */
export async function retryTransaction<T>(
  transaction: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      return await transaction(attempt);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt + 1 >= attempts) throw error;
      options.onRetry?.(error, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt + 1, options)));
    }
  }
}
