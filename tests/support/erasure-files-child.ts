// Run by tests/integration/privacy-erasure-files.test.ts in its own process, on an embedded
// database in EARSHOT_DATA_DIR (a fresh temporary folder): a person whose posts and profile
// carry the marker MARKER is ingested, then erased; the process closes the database and exits,
// and the test reads every file the database left in the folder.
import { connectDatabase } from "../../lib/db/connect";

async function main() {
  const marker = process.env.MARKER!;
  delete process.env.DATABASE_URL;
  const connection = await connectDatabase("erasure-test");
  process.env.DATABASE_URL = connection.url;
  try {
    const { applyMigrations } = await import("../../lib/db/schema-engine");
    await applyMigrations(connection.url);
    const { db, disconnectDb } = await import("../../lib/db/client");
    const { ingestEvents } = await import("../../lib/ingest/pipeline");
    const { parseFormat } = await import("../../lib/ingest/formats");
    const { eraseSubject } = await import("../../lib/privacy/erase");
    const ws = await db().workspace.create({ data: { slug: `files-${Date.now()}`, name: "Files" } });
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        network: "mastodon",
        externalId: `files-${i}`,
        createdAt: new Date(Date.UTC(2026, 10, 1, i % 24)).toISOString(),
        text: `Northwind lost my bag ${marker}post number ${i}`,
        author: {
          accountId: `${marker}acct`,
          handle: `${marker}handle`,
          displayName: `Jane ${marker}name`,
          bio: `${marker}bio`,
        },
      }),
    ).join("\n");
    await ingestEvents(ws.id, parseFormat("jsonl", lines));
    const { counts } = await eraseSubject(
      ws.id,
      null,
      { network: "mastodon", accountId: `${marker}acct` },
      `Jane ${marker}name`,
    );
    process.stdout.write(`${JSON.stringify(counts)}\n`);
    await disconnectDb();
  } finally {
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
