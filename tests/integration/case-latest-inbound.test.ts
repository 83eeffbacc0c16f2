import { describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { seedDemo } from "@/lib/demo/seed";
import { createTestDatabase } from "../support/test-database";

// A case's latest inbound columns (lib/cases/denormalized.ts) equal its newest customer message's
// time and that message's mention's network and sentiment, whoever wrote the case.
describe("a case's latest inbound columns", () => {
  it("match the newest inbound message of every demo case", async () => {
    const database = await createTestDatabase();
    const client = createDbClient(database.url);
    try {
      await seedDemo(client, { seed: 3, anchor: new Date("2026-11-20T12:00:00Z") });
      const rows = await query<{ cases: bigint; withInbound: bigint; mismatched: bigint }>(
        client,
        sql`SELECT count(*) AS "cases", count(latest."createdAt") AS "withInbound",
             count(*) FILTER (WHERE (c."lastInboundAt", c."network", c."sentiment") IS DISTINCT FROM (latest."createdAt", latest."network", latest."sentiment")) AS "mismatched"
           FROM "Case" c LEFT JOIN LATERAL (
             SELECT cm."createdAt", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
             WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND' ORDER BY cm."createdAt" DESC, cm."id" DESC LIMIT 1) latest ON true`,
      );
      expect(Number(rows[0].withInbound)).toBeGreaterThan(10);
      expect(Number(rows[0].mismatched)).toBe(0);
    } finally {
      await client.$disconnect();
      await database.drop();
    }
  }, 120_000);
});
