// A fresh database for one test run: a new database on TEST_DATABASE_URL's server when set
// (dropped afterwards), otherwise an in-memory PGlite served on a loopback port.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/schema-engine";

export interface TestDatabase {
  url: string;
  kind: "postgresql" | "pglite";
  drop: () => Promise<void>;
}

export async function createTestDatabase(dataDir?: string): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `earshot_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    return {
      url: url.toString(),
      kind: "postgresql",
      drop: async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { startPgliteServer } = await import("@/lib/db/pglite-server");
  const db = new PGlite(dataDir);
  const server = await startPgliteServer(db);
  await applyMigrations(server.url);
  return {
    url: server.url,
    kind: "pglite",
    drop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
