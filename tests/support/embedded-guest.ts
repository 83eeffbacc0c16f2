// Child process for the embedded-database tests: opens the data directory given in argv and
// reports whether it became the owner or joined the running owner, and what a query returns.
import pg from "pg";
import { openEmbeddedDatabase } from "../../lib/db/embedded";

const handle = await openEmbeddedDatabase("cli", process.argv[2]);
const client = new pg.Client({ connectionString: handle.url });
await client.connect();
const { rows } = await client.query("SELECT count(*)::int AS n FROM marker");
await client.end();
await handle.stop();
console.log(JSON.stringify({ kind: handle.kind, n: rows[0].n }));
process.exit(0);
