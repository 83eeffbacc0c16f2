// The inbox issue's large workspace, generated in SQL (a minute, not an hour): 1,000,000
// mentions in 250,000 cases from 100,000 contacts. Shared by bench:inbox and bench:dashboard.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "../../lib/db/schema-engine";
import { db, disconnectDb } from "../../lib/db/client";
import { airlineTweets } from "./shared-data";

export const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
export const CASES = Number(process.env.BENCH_CASES ?? 250_000);
export const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const PHRASES = [
  "lost my bag",
  "refund still not here",
  "flight cancelled again",
  "delayed three hours",
  "great crew today",
  "seat was given away",
  "app crashes at check-in",
  "where is my luggage",
  "thanks for the upgrade",
  "booking reference not working",
];

/**
 * A fresh database on BENCH_DATABASE_URL's server (migrated, and the app's DATABASE_URL), for
 * `run`; dropped afterwards unless `keep` (then its URL is printed).
 */
export async function withBenchDatabase<T>(
  prefix: string,
  run: (url: string, name: string) => Promise<T>,
  keep = false,
): Promise<T> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  try {
    await applyMigrations(url.toString());
    return await run(url.toString(), name);
  } finally {
    await disconnectDb();
    if (keep) console.log(`Kept ${url}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** The benchmarks' workspace: five agents, four queues, a brand and its keyword rule. */
export async function benchWorkspace(name: string, timeZone = "UTC") {
  const ws = await db().workspace.create({ data: { slug: "bench", name: "Bench", timeZone } });
  const agents: string[] = [];
  for (let i = 0; i < 5; i++) {
    const u = await db().user.create({
      data: { email: `agent${i}-${name}@bench.example`, name: `Agent ${i}`, passwordHash: "x" },
    });
    await db().membership.create({ data: { workspaceId: ws.id, userId: u.id, role: "AGENT" } });
    agents.push(u.id);
  }
  const queues: string[] = [];
  for (const q of ["Social care", "Baggage", "Refunds", "VIP"])
    queues.push((await db().queue.create({ data: { workspaceId: ws.id, name: q } })).id);
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  const rule = await db().keywordRule.create({
    data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" },
  });
  return { ws, agents, queues, brand, rule };
}

/** Runs one generation statement and prints how long it took. */
export async function step(client: pg.Client, label: string, sql: string, params: unknown[] = []) {
  const s = performance.now();
  await client.query(sql, params);
  console.log(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
}

export async function generate(
  client: pg.Client,
  ws: string,
  agents: string[],
  queues: string[],
  brand: string,
  rule: string,
) {
  const texts = (
    airlineTweets() ?? Array.from({ length: 3000 }, (_, i) => `Northwind ${PHRASES[i % PHRASES.length]} ${i}`)
  ).map((t) => t.replace(/\u0000/g, ""));
  const t0 = performance.now();
  // Bulk load without the full-text indexes, then build them once.
  await client.query(`DROP INDEX IF EXISTS "Case_search_idx"; DROP INDEX IF EXISTS "Contact_name_fts_idx"`);
  // The rollup triggers work per statement: a million-row INSERT is built once instead.
  await client.query(`ALTER TABLE "Mention" DISABLE TRIGGER USER; ALTER TABLE "MentionRuleMatch" DISABLE TRIGGER USER`);
  const firsts = [
    "James",
    "Mary",
    "Ana",
    "João",
    "Lukas",
    "Emma",
    "Hiro",
    "Amara",
    "Omar",
    "Wei",
    "Priya",
    "Olga",
    "Mateo",
    "Zara",
    "Noah",
    "Mia",
    "Liam",
    "Ava",
    "Felix",
    "Nora",
  ];
  const lasts = [
    "Smith",
    "Silva",
    "Costa",
    "Müller",
    "Tanaka",
    "Okafor",
    "Khan",
    "Chen",
    "Patel",
    "Ivanova",
    "Rossi",
    "Lopez",
    "Novak",
    "Park",
    "Kim",
    "Dubois",
    "Haddad",
    "Cohen",
    "Jensen",
    "Berg",
  ];
  await step(
    client,
    `${CONTACTS.toLocaleString("en")} contacts`,
    `INSERT INTO "Contact" ("id","workspaceId","name","emails","tier","updatedAt")
    SELECT 'ct' || g, $1, ($2::text[])[1 + g % 20] || ' ' || ($3::text[])[1 + (g / 20) % 20] || ' ' || g, ARRAY['c' || g || '@mail.example'], CASE WHEN g % 47 = 0 THEN 'VIP' END, now()
    FROM generate_series(1, $4::int) g`,
    [ws, firsts, lasts, CONTACTS],
  );
  const identities = Math.round(CONTACTS * 1.5);
  await step(
    client,
    `${identities.toLocaleString("en")} identities`,
    `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","followers","contactId","updatedAt")
    SELECT 'si' || g, $1, (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", 'acct' || g, 'user' || g, 'User ' || g, (g * 37) % 50000,
      CASE WHEN g % 3 <> 0 THEN 'ct' || (1 + g % $2::int) END, now()
    FROM generate_series(1, $3::int) g`,
    [ws, CONTACTS, identities],
  );
  await step(
    client,
    `${CASES.toLocaleString("en")} cases`,
    `INSERT INTO "Case" ("id","workspaceId","number","subject","status","priority","tags","brandId","queueId","assigneeId","contactId","authorId",
      "lastActivityAt","slaDueAt","slaAtRiskAt","network","sentiment","createdAt","updatedAt")
    SELECT 'c' || g, $1, g, left(($2::text[])[1 + g % array_length($2::text[], 1)], 120),
      (ARRAY['NEW','OPEN','OPEN','PENDING','ON_HOLD','SOLVED','SOLVED','SOLVED','CLOSED','CLOSED'])[1 + g % 10]::"CaseStatus",
      (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + g % 6]::"Priority", ARRAY[(ARRAY['refund','baggage','delay','app'])[1 + g % 4]], $3,
      ($4::text[])[1 + g % array_length($4::text[], 1)], CASE WHEN g % 4 = 0 THEN NULL ELSE ($5::text[])[1 + g % array_length($5::text[], 1)] END,
      'ct' || (1 + g % $6::int), 'si' || (1 + (g * 7) % $7::int),
      now() - (g * interval '10 seconds'), now() + ((g % 200) - 60) * interval '1 minute', now() + ((g % 200) - 90) * interval '1 minute',
      (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", (ARRAY['NEGATIVE','NEUTRAL','POSITIVE','NEGATIVE'])[1 + g % 4]::"Sentiment",
      now() - (g * interval '10 seconds'), now() - (g * interval '10 seconds')
    FROM generate_series(1, $8::int) g`,
    [ws, texts, brand, queues, agents, CONTACTS, identities, CASES],
  );
  await step(
    client,
    `${MENTIONS.toLocaleString("en")} mentions`,
    `INSERT INTO "Mention" ("id","workspaceId","network","externalId","brandId","authorId","text","postedAt","sentiment","intent","influence")
    SELECT 'm' || g, $1, (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", 'ext' || g, $2, 'si' || (1 + (g * 7) % $3::int),
      ($4::text[])[1 + g % array_length($4::text[], 1)], now() - (g * interval '3 seconds'), (ARRAY['NEGATIVE','NEUTRAL','POSITIVE','NEGATIVE'])[1 + g % 4]::"Sentiment",
      (ARRAY['COMPLAINT','QUESTION','PRAISE','OTHER'])[1 + g % 4]::"Intent", g % 100
    FROM generate_series(1, $5::int) g`,
    [ws, brand, identities, texts, MENTIONS],
  );
  await step(
    client,
    "case messages",
    `INSERT INTO "CaseMessage" ("id","workspaceId","caseId","kind","mentionId","body","createdAt")
    SELECT 'cm' || g, $1, 'c' || (1 + g % $2::int), 'INBOUND', 'm' || g, '', now() - (g * interval '3 seconds') FROM generate_series(1, $3::int) g`,
    [ws, CASES, MENTIONS],
  );
  await step(
    client,
    "rule matches",
    `INSERT INTO "MentionRuleMatch" ("id","workspaceId","mentionId","ruleId","spans")
    SELECT 'rm' || g, $1, 'm' || g, $2, '[[0, 9]]'::jsonb FROM generate_series(1, $3::int) g`,
    [ws, rule, MENTIONS],
  );
  await step(
    client,
    "cases' search text",
    `UPDATE "Case" c SET "searchText" = right(c."subject" || ' ' || x."t", 20000)
    FROM (SELECT cm."caseId", string_agg(m."text", ' ') AS "t" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId" WHERE cm."workspaceId" = $1 GROUP BY 1) x
    WHERE x."caseId" = c."id"`,
    [ws],
  );
  await step(
    client,
    "full-text indexes",
    `CREATE INDEX "Case_search_idx" ON "Case" USING GIN ("searchVector");
    CREATE INDEX "Contact_name_fts_idx" ON "Contact" USING GIN (to_tsvector('simple', "name"))`,
  );
  await client.query(`ALTER TABLE "Mention" ENABLE TRIGGER USER; ALTER TABLE "MentionRuleMatch" ENABLE TRIGGER USER`);
  await step(client, "dashboard rollups (terms, authors, rules, hours)", `SELECT earshot_rebuild_mention_stats($1)`, [
    ws,
  ]);
  await step(client, "ANALYZE", "ANALYZE");
  await client.query(`UPDATE "Workspace" SET "caseCounter" = $2 WHERE "id" = $1`, [ws, CASES]);
  return (performance.now() - t0) / 1000;
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
export async function time(fn: () => Promise<unknown>, runs = 30) {
  for (let i = 0; i < 3; i++) await fn(); // warm
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: Number(pct(t, 50).toFixed(1)), p95: Number(pct(t, 95).toFixed(1)) };
}
