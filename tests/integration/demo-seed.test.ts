import { describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db/client";
import { DEMO_USERS, seedDemo } from "@/lib/demo/seed";
import { placeholderProblem } from "@/lib/cases/macros";
import { createTestDatabase } from "../support/test-database";

async function snapshot(url: string, seed: number) {
  const client = createDbClient(url);
  await seedDemo(client, { seed, anchor: new Date("2026-11-20T12:00:00Z") });
  const cases = await client.case.findMany({
    orderBy: { number: "asc" },
    select: { number: true, subject: true, status: true, priority: true, createdAt: true },
  });
  const mentions = await client.mention.findMany({
    orderBy: { externalId: "asc" },
    select: { externalId: true, network: true, text: true, postedAt: true },
  });
  const users = await client.membership.findMany({ include: { user: true, workspace: true } });
  const brands = await client.brand.findMany();
  const replies = await client.caseMessage.findMany({ where: { kind: "OUTBOUND" }, select: { body: true } });
  await client.$disconnect();
  return { cases, mentions, users, brands, replies };
}

describe("demo data", () => {
  it("is deterministic from its seed number and covers what the console shows", async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      const a = await snapshot(first.url, 7);
      const b = await snapshot(second.url, 7);
      expect(b.cases).toEqual(a.cases);
      expect(b.mentions).toEqual(a.mentions);

      expect(new Set(a.cases.map((c) => c.status))).toEqual(
        new Set(["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"]),
      );
      expect(new Set(a.mentions.map((m) => m.network)).size).toBeGreaterThanOrEqual(6);
      expect(a.brands.filter((x) => !x.isCompetitor)).toHaveLength(2);
      expect(a.brands.filter((x) => x.isCompetitor)).toHaveLength(1);
      for (const demo of DEMO_USERS) {
        expect(a.users.find((m) => m.user.email === demo.email && m.workspace.slug === "northwind")?.role).toBe(
          demo.role,
        );
      }
      // The seeded replies read as sent: no placeholder left in any of them.
      expect(a.replies.length).toBeGreaterThan(0);
      expect(a.replies.filter((r) => placeholderProblem(r.body) !== null).map((r) => r.body)).toEqual([]);
      // Nothing in the demo happens after its "now".
      for (const c of a.cases) expect(c.createdAt.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-20T12:00:00Z"));
    } finally {
      await first.drop();
      await second.drop();
    }
  }, 120_000);
});
