import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";

export interface OutboxRow {
  id: string;
  at: string;
  caseNumber: number;
  network: string | null;
  author: string | null;
  excerpt: string;
  delivery: string;
}

/** The workspace's replies, newest first, with their delivery state. */
export async function listOutbox(workspaceId: string, limit = 100): Promise<OutboxRow[]> {
  const rows = await query<{
    id: string;
    createdAt: Date;
    number: number;
    network: string | null;
    author: string | null;
    excerpt: string;
    deliveryStatus: string | null;
  }>(
    db(),
    sql`SELECT cm."id", cm."createdAt", c."number", c."network"::text AS "network", u."name" AS "author", left(cm."body", 200) AS "excerpt", cm."deliveryStatus"
     FROM "CaseMessage" cm JOIN "Case" c ON c."id" = cm."caseId" LEFT JOIN "User" u ON u."id" = cm."authorUserId"
     WHERE cm."workspaceId" = ${workspaceId} AND cm."kind" = 'OUTBOUND'
     ORDER BY cm."createdAt" DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    caseNumber: r.number,
    network: r.network,
    author: r.author,
    excerpt: r.excerpt,
    delivery: r.deliveryStatus ?? "queued",
  }));
}
