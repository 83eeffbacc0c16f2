import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { execute, sql, unnestColumns, type Cast } from "@/lib/db/sql";
import { loadPolicies, replayCases } from "./history";

// Keeps the stored response cycles, SLA outcomes and reply facts current. Every case change
// moves the case's updatedAt; a case whose updatedAt differs from the one its cycles were
// replayed from is replayed again. Only cases changed since shortly before the newest replayed
// change are looked at (an index range), so a refresh costs what changed, not the workspace.
// Dashboards and exports refresh before they read. Batches are short transactions, serialized
// per workspace by an advisory lock.

const BATCH = 500;
// A change committed late (its updatedAt is its statement's time) is still seen this long after.
const MARGIN_MS = 15 * 60_000;

/** Rows for unnest, their dates as UTC wall time for the timestamp columns, whatever the session's zone. */
function unnestUtc(rows: unknown[][], casts: Cast[]) {
  return unnestColumns(
    rows.map((row) => row.map((x) => (x instanceof Date ? x.toISOString().slice(0, 23) : x))),
    casts,
  );
}

async function staleCases(workspaceId: string): Promise<string[]> {
  const [{ newest }] = await db().$queryRaw<Array<{ newest: Date | null }>>`
    SELECT max("sourceUpdatedAt") AS newest FROM "CaseCycle" WHERE "workspaceId" = ${workspaceId}`;
  const since = newest ? new Date(newest.getTime() - MARGIN_MS) : new Date(0);
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Case" c LEFT JOIN "CaseCycle" cc ON cc."caseId" = c."id" AND cc."index" = 0
    WHERE c."workspaceId" = ${workspaceId} AND c."updatedAt" > ${since} AND (cc."id" IS NULL OR cc."sourceUpdatedAt" <> c."updatedAt")
    ORDER BY c."updatedAt" LIMIT ${BATCH}`;
  return rows.map((r) => r.id);
}

export async function refreshCaseMetrics(workspaceId: string): Promise<{ refreshed: number }> {
  let refreshed = 0;
  let policies: Awaited<ReturnType<typeof loadPolicies>> | null = null;
  for (;;) {
    const stale = await staleCases(workspaceId);
    if (!stale.length) return { refreshed };
    policies ??= await loadPolicies(db(), workspaceId);
    const replayed = await replayCases(db(), workspaceId, stale, policies);
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`metrics:${workspaceId}`}))`;
      const ids = replayed.map((r) => r.facts.caseId);
      // Deleted and written back with one statement per table (unnest of column arrays): a
      // refresh batch is a handful of statements whatever its size.
      await tx.$executeRaw`DELETE FROM "CaseCycle" WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${ids}::text[])`;
      await tx.$executeRaw`DELETE FROM "SlaOutcome" WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${ids}::text[])`;
      await tx.$executeRaw`DELETE FROM "ReplyFact" WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${ids}::text[])`;
      const cycles = replayed.flatMap((r) =>
        r.cycles.map((c) => [
          randomUUID(),
          r.facts.caseId,
          r.facts.caseNumber,
          c.index,
          r.facts.brandId,
          r.facts.network,
          r.facts.queueId,
          r.facts.assigneeId,
          r.facts.slaPolicyId,
          c.openedAt,
          c.closedAt,
          c.startedAt,
          c.firstReplyAt,
          c.firstReplyById,
          c.frtMinutes,
          c.frtBusinessMinutes,
          c.solvedAt,
          c.solvedById,
          c.resolutionMinutes,
          c.resolutionBusinessMinutes,
          r.updatedAt,
        ]),
      );
      if (cycles.length) {
        const v = unnestUtc(cycles, [
          "text",
          "text",
          "int",
          "int",
          "text",
          '"Network"',
          "text",
          "text",
          "text",
          "timestamp",
          "timestamp",
          "timestamp",
          "timestamp",
          "text",
          "float8",
          "float8",
          "timestamp",
          "text",
          "float8",
          "float8",
          "timestamp",
        ]);
        await execute(
          tx,
          sql`INSERT INTO "CaseCycle" ("id","caseId","caseNumber","index","brandId","network","queueId","assigneeId","slaPolicyId","openedAt","closedAt","startedAt",
            "firstReplyAt","firstReplyById","frtMinutes","frtBusinessMinutes","solvedAt","solvedById","resolutionMinutes","resolutionBusinessMinutes","sourceUpdatedAt","workspaceId")
          SELECT *, ${workspaceId} FROM ${v}`,
        );
      }
      const outcomes = replayed.flatMap((r) =>
        r.outcomes.map((o) => [
          randomUUID(),
          r.facts.caseId,
          o.cycleIndex,
          o.target,
          o.met,
          o.dueAt,
          o.at,
          r.facts.brandId,
          r.facts.network,
          r.facts.queueId,
          r.facts.assigneeId,
          r.facts.slaPolicyId,
        ]),
      );
      if (outcomes.length) {
        const v = unnestUtc(outcomes, [
          "text",
          "text",
          "int",
          "text",
          "boolean",
          "timestamp",
          "timestamp",
          "text",
          '"Network"',
          "text",
          "text",
          "text",
        ]);
        await execute(
          tx,
          sql`INSERT INTO "SlaOutcome" ("id","caseId","cycleIndex","target","met","dueAt","at","brandId","network","queueId","assigneeId","slaPolicyId","workspaceId")
          SELECT *, ${workspaceId} FROM ${v}`,
        );
      }
      const replies = replayed.flatMap((r) =>
        r.replies.map((x) => [
          randomUUID(),
          r.facts.caseId,
          x.at,
          x.by,
          r.facts.brandId,
          r.facts.network,
          r.facts.queueId,
          r.facts.assigneeId,
        ]),
      );
      if (replies.length) {
        const v = unnestUtc(replies, ["text", "text", "timestamp", "text", "text", '"Network"', "text", "text"]);
        await execute(
          tx,
          sql`INSERT INTO "ReplyFact" ("id","caseId","at","byId","brandId","network","queueId","assigneeId","workspaceId") SELECT *, ${workspaceId} FROM ${v}`,
        );
      }
    });
    refreshed += replayed.length;
    if (stale.length < BATCH) return { refreshed };
  }
}
