// npm run bench:privacy: erasing a person with 10,000 mentions inside bench:inbox's 1M-mention
// workspace (PostgreSQL), with the time it takes and the longest any of its transactions held a
// lock (watched from a second connection); then the retention pass over the same data when
// scripts/bench-privacy-retention.ts is present.
import pg from "pg";
import { eraseSubject, previewErasure } from "../lib/privacy/erase";
import { MENTIONS, benchWorkspace, generate, step, withBenchDatabase } from "./bench/inbox-dataset";
import { watchLocks } from "./bench/lock-watch";

const PERSON_MENTIONS = Number(process.env.BENCH_PERSON_MENTIONS ?? 10_000);

async function main() {
  await withBenchDatabase("earshot_privacy", async (url, name) => {
    const { ws, agents, queues, brand, rule } = await benchWorkspace(name);
    const client = new pg.Client({ connectionString: url });
    // The database is dropped (WITH FORCE) after the run: that ending is not an error to report.
    client.on("error", () => undefined);
    await client.connect();
    console.log(`Generating into ${name}:`);
    await generate(client, ws.id, agents, queues, brand.id, rule.id);
    // The person: one contact, two identities, 10,000 mentions in 500 cases, with notes.
    // The person: one contact, two identities, 10,000 mentions in 500 cases, with a note.
    const person = [
      `INSERT INTO "Contact" ("id","workspaceId","name","emails","updatedAt") VALUES ('ctvictim', $1, 'Vera Victim', ARRAY['vera@example.org'], now())`,
      `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","contactId","updatedAt")
         VALUES ('sivictim1', $1, 'x', 'vera-x', 'vera_v', 'Vera Victim', 'ctvictim', now()),
                ('sivictim2', $1, 'mastodon', 'vera-m', 'vera@social.example', 'Vera V.', 'ctvictim', now())`,
      `INSERT INTO "ContactNote" ("id","workspaceId","contactId","body") VALUES ('cnvictim', $1, 'ctvictim', 'VIP, called twice')`,
      `INSERT INTO "Case" ("id","workspaceId","number","subject","status","contactId","authorId","updatedAt")
         SELECT 'cvictim' || g, $1, 900000 + g, 'Vera lost her bag ' || g, 'OPEN', 'ctvictim', 'sivictim1', now() FROM generate_series(1, 500) g`,
    ];
    for (const statement of person) await client.query(statement, [ws.id]);
    await step(
      client,
      `the person's ${PERSON_MENTIONS.toLocaleString("en")} mentions`,
      `INSERT INTO "Mention" ("id","workspaceId","network","externalId","brandId","authorId","text","postedAt","sentiment")
         SELECT 'mvictim' || g, $1, 'x', 'victim-' || g, $2, CASE WHEN g % 2 = 0 THEN 'sivictim1' ELSE 'sivictim2' END,
           'Northwind lost my bag, Vera here ' || g, now() - g * interval '7 minutes', 'NEGATIVE' FROM generate_series(1, $3::int) g`,
      [ws.id, brand.id, PERSON_MENTIONS],
    );
    await step(
      client,
      "their case messages",
      `INSERT INTO "CaseMessage" ("id","workspaceId","caseId","kind","mentionId","body","createdAt")
         SELECT 'cmvictim' || g, $1, 'cvictim' || (1 + g % 500), 'INBOUND', 'mvictim' || g, 'Northwind lost my bag, Vera here ' || g, now() - g * interval '7 minutes'
         FROM generate_series(1, $2::int) g`,
      [ws.id, PERSON_MENTIONS],
    );
    await client.query("ANALYZE");
    await client.end();
    const preview = await previewErasure(ws.id, { contactId: "ctvictim" });
    console.log(`\nPreview: ${JSON.stringify(preview.counts)}`);
    const watcher = await watchLocks(url);
    const started = performance.now();
    const { counts } = await eraseSubject(ws.id, null, { contactId: "ctvictim" }, "Vera Victim");
    const seconds = (performance.now() - started) / 1000;
    const locks = await watcher.stop();
    console.log(
      `\nErasure of a person with ${PERSON_MENTIONS.toLocaleString("en")} mentions in a ${MENTIONS.toLocaleString("en")}-mention workspace:`,
    );
    console.table([
      {
        "time (s)": Number(seconds.toFixed(2)),
        "mentions/s": Math.round(PERSON_MENTIONS / seconds),
        "longest lock (ms)": Math.round(locks.longestMs),
        "lock samples": locks.samples,
      },
    ]);
    console.log(`Erased: ${JSON.stringify(counts)}`);
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
