// When a sign-in attempt may go ahead. Counts of recent failures come from the database
// (lib/auth/rate-limit.ts); this decides. Pure, so it is tested without a database.
//
// - Per account and address (or per known device): the first few failures are free, then each
//   further attempt waits twice as long as the last, up to the window. A guesser is slowed
//   down exponentially; a user mistyping twice is not.
// - Per account, from browsers that have never signed in as that user: a cap. It stops a
//   distributed guesser, and a third party reaching it only delays new browsers, never one the
//   user has already signed in from (those present a known-device cookie and skip it).
// - Per address, for unknown browsers: a cap across all accounts (password spraying).

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES = 3;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 20;

export interface FailureCount {
  failures: number;
  last: Date | null;
}

export interface ThrottleInput {
  /** Failures for this account from this address, or from this known device. */
  pair: FailureCount;
  /** Failures for this account from unknown browsers (ignored for a known device). */
  account: number;
  /** Failures from this address on any account (ignored for a known device). */
  ip: number;
  knownDevice: boolean;
  now: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** How long after the latest failure the next attempt must wait. */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES + 1), SIGN_IN_WINDOW_MS);
}

export function decideSignIn(input: ThrottleInput): ThrottleDecision {
  const delay = delayAfterFailures(input.pair.failures);
  if (delay > 0 && input.pair.last) {
    const wait = input.pair.last.getTime() + delay - input.now.getTime();
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
  }
  if (!input.knownDevice && (input.account >= MAX_FAILURES_PER_ACCOUNT || input.ip >= MAX_FAILURES_PER_IP)) {
    return { allowed: false, retryAfterMs: SIGN_IN_WINDOW_MS };
  }
  return { allowed: true };
}
