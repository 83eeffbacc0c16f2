// npm run bench:inbox: the inbox on a large workspace in PostgreSQL. A generator fills a fresh
// database (BENCH_DATABASE_URL's server) with 1,000,000 mentions in 250,000 cases from
// 100,000 contacts (set in SQL, so it takes a minute, not an hour), then times, server-side,
// the first page of every view, a deep page, searches, and everything the inbox page loads.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "../lib/db/schema-engine";
import { db, disconnectDb } from "../lib/db/client";
import { listInbox, viewCounts } from "../lib/inbox/list";
import { parseInboxQuery } from "../lib/inbox/query";
import { inboxOptions } from "../lib/inbox/options";
import { inboxVersion } from "../lib/inbox/version";
import { airlineTweets } from "./bench/shared-data";

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 250_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PHRASES = ["lost my bag", "refund still not here", "flight cancelled again", "delayed three hours", "great crew today", "seat was given away", "app crashes at check-in", "where is my luggage", "thanks for the upgrade", "booking reference not working"];

async function generate(client: pg.Client, ws: string, agents: string[], queues: string[], brand: string, rule: string) {
  const texts = (airlineTweets() ?? Array.from({ length: 3000 }, (_, i) => `Northwind ${PHRASES[i % PHRASES.length]} ${i}`)).map((t) => t.replace(/\u0000/g, ""));
  const t0 = performance.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const s = performance.now();
    await client.query(sql, params);
    console.log(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  };
  // Bulk load without the full-text indexes, then build them once.
  await client.query(`DROP INDEX IF EXISTS "Case_search_idx"; DROP INDEX IF EXISTS "Contact_name_fts_idx"`);
  const firsts = ["James", "Mary", "Ana", "João", "Lukas", "Emma", "Hiro", "Amara", "Omar", "Wei", "Priya", "Olga", "Mateo", "Zara", "Noah", "Mia", "Liam", "Ava", "Felix", "Nora"];
  const lasts = ["Smith", "Silva", "Costa", "Müller", "Tanaka", "Okafor", "Khan", "Chen", "Patel", "Ivanova", "Rossi", "Lopez", "Novak", "Park", "Kim", "Dubois", "Haddad", "Cohen", "Jensen", "Berg"];
  await step(`${CONTACTS.toLocaleString("en")} contacts`, `INSERT INTO "Contact" ("id","workspaceId","name","emails","tier","updatedAt")
    SELECT 'ct' || g, $1, ($2::text[])[1 + g % 20] || ' ' || ($3::text[])[1 + (g / 20) % 20] || ' ' || g, ARRAY['c' || g || '@mail.example'], CASE WHEN g % 47 = 0 THEN 'VIP' END, now()
    FROM generate_series(1, $4::int) g`, [ws, firsts, lasts, CONTACTS]);
  const identities = Math.round(CONTACTS * 1.5);
  await step(`${identities.toLocaleString("en")} identities`, `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","followers","contactId","updatedAt")
    SELECT 'si' || g, $1, (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", 'acct' || g, 'user' || g, 'User ' || g, (g * 37) % 50000,
      CASE WHEN g % 3 <> 0 THEN 'ct' || (1 + g % $2::int) END, now()
    FROM generate_series(1, $3::int) g`, [ws, CONTACTS, identities]);
  await step(`${CASES.toLocaleString("en")} cases`, `INSERT INTO "Case" ("id","workspaceId","number","subject","status","priority","tags","brandId","queueId","assigneeId","contactId","authorId",
      "lastActivityAt","slaDueAt","slaAtRiskAt","network","sentiment","createdAt","updatedAt")
    SELECT 'c' || g, $1, g, left(($2::text[])[1 + g % array_length($2::text[], 1)], 120),
      (ARRAY['NEW','OPEN','OPEN','PENDING','ON_HOLD','SOLVED','SOLVED','SOLVED','CLOSED','CLOSED'])[1 + g % 10]::"CaseStatus",
      (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + g % 6]::"Priority", ARRAY[(ARRAY['refund','baggage','delay','app'])[1 + g % 4]], $3,
      ($4::text[])[1 + g % array_length($4::text[], 1)], CASE WHEN g % 4 = 0 THEN NULL ELSE ($5::text[])[1 + g % array_length($5::text[], 1)] END,
      'ct' || (1 + g % $6::int), 'si' || (1 + (g * 7) % $7::int),
      now() - (g * interval '10 seconds'), now() + ((g % 200) - 60) * interval '1 minute', now() + ((g % 200) - 90) * interval '1 minute',
      (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", (ARRAY['NEGATIVE','NEUTRAL','POSITIVE','NEGATIVE'])[1 + g % 4]::"Sentiment",
      now() - (g * interval '10 seconds'), now() - (g * interval '10 seconds')
    FROM generate_series(1, $8::int) g`, [ws, texts, brand, queues, agents, CONTACTS, identities, CASES]);
  await step(`${MENTIONS.toLocaleString("en")} mentions`, `INSERT INTO "Mention" ("id","workspaceId","network","externalId","brandId","authorId","text","postedAt","sentiment","intent","influence")
    SELECT 'm' || g, $1, (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", 'ext' || g, $2, 'si' || (1 + (g * 7) % $3::int),
      ($4::text[])[1 + g % array_length($4::text[], 1)], now() - (g * interval '3 seconds'), (ARRAY['NEGATIVE','NEUTRAL','POSITIVE','NEGATIVE'])[1 + g % 4]::"Sentiment",
      (ARRAY['COMPLAINT','QUESTION','PRAISE','OTHER'])[1 + g % 4]::"Intent", g % 100
    FROM generate_series(1, $5::int) g`, [ws, brand, identities, texts, MENTIONS]);
  await step("case messages", `INSERT INTO "CaseMessage" ("id","workspaceId","caseId","kind","mentionId","body","createdAt")
    SELECT 'cm' || g, $1, 'c' || (1 + g % $2::int), 'INBOUND', 'm' || g, '', now() - (g * interval '3 seconds') FROM generate_series(1, $3::int) g`, [ws, CASES, MENTIONS]);
  await step("rule matches", `INSERT INTO "MentionRuleMatch" ("id","workspaceId","mentionId","ruleId","spans")
    SELECT 'rm' || g, $1, 'm' || g, $2, '[[0, 9]]'::jsonb FROM generate_series(1, $3::int) g`, [ws, rule, MENTIONS]);
  await step("cases' search text", `UPDATE "Case" c SET "searchText" = right(c."subject" || ' ' || x."t", 20000)
    FROM (SELECT cm."caseId", string_agg(m."text", ' ') AS "t" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId" WHERE cm."workspaceId" = $1 GROUP BY 1) x
    WHERE x."caseId" = c."id"`, [ws]);
  await step("full-text indexes", `CREATE INDEX "Case_search_idx" ON "Case" USING GIN ("searchVector");
    CREATE INDEX "Contact_name_fts_idx" ON "Contact" USING GIN (to_tsvector('simple', "name"))`);
  await step("ANALYZE", "ANALYZE");
  await client.query(`UPDATE "Workspace" SET "caseCounter" = $2 WHERE "id" = $1`, [ws, CASES]);
  return (performance.now() - t0) / 1000;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function time(fn: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 3; i++) await fn(); // warm
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: Number(pct(t, 50).toFixed(1)), p95: Number(pct(t, 95).toFixed(1)) };
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `earshot_inbox_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const results: Array<Record<string, unknown>> = [];
  try {
    await applyMigrations(url.toString());
    const ws = await db().workspace.create({ data: { slug: "bench", name: "Bench" } });
    const agents = [];
    for (let i = 0; i < 5; i++) {
      const u = await db().user.create({ data: { email: `agent${i}-${name}@bench.example`, name: `Agent ${i}`, passwordHash: "x" } });
      await db().membership.create({ data: { workspaceId: ws.id, userId: u.id, role: "AGENT" } });
      agents.push(u.id);
    }
    const queues = [];
    for (const q of ["Social care", "Baggage", "Refunds", "VIP"]) queues.push((await db().queue.create({ data: { workspaceId: ws.id, name: q } })).id);
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    const rule = await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    console.log(`Generating into ${name}:`);
    const seconds = await generate(client, ws.id, agents, queues, brand.id, rule.id);
    await client.end();
    console.log(`Generated in ${seconds.toFixed(0)} s.\n`);

    const me = agents[1];
    const views = ["mine", "unassigned", "vip", "negative", "sla_risk", "sla_breached", "all", `queue:${queues[1]}`];
    for (const view of views) {
      const q = parseInboxQuery({ view });
      const rows = (await listInbox(ws.id, me, q)).rows.length;
      results.push({ what: `view ${view.startsWith("queue:") ? "queue Baggage" : view}, first page`, rows, ...(await time(() => listInbox(ws.id, me, q))) });
    }
    // A deep page: the 40th page of All (keyset: as cheap as the first).
    let cursor: string | null = null;
    for (let i = 0; i < 40; i++) cursor = (await listInbox(ws.id, me, parseInboxQuery({ view: "all", ...(cursor ? { after: cursor } : {}) }))).next;
    const deep = parseInboxQuery({ view: "all", after: cursor! });
    results.push({ what: "view all, page 41 (keyset)", rows: (await listInbox(ws.id, me, deep)).rows.length, ...(await time(() => listInbox(ws.id, me, deep))) });
    results.push({ what: "filters: open + negative + x + HIGH", rows: (await listInbox(ws.id, me, parseInboxQuery({ view: "all", status: "OPEN", sentiment: "NEGATIVE", network: "x", priority: "HIGH" }))).rows.length, ...(await time(() => listInbox(ws.id, me, parseInboxQuery({ view: "all", status: "OPEN", sentiment: "NEGATIVE", network: "x", priority: "HIGH" })))) });
    for (const term of ["refund", "lost bag", "cancelled flight", "Okafor"]) {
      const q = parseInboxQuery({ view: "all", q: term });
      results.push({ what: `search "${term}"`, rows: (await listInbox(ws.id, me, q)).rows.length, ...(await time(() => listInbox(ws.id, me, q))) });
    }
    results.push({ what: "view counts (all views, one statement)", rows: "-", ...(await time(() => viewCounts(ws.id, me))) });
    // As the page does: filter options (with the queues), view counts, the page, the version.
    const page = async () => {
      const options = await inboxOptions(ws.id);
      const counts = await viewCounts(ws.id, me, new Date(), options.queues);
      const q = parseInboxQuery({ view: counts.mine > 0 ? "mine" : "unassigned" });
      await Promise.all([listInbox(ws.id, me, q), inboxVersion(ws.id)]);
    };
    results.push({ what: "inbox page: everything it loads", rows: 50, ...(await time(page)) });
    results.push({ what: "live version check", rows: "-", ...(await time(() => inboxVersion(ws.id))) });
  } finally {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log(`bench:inbox — ${MENTIONS.toLocaleString("en")} mentions, ${CASES.toLocaleString("en")} cases, ${CONTACTS.toLocaleString("en")} contacts; PostgreSQL at 127.0.0.1; ms over ${RUNS} runs after warm-up`);
  console.table(results);
  // Views: the first page of each, and a deep page. (Counts and filters are in the page figure.)
  const views = results.filter((r) => /^view .*(first page|keyset)/.test(String(r.what)));
  const search = results.filter((r) => String(r.what).startsWith("search"));
  const pageRow = results.find((r) => String(r.what).startsWith("inbox page"))!;
  const worst = (rows: Array<Record<string, unknown>>) => Math.max(...rows.map((r) => r.p95 as number));
  console.log(`${worst(views) <= 50 ? "PASS" : "FAIL"}  views p95 ≤ 50 ms: worst ${worst(views)} ms`);
  console.log(`${worst(search) <= 200 ? "PASS" : "FAIL"}  search p95 ≤ 200 ms: worst ${worst(search)} ms`);
  console.log(`${(pageRow.p95 as number) <= 150 ? "PASS" : "FAIL"}  inbox page data p95 ≤ 150 ms: ${pageRow.p95} ms`);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
