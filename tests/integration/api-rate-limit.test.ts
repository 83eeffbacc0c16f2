import { afterEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import { createApiRateLimiter } from "@/lib/api-keys/rate-limit";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { POST as ingest } from "@/app/api/v1/ingest/[format]/route";
import { createTestWorkspace } from "../support/factory";

// Runs on the embedded PGlite by default and on PostgreSQL with TEST_DATABASE_URL set: the
// limiter's table and queries must work on both.

const line = (id: string) =>
  JSON.stringify({ network: "x", externalId: id, createdAt: "2026-11-20T10:00:00Z", text: "hello" });

const post = (key: string, body: string | Uint8Array<ArrayBuffer> = line(`m-${Math.random()}`), format = "jsonl") =>
  ingest(
    new Request(`http://localhost/api/v1/ingest/${format}`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${key}` },
    }),
    {
      params: Promise.resolve({ format }),
    },
  );

async function newKey() {
  const ws = await createTestWorkspace();
  return (await createApiKey(ws.id, ws.admin.userId, "rate limit test")).key;
}

afterEach(() => {
  delete process.env.EARSHOT_API_RATE_LIMIT;
});

describe("per-API-key rate limit on /api/v1/ingest", () => {
  it("reports the limit on every answer and refuses with 429 and Retry-After beyond it, per key", async () => {
    process.env.EARSHOT_API_RATE_LIMIT = "3";
    const key = await newKey();
    const other = await newKey();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.headers.get("RateLimit-Remaining"))).toEqual(["2", "1", "0"]);
    for (const a of answers) {
      expect(a.headers.get("RateLimit-Limit")).toBe("3");
      expect(Number(a.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers.get("RateLimit-Reset"))).toBeLessThanOrEqual(60);
      expect(a.headers.get("Retry-After")).toBeNull();
    }
    const refused = await post(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/^Rate limit exceeded: 3 requests per minute for this API key\. Retry in \d+ s\.$/),
    });
    // Another workspace's key has its own allowance.
    expect((await post(other)).status).toBe(200);
  });

  it("carries the headers on error answers too, and counts them", async () => {
    process.env.EARSHOT_API_RATE_LIMIT = "2";
    const key = await newKey();
    const unknownFormat = await post(key, "x", "myspace");
    expect(unknownFormat.status).toBe(404);
    expect(unknownFormat.headers.get("RateLimit-Remaining")).toBe("1");
    const tooBig = await post(key, new Uint8Array(6 * 1024 * 1024).fill(32));
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get("RateLimit-Remaining")).toBe("0");
    expect((await post(key)).status).toBe(429);
  });

  it("counts in the shared database table, so every app server sees the same count", async () => {
    process.env.EARSHOT_API_RATE_LIMIT = "4";
    const key = await newKey();
    const keyId = (await db().apiKey.findFirstOrThrow({ where: { prefix: key.split("_")[1] } })).id;
    expect((await post(key)).status).toBe(200);
    // A second server: its own limiter and connection pool over the same database.
    const secondServer = createApiRateLimiter(process.env.DATABASE_URL!, 4);
    try {
      expect(await secondServer.consume(keyId)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await secondServer.consume(keyId)).toMatchObject({ allowed: true, remaining: 1 });
      expect((await post(key)).headers.get("RateLimit-Remaining")).toBe("0");
      expect(await secondServer.consume(keyId)).toMatchObject({ allowed: false, remaining: 0 });
    } finally {
      await secondServer.close();
    }
    const rows = await query<{ points: number }>(
      db(),
      sql`SELECT "points" FROM "ApiRateLimit" WHERE "key" = ${`api-key:${keyId}`}`,
    );
    expect(rows).toEqual([{ points: 5 }]);
  });

  it("admits exactly the limit when requests arrive at once", async () => {
    process.env.EARSHOT_API_RATE_LIMIT = "5";
    const key = await newKey();
    const statuses = await Promise.all(Array.from({ length: 12 }, () => post(key).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("defaults to 600 a minute and explains a bad setting", async () => {
    const key = await newKey();
    expect((await post(key)).headers.get("RateLimit-Limit")).toBe("600");
    process.env.EARSHOT_API_RATE_LIMIT = "lots";
    const misconfigured = await post(key);
    expect(misconfigured.status).toBe(500);
    expect((await misconfigured.json()).error).toMatch(
      /EARSHOT_API_RATE_LIMIT must be a whole number of requests per minute/,
    );
  });

  it("gives an invalid key no allowance and no headers", async () => {
    const refused = await post("esk_00000000_notarealkeynotarealkeynotareal");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("RateLimit-Limit")).toBeNull();
  });
});
