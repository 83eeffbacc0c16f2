import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unnestColumns } from "@/lib/ingest/sql";
import { contactKeys, declaredHandles } from "./keys";

type Tx = Prisma.TransactionClient;

/**
 * Recomputes the lookup keys of these contacts from their fields and linked identities.
 * Called inside every transaction that changes either; merged contacts keep no keys.
 */
export async function refreshContactKeys(tx: Tx, workspaceId: string, contactIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(contactIds)];
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const contacts = await tx.contact.findMany({
      where: { workspaceId, id: { in: chunk } },
      select: { id: true, name: true, emails: true, phones: true, websites: true, handles: true, mergedIntoId: true, identities: { select: { network: true, handle: true } } },
    });
    await tx.contactKey.deleteMany({ where: { workspaceId, contactId: { in: chunk } } });
    const rows: unknown[][] = [];
    for (const c of contacts) {
      if (c.mergedIntoId) continue;
      const keys = contactKeys({ name: c.name, emails: c.emails, phones: c.phones, websites: c.websites, handles: declaredHandles(c.handles), linkedHandles: c.identities });
      for (const k of keys) rows.push([workspaceId, c.id, k.kind, k.value]);
    }
    if (rows.length) {
      const v = unnestColumns(rows, ["text", "text", "text", "text"]);
      await tx.$executeRawUnsafe(`INSERT INTO "ContactKey" ("workspaceId","contactId","kind","value") SELECT * FROM ${v.sql} ON CONFLICT DO NOTHING`, ...v.params);
    }
  }
}
