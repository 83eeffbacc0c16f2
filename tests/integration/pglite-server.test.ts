import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPgliteServer } from "@/lib/db/pglite-server";

describe("PGlite wire-protocol server", () => {
  it("keeps concurrent clients' transactions and extended-protocol queries apart", async () => {
    const db = new PGlite();
    const server = await startPgliteServer(db);
    const pool = new pg.Pool({ connectionString: server.url, max: 6 });
    try {
      await pool.query("CREATE TABLE t (id int PRIMARY KEY, seen int)");
      await Promise.all(Array.from({ length: 100 }, (_, i) => pool.query("INSERT INTO t VALUES ($1, $2)", [i, i * 2])));
      const lookups = await Promise.all(
        Array.from({ length: 60 }, (_, i) => pool.query("SELECT seen FROM t WHERE id = $1", [i])),
      );
      lookups.forEach((r, i) => expect(r.rows[0].seen).toBe(i * 2));
      // Each transaction reads a count and writes it back: interleaving would repeat counts.
      await Promise.all(
        Array.from({ length: 15 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            const { rows } = await client.query("SELECT count(*)::int AS n FROM t");
            await new Promise((r) => setTimeout(r, 2));
            await client.query("INSERT INTO t VALUES ($1, $2)", [1000 + i, rows[0].n]);
            await client.query("COMMIT");
          } finally {
            client.release();
          }
        }),
      );
      const { rows } = await pool.query("SELECT count(DISTINCT seen)::int AS d FROM t WHERE id >= 1000");
      expect(rows[0].d).toBe(15);
      // A client that disconnects mid-transaction has its work rolled back and frees the backend.
      const quitter = new pg.Client({ connectionString: server.url });
      await quitter.connect();
      await quitter.query("BEGIN");
      await quitter.query("INSERT INTO t VALUES (5000, 0)");
      await quitter.end();
      expect((await pool.query("SELECT count(*)::int AS n FROM t WHERE id = 5000")).rows[0].n).toBe(0);
    } finally {
      await pool.end();
      await server.stop();
      await db.close();
    }
  });
});
