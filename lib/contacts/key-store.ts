import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { execute, sql, typedArray, unnestColumns } from "@/lib/db/sql";
import { db } from "@/lib/db/client";
import { contactKeys, declaredHandles } from "./keys";
import { byKey } from "./locks";

type Tx = Prisma.TransactionClient;

/**
 * Recomputes the lookup keys of these contacts from their fields and linked identities.
 * Called inside every transaction that changes either; merged contacts keep no keys.
 */
export async function refreshContactKeys(tx: Tx, workspaceId: string, contactIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(contactIds)].sort();
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const contacts = await tx.contact.findMany({
      where: { workspaceId, id: { in: chunk } },
      select: {
        id: true,
        name: true,
        emails: true,
        phones: true,
        websites: true,
        handles: true,
        location: true,
        mergedIntoId: true,
        identities: { select: { network: true, handle: true } },
      },
    });
    // Old keys are locked and deleted in key order, new ones inserted in key order: two
    // transactions refreshing overlapping contacts wait for each other, never in a circle.
    await execute(
      tx,
      sql`WITH doomed AS (SELECT "contactId", "kind", "value" FROM "ContactKey" WHERE "workspaceId" = ${workspaceId} AND "contactId" = ANY(${typedArray(chunk, "text")})
         ORDER BY "contactId" COLLATE "C", "kind" COLLATE "C", "value" COLLATE "C" FOR UPDATE)
       DELETE FROM "ContactKey" k USING doomed d WHERE k."contactId" = d."contactId" AND k."kind" = d."kind" AND k."value" = d."value"`,
    );
    const rows: string[][] = [];
    for (const c of contacts) {
      if (c.mergedIntoId) continue;
      const keys = contactKeys({
        name: c.name,
        emails: c.emails,
        phones: c.phones,
        websites: c.websites,
        handles: declaredHandles(c.handles),
        linkedHandles: c.identities,
        location: c.location,
      });
      for (const k of keys) rows.push([workspaceId, c.id, k.kind, k.value]);
    }
    if (rows.length) {
      rows.sort(byKey((r) => `${r[1]}\u0000${r[2]}\u0000${r[3]}`));
      await execute(
        tx,
        sql`INSERT INTO "ContactKey" ("workspaceId","contactId","kind","value") SELECT * FROM ${unnestColumns(rows, ["text", "text", "text", "text"])} ON CONFLICT DO NOTHING`,
      );
    }
  }
}

/**
 * Recomputes the keys of every live contact of a workspace, a page at a time (each page in
 * its own transaction). For workspaces created before a new kind of key existed (the
 * canonical name pairs, domains and handle local parts of issue 15): until then those
 * contacts are found by their older keys only.
 */
export async function refreshWorkspaceKeys(workspaceId: string, pageSize = 2000): Promise<number> {
  let after: string | undefined;
  let done = 0;
  for (;;) {
    const page = await db().contact.findMany({
      where: { workspaceId, mergedIntoId: null, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true },
    });
    if (!page.length) return done;
    await db().$transaction(
      (tx) =>
        refreshContactKeys(
          tx,
          workspaceId,
          page.map((c) => c.id),
        ),
      { timeout: 120_000 },
    );
    done += page.length;
    after = page[page.length - 1].id;
  }
}
