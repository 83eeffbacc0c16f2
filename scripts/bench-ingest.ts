// npm run bench:ingest: synthetic posts in X API v2 stream format through the whole pipeline
// (parse, match 1,000 rules, dedupe, enrich, link authors, store) into PostgreSQL and into
// embedded PGlite; in the same run, a plain bulk INSERT of the same rows (the physical limit).
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { startPgliteServer } from "../lib/db/pglite-server";
import { applyMigrations } from "../lib/db/schema-engine";
import { db, disconnectDb } from "../lib/db/client";
import { parseX } from "../lib/ingest/formats/x";
import { ingestEvents } from "../lib/ingest/pipeline";
import { sql, unnestColumns, type Cast } from "../lib/db/sql";
import { createRandom } from "../lib/demo/random";
import { airlineTweets } from "./bench/shared-data";

const N = Number(process.env.BENCH_POSTS ?? 20_000);
const BATCH = 2000;
const rnd = createRandom(7);
const AIRLINES = ["united", "delta", "jetblue", "southwest", "usairways", "americanair", "virginamerica"];
const texts =
  airlineTweets() ??
  Array.from({ length: 3000 }, () => `@${rnd.pick(AIRLINES)} my flight is delayed again, waiting for hours`);

function xStream(n: number, idBase: bigint): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(idBase + BigInt(i));
    const user = `u${i % 5000}`;
    lines.push(
      JSON.stringify({
        data: {
          id,
          author_id: user,
          conversation_id: id,
          created_at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
          text: texts[i % texts.length],
          lang: "en",
          public_metrics: { retweet_count: 0, reply_count: 0, like_count: i % 7, quote_count: 0 },
        },
        includes: {
          users: [
            {
              id: user,
              username: `user_${user}`,
              name: `User ${user}`,
              public_metrics: { followers_count: ((i % 5000) * 37) % 20000 },
              verified: false,
            },
          ],
        },
        matching_rules: [{ id: "1377649934414049282", tag: null }],
      }),
    );
  }
  return lines.join("\n");
}

async function setupWorkspace(): Promise<string> {
  const ws = await db().workspace.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name: "Bench" } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Airlines" } });
  const rules = AIRLINES.map((a) => ({ workspaceId: ws.id, brandId: brand.id, name: a, query: `${a} OR @${a}` }));
  for (let i = rules.length; i < 1000; i++) {
    rules.push({
      workspaceId: ws.id,
      brandId: brand.id,
      name: `r${i}`,
      query: `brand${i} AND (refund* OR "lost bag" OR delay*) -job*`,
    });
  }
  await db().keywordRule.createMany({ data: rules });
  return ws.id;
}

/** The same rows the pipeline stores (every column, raw payload included), bulk-inserted with nothing else. */
async function plainInsert(url: string, workspaceId: string, stream: string): Promise<number> {
  const mentions = parseX(stream).events.flatMap((e) => (e.kind === "upsert" ? [e.mention] : []));
  const rows = mentions.map((m) => [
    randomUUID(),
    workspaceId,
    m.network,
    m.externalId,
    null,
    null,
    null,
    m.url ?? null,
    m.title ?? null,
    m.text,
    m.lang ?? null,
    m.createdAt,
    new Date(),
    JSON.stringify(m.metrics),
    "NEGATIVE",
    -0.5,
    0.7,
    "COMPLAINT",
    50,
    false,
    m.threadKey ?? null,
    m.inReplyToId ?? null,
    false,
    JSON.stringify(m.raw),
  ]);
  const casts: Cast[] = [
    "text",
    "text",
    '"Network"',
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "timestamptz",
    "timestamptz",
    "jsonb",
    '"Sentiment"',
    "float8",
    "float8",
    '"Intent"',
    "int",
    "boolean",
    "text",
    "text",
    "boolean",
    "jsonb",
  ];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    // The statement's text and values, sent through the plain driver (no Prisma in the baseline).
    const statement = sql`INSERT INTO "Mention" ("id","workspaceId","network","externalId","sourceId","brandId","authorId","url","title","text","language","postedAt","ingestedAt","metrics","sentiment","sentimentScore","sentimentConfidence","intent","influence","directReach","threadKey","inReplyToId","edited","raw") SELECT * FROM ${unnestColumns(rows.slice(i, i + BATCH), casts)}`;
    await client.query(statement.text, statement.values);
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return rows.length / seconds;
}

async function run(label: string, url: string) {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const workspaceId = await setupWorkspace();
  const stream = xStream(N, 1_800_000_000_000_000_000n);
  const start = performance.now();
  const parsed = parseX(stream);
  const summary = await ingestEvents(workspaceId, parsed, {
    batchSize: BATCH,
    routeCases: process.env.BENCH_ROUTE !== "0",
  });
  const seconds = (performance.now() - start) / 1000;
  const before = await db().mention.count({ where: { workspaceId } });
  const replayStart = performance.now();
  const replay = await ingestEvents(workspaceId, parseX(stream), { batchSize: BATCH });
  const replaySeconds = (performance.now() - replayStart) / 1000;
  const after = await db().mention.count({ where: { workspaceId } });
  const plainWs = (
    await db().workspace.create({ data: { slug: `plain-${randomBytes(4).toString("hex")}`, name: "Plain" } })
  ).id;
  const plain = await plainInsert(url, plainWs, stream);
  await disconnectDb();
  return {
    database: label,
    posts: N,
    accepted: summary.accepted,
    matched: summary.matched,
    pipeline_posts_per_s: Math.round(N / seconds),
    plain_insert_rows_per_s: Math.round(plain),
    pipeline_vs_plain: `${Math.round((N / seconds / plain) * 100)}%`,
    replay_added_rows: after - before,
    replay_duplicates: replay.duplicates,
    replay_posts_per_s: Math.round(N / replaySeconds),
  };
}

async function main() {
  const results = [];
  const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `earshot_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(server);
    url.pathname = `/${name}`;
    results.push(await run("PostgreSQL 15 (127.0.0.1)", url.toString()));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (!process.env.BENCH_SKIP_PGLITE) {
    const lite = new PGlite();
    const liteServer = await startPgliteServer(lite);
    results.push(await run("embedded PGlite", liteServer.url));
    await liteServer.stop();
    await lite.close();
  }

  console.log(
    `bench:ingest — ${N} X v2 stream posts, 1,000 active rules, batches of ${BATCH}, Node ${process.version}, ${texts.length === 3001 ? "airline tweet texts" : "generated texts"}`,
  );
  console.table(results);
  const pgResult = results[0];
  const checks = [
    [
      `≥ 5,000 posts/s into PostgreSQL`,
      pgResult.pipeline_posts_per_s >= 5000,
      `${pgResult.pipeline_posts_per_s} posts/s`,
    ],
    [
      `≥ 30% of the plain INSERT rate`,
      pgResult.pipeline_posts_per_s / pgResult.plain_insert_rows_per_s >= 0.3,
      pgResult.pipeline_vs_plain,
    ],
    [
      `replaying the batch adds no rows`,
      results.every((r) => r.replay_added_rows === 0),
      results.map((r) => r.replay_added_rows).join(", "),
    ],
  ] as const;
  for (const [label, ok, value] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}: ${value}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
