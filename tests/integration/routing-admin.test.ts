import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import {
  createQueue,
  createRoutingRule,
  listRoutingAdmin,
  moveRoutingRule,
  saveRoutingSettings,
  saveSlaPolicy,
} from "@/lib/routing/admin";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

describe("routing administration", () => {
  it("rules, queues and SLA policies an admin saves are what the pipeline applies, in the order shown", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
    const press = await createQueue(ws.id, ws.admin.userId, { name: "Press" });
    const general = await createQueue(ws.id, ws.admin.userId, { name: "General" });
    await expect(createQueue(ws.id, ws.admin.userId, { name: "Press" })).rejects.toThrow(/already exists/);
    const foreignQueue = await createQueue(other.id, other.admin.userId, { name: "Theirs" });
    await expect(
      createRoutingRule(ws.id, ws.admin.userId, {
        name: "bad",
        conditions: {},
        actions: { createCase: true, queueId: foreignQueue.id, tags: [] },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const policy = await saveSlaPolicy(ws.id, ws.admin.userId, {
      name: "Office",
      targets: { HIGH: { firstResponse: 30 }, NORMAL: { firstResponse: 120 } },
      businessHours: { timeZone: "Europe/Lisbon", weekly: { fri: [["09:00", "18:00"]] }, holidays: [] },
    });
    await saveRoutingSettings(ws.id, ws.admin.userId, {
      joinWindowHours: 72,
      reopenWindowHours: 72,
      defaultSlaPolicyId: policy.id,
    });
    await createRoutingRule(ws.id, ws.admin.userId, {
      name: "Everything",
      conditions: {},
      actions: { createCase: true, queueId: general.id, tags: [] },
    });
    const influencers = await createRoutingRule(ws.id, ws.admin.userId, {
      name: "Influencers",
      conditions: { minFollowers: 5000 },
      actions: { createCase: true, queueId: press.id, priority: "HIGH", tags: ["press"] },
    });
    await moveRoutingRule(ws.id, ws.admin.userId, influencers.id, "up");
    expect((await listRoutingAdmin(ws.id)).rules.map((r) => r.name)).toEqual(["Influencers", "Everything"]);

    const post = (followers: number) =>
      JSON.stringify({
        network: "x",
        externalId: uniqueSuffix(),
        createdAt: "2026-11-27T10:00:00Z",
        text: "Northwind lost my bag",
        author: { accountId: uniqueSuffix(), handle: uniqueSuffix(), followers },
      });
    await ingestDocument(ws.id, "jsonl", [post(9000), post(10)].join("\n"));
    const cases = await db().case.findMany({ where: { workspaceId: ws.id }, orderBy: { number: "asc" } });
    expect(cases.map((c) => [c.queueId, c.priority, c.tags, c.slaPolicyId])).toEqual([
      [press.id, "HIGH", ["press"], policy.id],
      [general.id, "NORMAL", [], policy.id],
    ]);
    // Friday 10:00 Lisbon (10:00 UTC in November) + 30 business minutes.
    expect(cases[0].firstResponseDueAt?.toISOString()).toBe("2026-11-27T10:30:00.000Z");
    // 120 minutes: Friday until 12:00.
    expect(cases[1].firstResponseDueAt?.toISOString()).toBe("2026-11-27T12:00:00.000Z");
    expect(await db().auditLog.count({ where: { workspaceId: ws.id, action: { startsWith: "routing." } } })).toBe(4);
  });
});
