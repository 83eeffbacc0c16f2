// The per-API-key request limit on /api/v1 and the headers that report it. Pure: the counting
// itself (a PostgreSQL table shared by every app server) is in ./rate-limit.ts.

export const DEFAULT_REQUESTS_PER_MINUTE = 600;
export const WINDOW_SECONDS = 60;
const MAX_REQUESTS_PER_MINUTE = 1_000_000;

export class RateLimitConfigError extends Error {}

/** EARSHOT_API_RATE_LIMIT: requests per minute per key; unset or empty means the default. */
export function requestsPerMinute(value: string | undefined): number {
  const text = (value ?? "").trim();
  if (text === "") return DEFAULT_REQUESTS_PER_MINUTE;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > MAX_REQUESTS_PER_MINUTE) {
    throw new RateLimitConfigError(
      `EARSHOT_API_RATE_LIMIT must be a whole number of requests per minute per API key, from 1 to ${MAX_REQUESTS_PER_MINUTE} (default ${DEFAULT_REQUESTS_PER_MINUTE}); got "${text}".`,
    );
  }
  return n;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends and the allowance is whole again. */
  resetSeconds: number;
}

/** IETF draft RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), plus Retry-After when refused. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(Math.max(0, state.remaining)),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=${WINDOW_SECONDS}`,
  };
  if (!state.allowed) headers["Retry-After"] = String(state.resetSeconds);
  return headers;
}

/** Whole seconds, at least 1, from the limiter's milliseconds before the window resets. */
export function secondsUntilReset(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
