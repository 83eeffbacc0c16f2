// npm run bench:rescore: re-scoring a workspace with its learned sentiment model, the way
// `earshot sentiment rescore` does it (page after page of rescorePage, progress after each),
// over BENCH_MENTIONS (default 50,000) mentions in a fresh PostgreSQL database (127.0.0.1:5432,
// or BENCH_DATABASE_URL; BENCH_PGLITE=1: the embedded PGlite the console opens by default). The mentions sit in cases (five to a case), have authors, and their
// rollups are applied, as in a workspace that has been running, and other workspaces' mentions
// share the table: re-scoring pays for what it changes and for finding its pages.
import { randomBytes } from "node:crypto";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { startPgliteServer } from "../lib/db/pglite-server";
import { applyMigrations } from "../lib/db/schema-engine";
import { db, disconnectDb } from "../lib/db/client";
import { learn } from "../lib/enrich/learn/store";
import { rescorePage } from "../lib/enrich/learn/rescore";
import { parseCsvRecords } from "../lib/util/csv";
import { createRandom } from "../lib/demo/random";
import { SHARED_DIR } from "./bench/shared-data";

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 50_000);
/** Mentions of other workspaces in the same database (their ids interleave with this one's). */
const OTHERS = Number(process.env.BENCH_OTHER_MENTIONS ?? MENTIONS * 4);
const PER_CASE = 5;
const AUTHORS = Number(process.env.BENCH_AUTHORS ?? Math.max(1, Math.round(MENTIONS / 10)));
const DAYS = 60;
const TARGET = 2_000;

type Label = "POSITIVE" | "NEUTRAL" | "NEGATIVE";

/** Labelled airline tweets from ../shared when present (read there, never copied), else generated ones. */
function labelledTexts(): { source: string; examples: Array<{ text: string; label: Label }> } {
  const file = path.join(SHARED_DIR, "data/airline/tweets-dev.csv");
  if (existsSync(file)) {
    const examples = parseCsvRecords(readFileSync(file, "utf8")).flatMap(({ record }) => {
      const label = record.airline_sentiment?.toUpperCase();
      return record.text && (label === "POSITIVE" || label === "NEUTRAL" || label === "NEGATIVE")
        ? [{ text: record.text, label: label as Label }]
        : [];
    });
    return { source: "airline tweets", examples };
  }
  const rnd = createRandom(11);
  const kinds: Array<[Label, string[]]> = [
    ["NEGATIVE", ["delayed again", "lost my bag", "worst service", "still waiting for a refund"]],
    ["NEUTRAL", ["what time does the gate open", "is there wifi on board", "flight 212 to Boston"]],
    ["POSITIVE", ["great crew, thanks", "lovely flight", "upgrade made my day"]],
  ];
  const examples = Array.from({ length: 3000 }, (_, i) => {
    const [label, phrases] = kinds[i % 3];
    return { text: `@airline ${rnd.pick(phrases)} ${rnd.pick(phrases)}`, label };
  });
  return { source: "generated texts", examples };
}

/**
 * The workspace: mentions (all NEUTRAL, as before a model existed) by AUTHORS authors over the
 * last DAYS days, five to a case, rollups applied, and a learned model; beside it, other
 * workspaces' mentions.
 */
async function seed(
  url: string,
  examples: Array<{ text: string; label: Label }>,
): Promise<{ workspaceId: string; seedSeconds: number }> {
  const started = performance.now();
  const ws = await db().workspace.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name: "Bench" } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Airlines" } });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const texts = examples.map((e) => e.text);
    const cases = Math.ceil(MENTIONS / PER_CASE);
    await client.query(
      `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","followers","updatedAt")
       SELECT 'si' || g, $1, 'x', 'acct' || g, 'user' || g, g * 7 % 50000, now() FROM generate_series(1, $2::int) g`,
      [ws.id, AUTHORS],
    );
    await client.query(
      `INSERT INTO "Case" ("id","workspaceId","number","subject","status","brandId","lastActivityAt","lastInboundAt","network","sentiment","searchText","updatedAt")
       SELECT 'c' || g, $1, g, 'case ' || g, 'OPEN', $2, now() - g * interval '1 minute', now() - g * interval '1 minute', 'x', 'NEUTRAL', 'case ' || g, now()
       FROM generate_series(1, $3::int) g`,
      [ws.id, brand.id, cases],
    );
    await client.query(
      `INSERT INTO "Mention" ("id","workspaceId","network","externalId","brandId","authorId","text","language","postedAt","sentiment","sentimentScore","sentimentConfidence","intent","influence")
       SELECT 'm' || g, $1, 'x', 'ext' || g, $2, 'si' || (1 + g % $5::int), ($3::text[])[1 + g % array_length($3::text[], 1)], 'en',
         now() - (g::float8 / $4::int) * $6::int * interval '1 day', 'NEUTRAL', 0, 0.5, 'OTHER', g % 100
       FROM generate_series(1, $4::int) g`,
      [ws.id, brand.id, texts, MENTIONS, AUTHORS, DAYS],
    );
    const other = await db().workspace.create({
      data: { slug: `bench-other-${randomBytes(4).toString("hex")}`, name: "Other tenants" },
    });
    for (let from = 1; from <= OTHERS; from += 50_000) {
      await client.query(
        `INSERT INTO "Mention" ("id","workspaceId","network","externalId","text","language","postedAt","sentiment")
         SELECT 'm' || g || 'o', $1, 'x', 'o' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], 'en', now() - g * interval '1 minute', 'NEUTRAL'
         FROM generate_series($3::int, $4::int) g`,
        [other.id, texts, from, Math.min(OTHERS, from + 49_999)],
      );
    }
    await client.query(
      `INSERT INTO "CaseMessage" ("id","workspaceId","caseId","kind","mentionId","body","createdAt")
       SELECT 'cm' || g, $1, 'c' || (1 + (g - 1) / $2::int), 'INBOUND', 'm' || g, '', now() - g * interval '10 seconds' FROM generate_series(1, $3::int) g`,
      [ws.id, PER_CASE, MENTIONS],
    );
    // As the metrics worker would have done by now: terms and authors applied, the queue empty.
    await client.query(`SELECT earshot_rebuild_mention_stats($1)`, [ws.id]);
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  for (let i = 0; i < examples.length; i += 500) await learn(ws.id, examples.slice(i, i + 500), "import", null);
  return { workspaceId: ws.id, seedSeconds: (performance.now() - started) / 1000 };
}

/** Seeds, then re-scores as the CLI does; returns what to print. */
async function run(url: string): Promise<{ rate: number; done: number }> {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const { source, examples } = labelledTexts();
  const { workspaceId, seedSeconds } = await seed(url, examples);

  // The CLI's loop (scripts/earshot.ts, `sentiment rescore`): a page, its progress, the next.
  const started = performance.now();
  let cursor: string | null = null;
  let pages = 0;
  let progress: Awaited<ReturnType<typeof rescorePage>>;
  do {
    progress = await rescorePage(workspaceId, cursor);
    cursor = progress.cursor;
    pages++;
    if (process.env.BENCH_PROGRESS) process.stderr.write(`rescored ${progress.done}/${progress.total}\n`);
  } while (cursor);
  const seconds = (performance.now() - started) / 1000;

  const bySentiment = await db().mention.groupBy({ by: ["sentiment"], where: { workspaceId }, _count: { _all: true } });
  const caseSentiments = await db().case.groupBy({ by: ["sentiment"], where: { workspaceId }, _count: { _all: true } });
  await disconnectDb();
  const rate = Math.round(progress.done / seconds);
  console.log(
    `bench:rescore — ${MENTIONS.toLocaleString("en")} mentions (${source}) by ${AUTHORS.toLocaleString("en")} authors over ${DAYS} days, ${PER_CASE} to a case, beside ${OTHERS.toLocaleString("en")} of other workspaces; Node ${process.version}, ${process.env.BENCH_PGLITE ? "embedded PGlite" : `PostgreSQL at ${new URL(url).host}`}`,
  );
  console.table([
    {
      mentions: progress.done,
      total_reported: progress.total,
      pages,
      seed_s: Math.round(seedSeconds * 10) / 10,
      rescore_s: Math.round(seconds * 100) / 100,
      mentions_per_s: rate,
    },
  ]);
  console.log("mentions by sentiment after:", Object.fromEntries(bySentiment.map((r) => [r.sentiment, r._count._all])));
  console.log("cases by sentiment after:", Object.fromEntries(caseSentiments.map((r) => [r.sentiment, r._count._all])));
  return { rate, done: progress.done };
}

async function main() {
  let result: { rate: number; done: number };
  if (process.env.BENCH_PGLITE) {
    // The console's embedded database, as `npm start` opens it without DATABASE_URL.
    const lite = new PGlite();
    const server = await startPgliteServer(lite);
    try {
      result = await run(server.url);
    } finally {
      await server.stop();
      await lite.close();
    }
  } else {
    const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `earshot_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(server);
      url.pathname = `/${name}`;
      result = await run(url.toString());
    } finally {
      if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  const checks = [
    [`every mention re-scored`, result.done === MENTIONS, `${result.done}/${MENTIONS}`],
    [
      `≥ ${TARGET.toLocaleString("en")} mentions/s`,
      result.rate >= TARGET,
      `${result.rate.toLocaleString("en")} mentions/s`,
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
