import "server-only";
import { db } from "@/lib/db/client";
import { execute, query, sql, typedArray, unnestColumns, type RawClient } from "@/lib/db/sql";
import { tombstoneKey, tombstoneKeysOf } from "./tombstones";

// The stored tombstones of erased identities (lib/privacy/tombstones.ts makes the keys).

export interface IdentityPair {
  network: string;
  accountId: string;
}

const CHUNK = 5_000;
const pairKey = (p: IdentityPair) => `${p.network}\u0000${p.accountId}`;

/**
 * Which of these identities were erased: their `network \0 accountId` keys. One indexed query
 * per 5,000 identities (a delivery's authors are one query); each is looked up under every key
 * the server knows, so a key rotation does not bring an erased person back.
 */
export async function tombstonedKeys(
  workspaceId: string,
  pairs: readonly IdentityPair[],
  runner: RawClient = db(),
): Promise<Set<string>> {
  const found = new Set<string>();
  const byHash = new Map<string, string>();
  for (const p of pairs) for (const h of tombstoneKeysOf(p.network, p.accountId)) byHash.set(h, pairKey(p));
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await query<{ keyHash: string }>(
      runner,
      sql`SELECT "keyHash" FROM "ErasureTombstone" WHERE "workspaceId" = ${workspaceId} AND "keyHash" = ANY(${typedArray(hashes.slice(i, i + CHUNK), "text")})`,
    );
    for (const r of rows) found.add(byHash.get(r.keyHash)!);
  }
  return found;
}

/** Records the identities as erased (idempotent: a resumed erasure writes them again). */
export async function addTombstones(
  tx: RawClient,
  workspaceId: string,
  pairs: readonly IdentityPair[],
): Promise<number> {
  if (!pairs.length) return 0;
  const hashes = [...new Set(pairs.map((p) => tombstoneKey(p.network, p.accountId)))].sort();
  return execute(
    tx,
    sql`INSERT INTO "ErasureTombstone" ("workspaceId", "keyHash")
        SELECT ${workspaceId}, k.* FROM ${unnestColumns(
          hashes.map((h) => [h]),
          ["text"],
        )} AS k ON CONFLICT DO NOTHING`,
  );
}
