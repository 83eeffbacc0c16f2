// Creates a migration from the changes in prisma/schema.prisma since the last migration:
//   npm run db:migration:new -- <name>
// Works offline: it diffs the current schema against the snapshot kept beside the last
// migration (prisma/migrations/<last>/schema.prisma) with the WebAssembly schema engine. Only
// the newest migration keeps a snapshot: the new one takes it over from the previous one.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffDatamodels, listMigrations, MIGRATIONS_DIR, SCHEMA_PATH } from "../lib/db/schema-engine";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/i.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name>   (letters, digits and _ only)");
  process.exit(2);
}

const migrations = await listMigrations();
const last = migrations.at(-1)?.path;
const snapshotPath = last ? path.join(MIGRATIONS_DIR, last, "schema.prisma") : null;
if (snapshotPath && !existsSync(snapshotPath)) {
  console.error(`The last migration ${last} has no schema.prisma snapshot; cannot diff.`);
  process.exit(1);
}
const previous = snapshotPath ? await readFile(snapshotPath, "utf8") : null;
const current = await readFile(SCHEMA_PATH, "utf8");
const sql = await diffDatamodels(previous, current);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
await writeFile(path.join(dir, "schema.prisma"), current);
if (snapshotPath) await rm(snapshotPath);
const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
if (!existsSync(lockPath)) {
  await writeFile(lockPath, '# Do not edit: Prisma Migrate reads this.\nprovider = "postgresql"\n');
}
console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
