import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { replyToCase, setCaseStatus } from "@/lib/cases/update";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

async function freshCase() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  await ingestDocument(
    ws.id,
    "jsonl",
    JSON.stringify({
      network: "x",
      externalId: `r-${uniqueSuffix()}`,
      createdAt: new Date(Date.UTC(2026, 10, 20, 10)).toISOString(),
      text: "Northwind where is my refund?",
      author: { accountId: "a1", handle: "tess", displayName: "Tess Traveller" },
    }),
  );
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
  return { ws, kase };
}

describe("replies with placeholders", () => {
  it("refuses a reply that still holds a placeholder, naming it, and stores or sends nothing", async () => {
    const { ws, kase } = await freshCase();
    for (const [body, token] of [
      ["Hi {name}, we're on it.", "{name}"],
      ["Hi {{customer.first_name}}", "{{customer.first_name}}"],
      ["Thanks, {{ brand.name }} team", "{{ brand.name }}"],
    ]) {
      await expect(
        replyToCase(ws.id, ws.agent.userId, { caseId: kase.id, version: kase.version, body, confirmStale: true }),
      ).rejects.toMatchObject({ code: "INVALID", message: `Fill in or remove ${token} before sending.` });
    }
    expect(await db().caseMessage.count({ where: { caseId: kase.id, kind: "OUTBOUND" } })).toBe(0);
    expect(await db().caseEvent.count({ where: { caseId: kase.id, kind: "replied" } })).toBe(0);
    expect(await db().case.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      version: kase.version,
      status: kase.status,
      firstResponseAt: null,
    });

    const sent = await replyToCase(ws.id, ws.agent.userId, {
      caseId: kase.id,
      version: kase.version,
      body: "Hi Tess, we're on it.",
      confirmStale: false,
    });
    expect(sent.version).toBe(kase.version + 1);
  });
});

describe("an agent's own change is not a conflict", () => {
  it("replies and solves in one go on the version just loaded", async () => {
    const { ws, kase } = await freshCase();
    const loaded = (await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version;
    const sent = await replyToCase(ws.id, ws.agent.userId, {
      caseId: kase.id,
      version: loaded,
      body: "Hi Tess, your refund was processed today.",
      confirmStale: false,
      solve: true,
    });
    const after = await db().case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after).toMatchObject({ status: "SOLVED", version: sent.version, assigneeId: ws.agent.userId });
    expect(after.solvedAt).not.toBeNull();
    expect(await db().caseMessage.count({ where: { caseId: kase.id, kind: "OUTBOUND" } })).toBe(1);
  });

  it("solves right after the agent's own reply with the version the reply returned; another agent's change still conflicts", async () => {
    const { ws, kase } = await freshCase();
    const sent = await replyToCase(ws.id, ws.agent.userId, {
      caseId: kase.id,
      version: kase.version,
      body: "Hi Tess, we're looking into it.",
      confirmStale: false,
    });
    const solved = await setCaseStatus(ws.id, ws.agent.userId, {
      caseId: kase.id,
      version: sent.version,
      status: "SOLVED",
    });
    expect(solved.version).toBe(sent.version + 1);
    expect((await db().case.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("SOLVED");

    // The manager reopens it; the agent's view from before that is a real conflict.
    await setCaseStatus(ws.id, ws.manager.userId, { caseId: kase.id, version: solved.version, status: "OPEN" });
    await expect(
      setCaseStatus(ws.id, ws.agent.userId, { caseId: kase.id, version: solved.version, status: "PENDING" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      replyToCase(ws.id, ws.agent.userId, {
        caseId: kase.id,
        version: solved.version,
        body: "Hi again",
        confirmStale: false,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { stale: true } });
  });
});
