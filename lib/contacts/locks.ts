import "server-only";
import { ident, query, sql, typedArray, type RawClient, type Sql } from "@/lib/db/sql";

// Every statement here that writes several rows takes their locks in one fixed order (by
// primary key), first, in a SELECT … ORDER BY … FOR UPDATE. Two transactions writing
// overlapping rows then queue behind each other instead of each holding what the other needs
// (the deadlock parallel deliveries ran into when UPDATE … FROM VALUES locked in input order).

const LOCKABLE = ["SocialIdentity", "Case", "LinkSuggestion", "ContactNote", "Contact"] as const;
export type LockableTable = (typeof LOCKABLE)[number];
const TABLES = new Set<string>(LOCKABLE);

/**
 * Locks these rows of a table in id order. `update` (FOR NO KEY UPDATE) for rows about to be
 * updated: it does not block foreign-key checks of other transactions; `delete` (FOR UPDATE)
 * for rows about to be deleted. Rows that do not exist are skipped.
 */
export async function lockRowsInOrder(
  tx: RawClient,
  table: LockableTable,
  ids: Iterable<string>,
  mode: "update" | "delete" = "update",
): Promise<void> {
  const statement = lockStatement(table, ids, mode);
  if (statement) await query(tx, statement);
}

/**
 * `SELECT 1 FROM "table" WHERE "id" = ANY($1::text[]) ORDER BY "id" COLLATE "C" FOR [NO KEY] UPDATE`
 * with the ids distinct and sorted; null when there are none.
 */
export function lockStatement(table: LockableTable, ids: Iterable<string>, mode: "update" | "delete"): Sql | null {
  // The type says so already; this stops a caller that casts around it.
  if (!TABLES.has(table)) throw new Error(`lockRowsInOrder: unexpected table ${table}`);
  const sorted = [...new Set(ids)].sort();
  if (!sorted.length) return null;
  const lock = mode === "delete" ? sql`FOR UPDATE` : sql`FOR NO KEY UPDATE`;
  return sql`SELECT 1 FROM ${ident(table)} WHERE "id" = ANY(${typedArray(sorted, "text")}) ORDER BY "id" COLLATE "C" ${lock}`;
}

/** Byte-wise comparison of row keys: the order every multi-row statement writes in. */
export function byKey<T>(keyOf: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = keyOf(a),
      y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
