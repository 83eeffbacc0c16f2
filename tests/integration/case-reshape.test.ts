import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { mergeCases, moveMessage, splitCase } from "@/lib/cases/reshape";
import { listInbox, viewCounts } from "@/lib/inbox/list";
import { parseInboxQuery } from "@/lib/inbox/query";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

async function twoCases() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  const post = (author: string, text: string, at: string) =>
    JSON.stringify({
      network: "x",
      externalId: uniqueSuffix(),
      createdAt: at,
      text,
      author: { accountId: author, handle: author },
    });
  await ingestDocument(
    ws.id,
    "jsonl",
    [
      post("amy", "Northwind lost my bag", "2026-11-20T10:00:00Z"),
      post("amy", "Northwind also my refund is late", "2026-11-20T11:00:00Z"),
      post("bob", "Northwind where is my seat refund", "2026-11-20T12:00:00Z"),
    ].join("\n"),
  );
  const [a, b] = await db().case.findMany({
    where: { workspaceId: ws.id },
    orderBy: { number: "asc" },
    include: { messages: { orderBy: { createdAt: "asc" } } },
  });
  return { ws, a, b };
}

describe("merging, splitting and moving", () => {
  it("splits messages into a new case, moves one back, and merges cases with their history", async () => {
    const { ws, a, b } = await twoCases();
    expect(a.messages).toHaveLength(2);
    const split = await splitCase(ws.id, ws.agent.userId, { caseId: a.id, messageIds: [a.messages[1].id] });
    const created = await db().case.findFirstOrThrow({
      where: { workspaceId: ws.id, number: split.number },
      include: { messages: true },
    });
    expect(created.messages.map((m) => m.id)).toEqual([a.messages[1].id]);
    expect(created.subject).toBe("Northwind also my refund is late");
    await expect(splitCase(ws.id, ws.agent.userId, { caseId: a.id, messageIds: [a.messages[0].id] })).rejects.toThrow(
      /at least one customer message/,
    );

    await moveMessage(ws.id, ws.agent.userId, { messageId: a.messages[1].id, targetNumber: a.number });
    expect(await db().caseMessage.count({ where: { caseId: a.id } })).toBe(2);

    await mergeCases(ws.id, ws.agent.userId, { sourceId: b.id, targetNumber: a.number });
    const merged = await db().case.findUniqueOrThrow({ where: { id: b.id } });
    expect(merged).toMatchObject({ status: "CLOSED", mergedIntoId: a.id });
    const target = await db().case.findUniqueOrThrow({
      where: { id: a.id },
      include: { messages: true, events: true },
    });
    expect(target.messages).toHaveLength(3);
    expect(target.lastInboundAt?.toISOString()).toBe("2026-11-20T12:00:00.000Z");
    expect(target.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["split", "message_moved_in", "merged_from"]),
    );
    await expect(mergeCases(ws.id, ws.agent.userId, { sourceId: b.id, targetNumber: a.number })).rejects.toThrow(
      /already merged/,
    );
    await expect(mergeCases(ws.id, ws.agent.userId, { sourceId: a.id, targetNumber: 999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("never shows another workspace's cases in lists, search or counts", async () => {
    const one = await twoCases();
    const two = await twoCases();
    const all = await listInbox(one.ws.id, one.ws.agent.userId, parseInboxQuery({ view: "all" }));
    expect(all.rows.map((r) => r.id).sort()).toEqual([one.a.id, one.b.id].sort());
    expect(
      (await listInbox(one.ws.id, one.ws.agent.userId, parseInboxQuery({ view: "all", q: "refund" }))).rows.every(
        (r) => r.id !== two.a.id && r.id !== two.b.id,
      ),
    ).toBe(true);
    expect((await viewCounts(one.ws.id, one.ws.agent.userId)).unassigned).toBe(2);
    await expect(
      moveMessage(one.ws.id, one.ws.agent.userId, { messageId: two.a.messages[0].id, targetNumber: one.a.number }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
