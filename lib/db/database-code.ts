import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Functions and triggers (prisma/sql/*.sql) live beside the migrations rather than in them:
// the schema engine splits migration files at every ';', which PL/pgSQL bodies are full of.
// Each file is idempotent (CREATE OR REPLACE, DROP … IF EXISTS) and runs again whenever its
// content changes; `_earshot_sql` remembers what ran. Files run in name order: later files
// build on metrics.sql (its functions), so their names sort after it. A file's own rebuild runs
// when it changes, so the service rollups (service-stats.sql) are apart from the listening ones.

const SQL_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../prisma/sql");

export async function applyDatabaseCode(connectionString: string): Promise<string[]> {
  const files = (await readdir(SQL_DIR)).filter((f) => f.endsWith(".sql")).sort();
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_earshot_sql" ("name" text PRIMARY KEY, "checksum" text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "_earshot_sql"`,
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const file of files) {
      const sql = await readFile(path.join(SQL_DIR, file), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (done.get(file) === checksum) continue;
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_earshot_sql" ("name", "checksum") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "checksum" = $2, "appliedAt" = now()`,
          [file, checksum],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`prisma/sql/${file} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file);
    }
  } finally {
    await client.end();
  }
  return applied;
}
