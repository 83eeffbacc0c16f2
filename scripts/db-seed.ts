// npm run db:seed [-- --reset] [--seed N]: fills an empty database with the demo workspace,
// or (with --reset) deletes everything and recreates it.
import { parseArgs } from "node:util";
import { connectDatabase } from "../lib/db/connect";
import { createDbClient } from "../lib/db/client";
import { applyMigrations } from "../lib/db/schema-engine";
import { demoSeedingAllowed } from "../lib/demo/policy";
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, resetDatabase, seedDemo } from "../lib/demo/seed";
import { runMain } from "./lib/run";

runMain(async () => {
  const { values } = parseArgs({ options: { reset: { type: "boolean" }, seed: { type: "string" } } });
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer.");
  if (!demoSeedingAllowed()) {
    throw new Error("Refusing to seed demo data into a production database. Set EARSHOT_DEMO=1 to do it anyway.");
  }
  const connection = await connectDatabase("seed");
  try {
    await applyMigrations(connection.url);
    const client = createDbClient(connection.url);
    if (!(await isDatabaseEmpty(client))) {
      if (!values.reset) {
        console.log(
          "The database already has data; nothing seeded. Use `npm run db:seed -- --reset` to recreate the demo.",
        );
        return 0;
      }
      await resetDatabase(client);
    }
    const result = await seedDemo(client, { seed });
    console.log(
      `Seeded demo workspace (seed ${seed}): ${result.mentions} mentions, ${result.cases} cases, ${result.contacts} contacts.`,
    );
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(7)} ${u.email}  password: ${DEMO_PASSWORD}`);
    await client.$disconnect();
  } finally {
    await connection.close();
  }
});
