import "server-only";
import { db } from "@/lib/db/client";
import { execute, jsonRecords, query, sql } from "@/lib/db/sql";

// The brand's own replies come back through ingestion (its stream, a feed, a webhook). They are
// attached to the outbound message they were, never stored as a new mention or case.

export interface PostKey {
  network: string;
  externalId: string;
  url?: string | null;
}

const CHUNK = 5_000;

/** Which of these posts are replies this workspace sent (by the network's id or link). One indexed query per 5,000 posts. */
export async function sentReplyKeys(workspaceId: string, posts: readonly PostKey[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Most workspaces have never sent a reply: one probe answers for the whole delivery.
  const [any] = await query<{ one: number }>(
    db(),
    sql`SELECT 1 AS "one" FROM "OutboxItem" WHERE "workspaceId" = ${workspaceId} AND "kind" = 'reply' AND "externalId" IS NOT NULL LIMIT 1`,
  );
  if (!any) return found;
  for (let i = 0; i < posts.length; i += CHUNK) {
    const rows = posts.slice(i, i + CHUNK).map((p) => [p.network, p.externalId]);
    const hits = await query<{ network: string; externalId: string }>(
      db(),
      sql`SELECT o."network"::text AS "network", o."externalId" FROM "OutboxItem" o
          JOIN ${jsonRecords(
            rows,
            [
              ["network", "text"],
              ["externalId", "text"],
            ],
            "p",
          )}
            ON o."network"::text = p."network" AND o."externalId" = p."externalId"
          WHERE o."workspaceId" = ${workspaceId} AND o."kind" = 'reply'`,
    );
    for (const h of hits) found.add(`${h.network}\u0000${h.externalId}`);
  }
  return found;
}

/** Marks the sent replies among these posts as seen again, keeping the link the network reported. */
export async function attachReturnedReplies(
  workspaceId: string,
  posts: readonly PostKey[],
  now = new Date(),
): Promise<number> {
  if (!posts.length) return 0;
  const rows = posts.map((p) => [p.network, p.externalId, p.url ?? null]);
  return execute(
    db(),
    sql`UPDATE "OutboxItem" o SET "returnedAt" = COALESCE(o."returnedAt", ${now}),
          "externalUrl" = COALESCE(o."externalUrl", p."url"), "updatedAt" = ${now}
        FROM ${jsonRecords(
          rows,
          [
            ["network", "text"],
            ["externalId", "text"],
            ["url", "text"],
          ],
          "p",
        )}
        WHERE o."workspaceId" = ${workspaceId} AND o."kind" = 'reply' AND o."network"::text = p."network"
          AND o."externalId" = p."externalId"`,
  );
}
