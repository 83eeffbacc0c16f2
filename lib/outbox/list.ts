import "server-only";
import { db } from "@/lib/db/client";
import { empty, query, sql } from "@/lib/db/sql";
import { decodeCursor, encodeCursor } from "@/lib/util/cursor";

export interface OutboxRow {
  id: string;
  at: string;
  caseNumber: number;
  network: string | null;
  author: string | null;
  account: string | null;
  excerpt: string;
  delivery: string;
  url: string | null;
  error: string | null;
  attempts: number;
}

export interface OutboxFilter {
  state?: string;
  network?: string;
  accountId?: string;
  cursor?: string;
}

export interface OutboxPage {
  rows: OutboxRow[];
  next: string | null;
}

const PAGE = 50;

/** What a delivery filter matches: "sent" includes sandbox replies, which were recorded but never posted. */
function stateCondition(state: string | undefined) {
  if (!state) return empty;
  if (state === "sent") return sql`AND cm."deliveryStatus" IN ('sent', 'sent (sandbox)')`;
  return sql`AND cm."deliveryStatus" = ${state}`;
}

/** The workspace's replies, newest first, with their delivery: filtered by state, network and account, paged. */
export async function listOutbox(workspaceId: string, filter: OutboxFilter = {}): Promise<OutboxPage> {
  const cursor = decodeCursor(filter.cursor);
  const rows = await query<{
    id: string;
    createdAt: Date;
    number: number;
    network: string | null;
    author: string | null;
    account: string | null;
    excerpt: string;
    deliveryStatus: string | null;
    url: string | null;
    error: string | null;
    attempts: number | null;
  }>(
    db(),
    sql`SELECT cm."id", cm."createdAt", c."number", COALESCE(o."network", c."network")::text AS "network",
          u."name" AS "author", a."label" AS "account", left(cm."body", 200) AS "excerpt", cm."deliveryStatus",
          o."externalUrl" AS "url", o."lastError" AS "error", o."attempts"
        FROM "CaseMessage" cm
        JOIN "Case" c ON c."id" = cm."caseId"
        LEFT JOIN "OutboxItem" o ON o."caseMessageId" = cm."id"
        LEFT JOIN "ConnectedAccount" a ON a."id" = o."accountId"
        LEFT JOIN "User" u ON u."id" = cm."authorUserId"
        WHERE cm."workspaceId" = ${workspaceId} AND cm."kind" = 'OUTBOUND'
          ${stateCondition(filter.state)}
          ${filter.network ? sql`AND COALESCE(o."network", c."network")::text = ${filter.network}` : empty}
          ${filter.accountId ? sql`AND o."accountId" = ${filter.accountId}` : empty}
          ${cursor ? sql`AND (cm."createdAt", cm."id") < (${new Date(cursor.at)}, ${cursor.id})` : empty}
        ORDER BY cm."createdAt" DESC, cm."id" DESC LIMIT ${PAGE + 1}`,
  );
  const page = rows.slice(0, PAGE).map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    caseNumber: r.number,
    network: r.network,
    author: r.author,
    account: r.account,
    excerpt: r.excerpt,
    delivery: r.deliveryStatus ?? "sent",
    url: r.url,
    error: r.error,
    attempts: r.attempts ?? 0,
  }));
  const last = page.at(-1);
  return { rows: page, next: rows.length > PAGE && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

/** The accounts the filter offers. */
export async function outboxAccounts(workspaceId: string) {
  return db().connectedAccount.findMany({
    where: { workspaceId },
    orderBy: { label: "asc" },
    select: { id: true, label: true, network: true },
  });
}
