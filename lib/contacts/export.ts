import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { toCsvRow } from "@/lib/util/csv";
import { fieldsOf, contactFieldSelect } from "./contacts";

// Export of live contacts with their identities, as CSV (one row per contact, re-importable:
// the id column matches on re-import) or JSON (identities as objects). Streams in keyset pages.

const PAGE = 1000;

async function* contactPages(workspaceId: string) {
  let after: string | null = null;
  for (;;) {
    const rows: Array<Awaited<ReturnType<typeof fetchPage>>[number]> = await fetchPage(workspaceId, after);
    if (!rows.length) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

function fetchPage(workspaceId: string, after: string | null) {
  return db().contact.findMany({
    where: { workspaceId, mergedIntoId: null, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: PAGE,
    select: {
      ...contactFieldSelect,
      createdAt: true,
      updatedAt: true,
      identities: {
        orderBy: { network: "asc" },
        select: {
          network: true,
          accountId: true,
          handle: true,
          displayName: true,
          followers: true,
          verified: true,
          profileUrl: true,
        },
      },
    },
  });
}

async function customFieldNames(workspaceId: string): Promise<string[]> {
  const rows = await query<{ key: string }>(
    db(),
    sql`SELECT DISTINCT jsonb_object_keys("customFields") AS "key" FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND "mergedIntoId" IS NULL ORDER BY 1`,
  );
  return rows.map((r) => r.key);
}

export const CSV_COLUMNS = [
  "id",
  "externalId",
  "name",
  "emails",
  "phones",
  "company",
  "tier",
  "tags",
  "location",
  "websites",
  "handles",
  "identities",
  "createdAt",
  "updatedAt",
];

export async function* exportContactsCsv(workspaceId: string): AsyncGenerator<string> {
  const custom = await customFieldNames(workspaceId);
  yield toCsvRow([...CSV_COLUMNS, ...custom.map((k) => `custom:${k}`)]) + "\n";
  for await (const page of contactPages(workspaceId)) {
    let chunk = "";
    for (const c of page) {
      const f = fieldsOf(c);
      chunk +=
        toCsvRow([
          c.id,
          f.externalId,
          f.name,
          f.emails.join("; "),
          f.phones.join("; "),
          f.company,
          f.tier,
          f.tags.join("; "),
          f.location,
          f.websites.join("; "),
          Object.entries(f.handles)
            .flatMap(([n, hs]) => hs.map((h) => `${n}:${h}`))
            .join("; "),
          c.identities.map((i) => `${i.network}:${i.handle}`).join("; "),
          c.createdAt.toISOString(),
          c.updatedAt.toISOString(),
          ...custom.map((k) => f.customFields[k] ?? ""),
        ]) + "\n";
    }
    yield chunk;
  }
}

export async function* exportContactsJson(workspaceId: string): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const page of contactPages(workspaceId)) {
    const parts = page.map((c) =>
      JSON.stringify(
        { id: c.id, ...fieldsOf(c), createdAt: c.createdAt, updatedAt: c.updatedAt, identities: c.identities },
        null,
        0,
      ),
    );
    yield (first ? "\n" : ",\n") + parts.join(",\n");
    first = false;
  }
  yield "\n]\n";
}
