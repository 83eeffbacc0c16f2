-- Request counters for the per-API-key limits on /api/v1 (lib/api-keys/rate-limit.ts), shared by
-- every app server. The layout is the one rate-limiter-flexible's RateLimiterPostgres expects
-- (its upsert inserts positionally: key, points, expire in epoch milliseconds). Not a Prisma
-- model: nothing else reads it, and rows are disposable.
-- Applied by lib/db/database-code.ts after the migrations whenever this file changes.
CREATE TABLE IF NOT EXISTS "ApiRateLimit" (
  "key" varchar(255) PRIMARY KEY,
  "points" integer NOT NULL DEFAULT 0,
  "expire" bigint
);

-- The limiter deletes expired rows (expire < now - 1 hour) every few minutes.
CREATE INDEX IF NOT EXISTS "ApiRateLimit_expire_idx" ON "ApiRateLimit" ("expire");
