import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { runAsSession } from "@/lib/auth/session";
import {
  correctSentimentAction,
  importLabelsAction,
  rescoreMentionsAction,
  resetSentimentModelAction,
} from "@/lib/enrich/learn/actions";
import { currentModel, learn } from "@/lib/enrich/learn/store";
import { predict } from "@/lib/enrich/learn/model";
import { ingestDocument } from "@/lib/ingest/ingest";
import { drainMentionQueue } from "@/lib/metrics/mention-queue";
import { createTestWorkspace } from "../support/factory";

const gateExamples = Array.from({ length: 40 }, (_, i) => ({
  text: `sent to gate 7 ${i % 2 ? "today" : "again"}`,
  label: "NEGATIVE" as const,
}));
const loungeExamples = Array.from({ length: 40 }, (_, i) => ({
  text: `the lounge ${i % 2 ? "today" : "again"}`,
  label: "POSITIVE" as const,
}));

describe("per-workspace sentiment learning", () => {
  it("stores versioned models in the database, learns incrementally, and never leaks into another workspace", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    expect(await currentModel(a.id)).toBeNull();
    const first = await learn(a.id, gateExamples, "import", a.admin.userId);
    const second = await learn(a.id, loungeExamples, "import", a.admin.userId);
    expect([first.version, second.version]).toEqual([1, 2]);
    const model = (await currentModel(a.id))!;
    expect(model.version).toBe(2);
    expect(predict(model.model, "sent to gate 7 now").label).toBe("NEGATIVE");
    expect(predict(model.model, "the lounge now").label).toBe("POSITIVE");
    expect(await currentModel(b.id)).toBeNull();
    expect(await db().sentimentLabel.count({ where: { workspaceId: a.id } })).toBe(80);
    expect(await db().sentimentLabel.count({ where: { workspaceId: b.id } })).toBe(0);
  });

  it("uses the learned model in the ingestion pipeline of its workspace only", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    for (const ws of [a, b]) {
      const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "N" } });
      await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "gate", query: "gate" } });
    }
    await learn(a.id, [...gateExamples, ...loungeExamples], "import", null);
    const line = JSON.stringify({
      network: "x",
      externalId: "g1",
      createdAt: "2026-11-27T10:00:00Z",
      text: "sent to gate 7 this morning",
    });
    await ingestDocument(a.id, "jsonl", line);
    await ingestDocument(b.id, "jsonl", line);
    const inA = await db().mention.findFirstOrThrow({ where: { workspaceId: a.id } });
    const inB = await db().mention.findFirstOrThrow({ where: { workspaceId: b.id } });
    expect(inA.sentiment).toBe("NEGATIVE");
    expect(inB.sentiment).toBe("NEUTRAL");
  });

  it("an agent's one-click correction relabels the mention, is audited and teaches the model; admins can reset it", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const mention = await db().mention.create({
      data: {
        workspaceId: ws.id,
        network: "x",
        externalId: "c1",
        text: "my lounge pass",
        postedAt: new Date(),
        sentiment: "NEUTRAL",
      },
    });
    const twin = await db().mention.create({
      data: {
        workspaceId: other.id,
        network: "x",
        externalId: "c1",
        text: "my lounge pass",
        postedAt: new Date(),
        sentiment: "NEUTRAL",
      },
    });
    for (let i = 0; i < 3; i++)
      expect(
        (
          await runAsSession(ws.agent.claims, () =>
            correctSentimentAction({ mentionId: mention.id, label: "POSITIVE" }),
          )
        ).ok,
      ).toBe(true);
    expect((await db().mention.findUniqueOrThrow({ where: { id: mention.id } })).sentiment).toBe("POSITIVE");
    // Another workspace is untouched: its mention, its model, its labels.
    expect((await db().mention.findUniqueOrThrow({ where: { id: twin.id } })).sentiment).toBe("NEUTRAL");
    expect(await currentModel(other.id)).toBeNull();
    expect(await db().sentimentLabel.count({ where: { workspaceId: other.id } })).toBe(0);
    // And an agent of the other workspace cannot correct this one's mention.
    expect(
      await runAsSession(other.agent.claims, () =>
        correctSentimentAction({ mentionId: mention.id, label: "NEGATIVE" }),
      ),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().auditLog.count({ where: { workspaceId: ws.id, action: "mention.sentiment_corrected" } })).toBe(3);
    const model = (await currentModel(ws.id))!;
    expect(model.version).toBe(3);
    expect(predict(model.model, "my lounge pass").probabilities[2]).toBeGreaterThan(
      predict(model.model, "my lounge pass").probabilities[0],
    );
    expect((await runAsSession(ws.admin.claims, () => resetSentimentModelAction({ confirm: true }))).ok).toBe(true);
    expect(await currentModel(ws.id)).toBeNull();
  });
});

describe("importing labels and re-scoring from the admin page", () => {
  it("imports rows in chunks (bad rows reported by line) and re-scores every mention in pages with progress", async () => {
    const ws = await createTestWorkspace();
    const rows = [...gateExamples, ...loungeExamples].map((e, i) => ({
      line: i + 2,
      text: e.text,
      label: e.label.toLowerCase(),
    }));
    const imported = await runAsSession(ws.admin.claims, () =>
      importLabelsAction({ rows: [...rows, { line: 99, text: "x", label: "meh" }] }),
    );
    expect(imported).toMatchObject({ ok: true, data: { learned: 80, rejected: [{ line: 99 }], modelVersion: 1 } });
    await db().mention.createMany({
      data: Array.from({ length: 1500 }, (_, i) => ({
        workspaceId: ws.id,
        network: "x" as const,
        externalId: `r${i}`,
        text: i % 2 ? "sent to gate 7 again" : "the lounge again",
        postedAt: new Date(),
        sentiment: "NEUTRAL" as const,
      })),
    });
    let cursor: string | null = null;
    const progress: number[] = [];
    do {
      const page = await runAsSession(ws.admin.claims, () => rescoreMentionsAction({ cursor }));
      if (!page.ok) throw new Error(page.error);
      progress.push(page.data.done);
      expect(page.data.total).toBe(1500);
      cursor = page.data.cursor;
    } while (cursor);
    expect(progress).toEqual([1000, 1500]);
    expect(await db().mention.count({ where: { workspaceId: ws.id, sentiment: "NEGATIVE" } })).toBe(750);
    expect(await db().mention.count({ where: { workspaceId: ws.id, sentiment: "POSITIVE" } })).toBe(750);
  }, 60_000);
});

describe("re-scoring what it changes, and only that", () => {
  it("moves the hourly sentiment counts only: terms and authors stay, top-author spans of closed days are not retired", async () => {
    const ws = await createTestWorkspace();
    await learn(ws.id, [...gateExamples, ...loungeExamples], "import", null);
    const author = await db().socialIdentity.create({
      data: { workspaceId: ws.id, network: "x", accountId: "a1", handle: "ann" },
    });
    // Posted on closed days (a week ago and before), by an author; their terms and authors applied.
    await db().mention.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        workspaceId: ws.id,
        network: "x" as const,
        externalId: `s${i}`,
        text: i % 2 ? "sent to gate 7 again" : "the lounge again",
        authorId: author.id,
        influence: i,
        postedAt: new Date(Date.now() - (7 + (i % 5)) * 86_400_000),
        sentiment: "NEUTRAL" as const,
      })),
    });
    await drainMentionQueue(ws.id);
    const epoch = async () => (await db().authorEpoch.findUnique({ where: { workspaceId: ws.id } }))?.epoch ?? null;
    const terms = () =>
      db().mentionTermStat.findMany({
        where: { workspaceId: ws.id },
        orderBy: [{ day: "asc" }, { term: "asc" }],
        select: { day: true, term: true, mentions: true },
      });
    const authors = () =>
      db().mentionAuthorDay.findMany({
        where: { workspaceId: ws.id },
        orderBy: { day: "asc" },
        select: { day: true, mentions: true, maxInfluence: true },
      });
    const [epochBefore, termsBefore, authorsBefore] = [await epoch(), await terms(), await authors()];

    let cursor: string | null = null;
    do {
      const page = await runAsSession(ws.admin.claims, () => rescoreMentionsAction({ cursor }));
      if (!page.ok) throw new Error(page.error);
      cursor = page.data.cursor;
    } while (cursor);

    // The hourly counts follow the new labels exactly...
    const counts = await db().mentionStat.groupBy({
      by: ["sentiment"],
      where: { workspaceId: ws.id },
      _sum: { mentions: true },
    });
    expect(
      Object.fromEntries(counts.filter((c) => c._sum.mentions).map((c) => [c.sentiment, c._sum.mentions])),
    ).toEqual({ NEGATIVE: 15, POSITIVE: 15 });
    // ...while what does not depend on a label was not touched: no regular expression per text,
    // no maximum recomputed, no span of closed days retired.
    expect(await terms()).toEqual(termsBefore);
    expect(await authors()).toEqual(authorsBefore);
    expect(await epoch()).toBe(epochBefore);
  });

  it("refuses a position it cannot read with a clear message, and re-scoring again with the same model rewrites no row", async () => {
    const ws = await createTestWorkspace();
    await learn(ws.id, [...gateExamples, ...loungeExamples], "import", null);
    expect(await runAsSession(ws.admin.claims, () => rescoreMentionsAction({ cursor: "not a cursor" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/start it again/),
    });
    await db().mention.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        workspaceId: ws.id,
        network: "x" as const,
        externalId: `t${i}`,
        text: "sent to gate 7 again",
        postedAt: new Date(),
      })),
    });
    expect(await runAsSession(ws.admin.claims, () => rescoreMentionsAction({ cursor: null }))).toMatchObject({
      ok: true,
      data: { done: 5, total: 5, cursor: null },
    });
    expect(
      (await db().mention.findMany({ where: { workspaceId: ws.id }, select: { sentiment: true } })).map(
        (m) => m.sentiment,
      ),
    ).toEqual(Array(5).fill("NEGATIVE"));
    // A row version's transaction id (xmin) changes whenever the row is written.
    const versions = () =>
      query<{ id: string; v: string }>(
        db(),
        sql`SELECT "id", xmin::text AS "v" FROM "Mention" WHERE "workspaceId" = ${ws.id} ORDER BY "id"`,
      );
    const before = await versions();
    expect(await runAsSession(ws.admin.claims, () => rescoreMentionsAction({ cursor: null }))).toMatchObject({
      ok: true,
      data: { done: 5, total: 5 },
    });
    expect(await versions()).toEqual(before);
  });
});
