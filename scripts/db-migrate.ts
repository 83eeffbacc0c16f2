// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
import { connectDatabase } from "../lib/db/connect";
import { applyMigrations } from "../lib/db/schema-engine";

const db = await connectDatabase("migrate");
try {
  const applied = await applyMigrations(db.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
} finally {
  await db.close();
}
