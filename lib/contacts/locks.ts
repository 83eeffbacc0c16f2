import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

// Every statement here that writes several rows takes their locks in one fixed order (by
// primary key), first, in a SELECT … ORDER BY … FOR UPDATE. Two transactions writing
// overlapping rows then queue behind each other instead of each holding what the other needs
// (the deadlock parallel deliveries ran into when UPDATE … FROM VALUES locked in input order).

const TABLES = new Set(["SocialIdentity", "Case", "LinkSuggestion", "ContactNote", "Contact"]);

/**
 * Locks these rows of a table in id order. `update` (FOR NO KEY UPDATE) for rows about to be
 * updated: it does not block foreign-key checks of other transactions; `delete` (FOR UPDATE)
 * for rows about to be deleted. Rows that do not exist are skipped.
 */
export async function lockRowsInOrder(tx: Tx, table: string, ids: Iterable<string>, mode: "update" | "delete" = "update"): Promise<void> {
  if (!TABLES.has(table)) throw new Error(`lockRowsInOrder: unexpected table ${table}`);
  const sorted = [...new Set(ids)].sort();
  if (!sorted.length) return;
  await tx.$queryRawUnsafe(
    `SELECT 1 FROM "${table}" WHERE "id" = ANY($1::text[]) ORDER BY "id" COLLATE "C" ${mode === "delete" ? "FOR UPDATE" : "FOR NO KEY UPDATE"}`,
    sorted,
  );
}

/** Byte-wise comparison of row keys: the order every multi-row statement writes in. */
export function byKey<T>(keyOf: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = keyOf(a), y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
