import "server-only";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { requestsPerMinute, secondsUntilReset, WINDOW_SECONDS, type RateLimitState } from "./rate-limit-policy";

// Per-API-key request limits for /api/v1, counted in PostgreSQL ("ApiRateLimit", created by
// prisma/sql/rate-limits.sql) so that every app server shares one count per key. The counter is
// one atomic upsert per request (rate-limiter-flexible's RateLimiterPostgres).

const TABLE = "ApiRateLimit";

/**
 * A pg pool that sends every statement unnamed. The limiter names its prepared statements,
 * which PostgreSQL keeps per backend; the embedded PGlite is a single backend shared by all
 * connections, so a second connection preparing the same name would fail.
 */
function unnamedStatements(pool: pg.Pool) {
  return {
    query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }),
  };
}

export interface ApiRateLimiter {
  consume(keyId: string): Promise<RateLimitState>;
  close(): Promise<void>;
}

export function createApiRateLimiter(connectionString: string, limit: number): ApiRateLimiter {
  const pool = new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => console.error("[api rate limit] database connection error", error));
  const limiter = new RateLimiterPostgres({
    storeClient: unnamedStatements(pool),
    storeType: "pool",
    tableName: TABLE,
    tableCreated: true,
    keyPrefix: "api-key",
    points: limit,
    duration: WINDOW_SECONDS,
    // If the database cannot be reached, each server keeps counting on its own for a while
    // rather than refusing or letting everything through.
    insuranceLimiter: new RateLimiterMemory({ points: limit, duration: WINDOW_SECONDS }),
  });
  return {
    async consume(keyId) {
      try {
        const res = await limiter.consume(keyId, 1);
        return {
          allowed: true,
          limit,
          remaining: res.remainingPoints,
          resetSeconds: secondsUntilReset(res.msBeforeNext),
        };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, limit, remaining: 0, resetSeconds: secondsUntilReset(rejection.msBeforeNext) };
      }
    },
    close: () => pool.end(),
  };
}

const state = globalThis as unknown as {
  __earshotApiRateLimiter?: { url: string; limit: number; limiter: ApiRateLimiter };
};

/** The process's limiter for DATABASE_URL and EARSHOT_API_RATE_LIMIT (rebuilt if either changes). */
function sharedLimiter(): ApiRateLimiter {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const limit = requestsPerMinute(process.env.EARSHOT_API_RATE_LIMIT);
  const current = state.__earshotApiRateLimiter;
  if (current && current.url === url && current.limit === limit) return current.limiter;
  void current?.limiter.close().catch(() => undefined);
  const limiter = createApiRateLimiter(url, limit);
  state.__earshotApiRateLimiter = { url, limit, limiter };
  return limiter;
}

/** Counts one request for an API key and says whether it is within the limit. */
export function consumeApiRequest(keyId: string): Promise<RateLimitState> {
  return sharedLimiter().consume(keyId);
}
