// What to do with a delivery whose handler failed. Pure.
//
// The limit is enforced here rather than by the consumer's max_deliver: when the server stops
// redelivering at max_deliver it only emits an advisory, and the message would be dropped
// silently. The consumer keeps max_deliver unlimited and the worker moves the message to the
// dead-letter stream itself, with the error, once `maxDeliver` attempts have failed.

export type RetryPolicy = {
  /** Attempts before a delivery goes to the dead-letter stream. */
  maxDeliver: number;
  /** Delay before the second attempt; doubles with each further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxDeliver: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export type FailureDecision = { kind: "retry"; delayMs: number } | { kind: "dead-letter" };

/** `attempt` is the 1-based delivery count of the attempt that failed. */
export function decideAfterFailure(policy: RetryPolicy, attempt: number): FailureDecision {
  if (attempt >= policy.maxDeliver) return { kind: "dead-letter" };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return { kind: "retry", delayMs };
}

/**
 * A delivery seen more often than the limit was being handled when a worker died (or the ack
 * was lost) on its last attempt: it goes to the dead-letter stream without another attempt.
 */
export function exceededAttempts(policy: RetryPolicy, attempt: number): boolean {
  return attempt > policy.maxDeliver;
}
