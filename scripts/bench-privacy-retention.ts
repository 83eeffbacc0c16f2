// npm run bench:privacy-retention: a retention pass over 1,000,000 mentions posted over a year,
// in a fresh PostgreSQL database on BENCH_DATABASE_URL's server, with raw payloads kept 30 days
// and mentions outside cases 90 days. Generated in SQL (as bench:inbox does): a quarter of the
// posts are in cases, every post has a raw payload of the size a network sends, half match a
// keyword rule. Measured: the dry run, the run (per kind: rows, batches, the longest batch, which
// is the longest any row lock was held), a concurrent writer editing old posts throughout (how
// long it ever waited), a rerun (nothing to do), and the dashboard totals before and after.
// BENCH_MENTIONS changes the size; BENCH_KEEP=1 keeps the database.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { benchWorkspace, step, withBenchDatabase } from "./bench/inbox-dataset";
import { airlineTweets } from "./bench/shared-data";
import { db } from "../lib/db/client";
import { setPrivacySettings } from "../lib/privacy/settings-store";
import { DEFAULT_PRIVACY_SETTINGS, RETENTION_KINDS, type RetentionReport } from "../lib/privacy/settings";
import { runRetention } from "../lib/privacy/retention";
import { listeningMetrics } from "../lib/metrics/listening";
import { makePeriod, lastDays } from "../lib/metrics/period";

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
const YEAR_S = 365 * 86_400;
const IDENTITIES = Math.round(MENTIONS * 0.15);
const CONTACTS = Math.round(MENTIONS * 0.1);
/** Every fourth post is in a case, three to a case. */
const CASES = Math.floor(MENTIONS / 12);
const LABELS = 5_000;
const RAW_DAYS = 30;
const UNMATCHED_DAYS = 90;

async function generate(client: pg.Client, ws: string, brand: string, rule: string): Promise<number> {
  const texts = (
    airlineTweets() ?? Array.from({ length: 3000 }, (_, i) => `Northwind lost my bag again, flight ${i} delayed`)
  ).map((t) => t.replace(/\u0000/g, ""));
  const t0 = performance.now();
  await client.query(`ALTER TABLE "Mention" DISABLE TRIGGER USER; ALTER TABLE "MentionRuleMatch" DISABLE TRIGGER USER`);
  await step(
    client,
    `${CONTACTS.toLocaleString("en")} contacts`,
    `INSERT INTO "Contact" ("id","workspaceId","name","emails","createdAt","updatedAt")
     SELECT 'ct' || g, $1, 'Person ' || g, ARRAY['p' || g || '@mail.example'], now() - interval '400 days', now() - interval '400 days'
     FROM generate_series(1, $2::int) g`,
    [ws, CONTACTS],
  );
  await step(
    client,
    `${IDENTITIES.toLocaleString("en")} identities`,
    `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","followers","bio","contactId","createdAt","updatedAt")
     SELECT 'si' || g, $1, 'x', 'acct' || g, 'user' || g, 'User ' || g, (g * 37) % 50000, 'Travels a lot. Opinions my own. ' || g,
       CASE WHEN g % 3 <> 0 THEN 'ct' || (1 + g % $2::int) END, now() - interval '400 days', now() - interval '400 days'
     FROM generate_series(1, $3::int) g`,
    [ws, CONTACTS, IDENTITIES],
  );
  // Post g was posted g/N of a year ago; its raw payload is what a network's API returns for it.
  await step(
    client,
    `${MENTIONS.toLocaleString("en")} mentions over a year, with raw payloads`,
    `INSERT INTO "Mention" ("id","workspaceId","network","externalId","brandId","authorId","text","title","url","postedAt",
       "sentiment","intent","influence","previousTexts","threadKey","raw","ingestedAt")
     SELECT 'm' || g, $1, (ARRAY['x','bluesky','mastodon','reddit','facebook','instagram','youtube'])[1 + g % 7]::"Network", 'ext' || g, $2,
       'si' || a, t, CASE WHEN g % 5 = 0 THEN 'About Northwind ' || g END, 'https://social.example/p/' || g, at,
       (ARRAY['NEGATIVE','NEUTRAL','POSITIVE','NEGATIVE'])[1 + g % 4]::"Sentiment", (ARRAY['COMPLAINT','QUESTION','PRAISE','OTHER'])[1 + g % 4]::"Intent",
       g % 100, CASE WHEN g % 20 = 0 THEN jsonb_build_array('earlier: ' || t) ELSE '[]'::jsonb END, 'thread' || (g / 3),
       jsonb_build_object('id', 'ext' || g, 'text', t, 'created_at', at, 'lang', 'en', 'source', '<a href="https://client.example">Client</a>',
         'user', jsonb_build_object('id', 'acct' || a, 'screen_name', 'user' || a, 'name', 'User ' || a,
           'description', 'Travels a lot. Opinions my own. ' || a, 'followers_count', (a * 37) % 50000, 'location', 'Lisbon'),
         'entities', jsonb_build_object('hashtags', '[]'::jsonb, 'urls', jsonb_build_array('https://social.example/p/' || g), 'user_mentions', '[]'::jsonb),
         'public_metrics', jsonb_build_object('retweet_count', g % 7, 'reply_count', g % 3, 'like_count', g % 11)), at
     FROM (SELECT g, 1 + (g * 7) % $3::int AS a, ($4::text[])[1 + g % array_length($4::text[], 1)] AS t,
             now() - (g * ($5::float8 / $6::int)) * interval '1 second' AS at
           FROM generate_series(1, $6::int) g) x`,
    [ws, brand, IDENTITIES, texts, YEAR_S, MENTIONS],
  );
  await step(
    client,
    `${CASES.toLocaleString("en")} cases`,
    `INSERT INTO "Case" ("id","workspaceId","number","subject","status","brandId","authorId","network","lastActivityAt","solvedAt","createdAt","updatedAt")
     SELECT 'c' || c, $1, c, 'Case ' || c, (ARRAY['OPEN','PENDING','SOLVED','SOLVED','CLOSED'])[1 + c % 5]::"CaseStatus", $2, 'si' || (1 + c % $3::int), 'x',
       now() - ((12 * c) * ($4::float8 / $5::int)) * interval '1 second', NULL,
       now() - ((12 * c + 11) * ($4::float8 / $5::int)) * interval '1 second', now() - ((12 * c) * ($4::float8 / $5::int)) * interval '1 second'
     FROM generate_series(1, $6::int) c`,
    [ws, brand, IDENTITIES, YEAR_S, MENTIONS, CASES],
  );
  await step(
    client,
    "case messages (every fourth post)",
    `INSERT INTO "CaseMessage" ("id","workspaceId","caseId","kind","mentionId","body","createdAt")
     SELECT 'cm' || m.g, $1, 'c' || (1 + (m.g - 1) / 12), 'INBOUND', 'm' || m.g, x."text", x."postedAt"
     FROM generate_series(4, $2::int, 4) m(g) JOIN "Mention" x ON x."id" = 'm' || m.g
     WHERE (m.g - 1) / 12 < $3::int`,
    [ws, MENTIONS, CASES],
  );
  await step(
    client,
    "rule matches (every other post)",
    `INSERT INTO "MentionRuleMatch" ("id","workspaceId","mentionId","ruleId","spans")
     SELECT 'rm' || g, $1, 'm' || g, $2, '[[0, 9]]'::jsonb FROM generate_series(2, $3::int, 2) g`,
    [ws, rule, MENTIONS],
  );
  await step(
    client,
    `${LABELS.toLocaleString("en")} sentiment corrections`,
    `INSERT INTO "SentimentLabel" ("id","workspaceId","text","label","origin","mentionId")
     SELECT 'sl' || g, $1, 'correction ' || g, 'NEGATIVE', 'correction', 'm' || (g * ($2::int / $3::int) - 1) FROM generate_series(1, $3::int) g`,
    [ws, MENTIONS, LABELS],
  );
  await client.query(
    `INSERT INTO "SentimentModel" ("id","workspaceId","version","examples","state") VALUES ('sm1', $1, 1, 0, '{}')`,
    [ws],
  );
  await client.query(`ALTER TABLE "Mention" ENABLE TRIGGER USER; ALTER TABLE "MentionRuleMatch" ENABLE TRIGGER USER`);
  await step(client, "dashboard rollups (terms, authors, rules, hours)", `SELECT earshot_rebuild_mention_stats($1)`, [
    ws,
  ]);
  await step(client, "VACUUM ANALYZE", "VACUUM ANALYZE");
  return (performance.now() - t0) / 1000;
}

/**
 * A writer beside the job: edits a random old post (the ingestion of an edit: the row, its terms,
 * the author epoch) every few milliseconds, each in its own transaction, and records how long
 * each took. One that meets a batch's locks waits for that batch to commit, no longer.
 */
function startProbe(url: string) {
  const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
  const waits: number[] = [];
  let stop = false;
  const oldest = Math.floor(MENTIONS * (RAW_DAYS / 365));
  const done = (async () => {
    await client.connect();
    while (!stop) {
      const g = oldest + Math.floor(Math.random() * (MENTIONS - oldest));
      const t = performance.now();
      await client.query(`UPDATE "Mention" SET "text" = "text" || ' ' WHERE "id" = $1 AND "redactedAt" IS NULL`, [
        `m${g}`,
      ]);
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      stop = true;
      await done;
      return waits;
    },
  };
}

const ms = (x: number) => `${x.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

function printReport(title: string, r: RetentionReport) {
  console.log(`\n${title}`);
  console.table(
    Object.fromEntries(
      RETENTION_KINDS.map((k) => [
        k,
        {
          matched: r.kinds[k].matched,
          done: r.kinds[k].done,
          batches: r.kinds[k].batches,
          "longest batch (ms)": r.kinds[k].longestBatchMs,
        },
      ]),
    ),
  );
}

async function main() {
  await withBenchDatabase(
    "earshot_retention",
    async (url, name) => {
      const { ws, agents, brand, rule } = await benchWorkspace(name);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      console.log(`Generating into ${name}:`);
      const seconds = await generate(client, ws.id, brand.id, rule.id);
      await client.end();
      console.log(`Generated in ${seconds.toFixed(0)} s.`);

      await setPrivacySettings(ws.id, agents[0], {
        ...DEFAULT_PRIVACY_SETTINGS,
        retention: {
          ...DEFAULT_PRIVACY_SETTINGS.retention,
          rawPayloadDays: RAW_DAYS,
          unmatchedMentionsDays: UNMATCHED_DAYS,
        },
      });
      const period = makePeriod(lastDays(366, "UTC"), "UTC");
      const before = await listeningMetrics(ws.id, period, {}, "rollup", { authors: false });

      // One clock for every run, so that nothing crosses a cutoff between the dry run and the runs.
      const now = new Date();
      const preview = await runRetention(ws.id, { now, dryRun: true, trigger: "cli" });
      printReport(`Dry run (counts only): ${ms(preview.durationMs)}`, preview);

      const probe = startProbe(url);
      const run = await runRetention(ws.id, { now, trigger: "cli" });
      const waits = await probe.stop();
      printReport(`Run: ${ms(run.durationMs)}`, run);

      const rerun = await runRetention(ws.id, { now, trigger: "cli" });
      const third = await runRetention(ws.id, { now, trigger: "cli" });
      const after = await listeningMetrics(ws.id, period, {}, "rollup", { authors: false });
      const [{ raw, anonymised }] = await db().$queryRaw<Array<{ raw: number; anonymised: number }>>`
        SELECT count(*) FILTER (WHERE "raw" IS NOT NULL)::int AS raw, count(*) FILTER (WHERE "redactedAt" IS NOT NULL)::int AS anonymised
        FROM "Mention" WHERE "workspaceId" = ${ws.id}`;

      const rows =
        RETENTION_KINDS.reduce((n, k) => n + run.kinds[k].done, 0) +
        run.alongside.caseMentions +
        run.alongside.caseMessages;
      const sameTotals =
        JSON.stringify([before.total, before.buckets, before.byNetwork, before.sentiment, before.byRule]) ===
        JSON.stringify([after.total, after.buckets, after.byNetwork, after.sentiment, after.byRule]);
      console.log(
        `\nbench:privacy-retention — ${MENTIONS.toLocaleString("en")} mentions over 365 days (${CASES.toLocaleString("en")} cases, ` +
          `${IDENTITIES.toLocaleString("en")} profiles); rawPayloadDays=${RAW_DAYS}, unmatchedMentionsDays=${UNMATCHED_DAYS}; batches of 2,000 rows (500 anonymised mentions); PostgreSQL at 127.0.0.1`,
      );
      console.table({
        "dry run (plan: counts per kind)": { value: ms(preview.durationMs) },
        "retention pass: total time": { value: ms(run.durationMs) },
        "rows changed or deleted": { value: rows.toLocaleString("en") },
        "rows/s": { value: Math.round(rows / (run.durationMs / 1000)).toLocaleString("en") },
        "longest batch (= longest lock held)": { value: ms(run.longestBatchMs) },
        "concurrent edits of old posts during the run": { value: waits.length.toLocaleString("en") },
        "  their p50 / p99 / max": {
          value: `${ms(pct(waits, 0.5))} / ${ms(pct(waits, 0.99))} / ${ms(Math.max(...waits))}`,
        },
        "next run (only rows skipped while locked)": { value: ms(rerun.durationMs) },
        "a run with nothing due": { value: ms(third.durationMs) },
        "empty dashboard rows removed": { value: run.alongside.emptyRollupRows.toLocaleString("en") },
        "mentions anonymised / still with raw payload": {
          value: `${anonymised.toLocaleString("en")} / ${raw.toLocaleString("en")}`,
        },
        "dashboard totals for the year unchanged": { value: sameTotals ? "yes" : "NO" },
      });
      // Rows the writer held when a batch came by were skipped (SKIP LOCKED), not waited for: the
      // next run takes them. Together the two runs did exactly what the dry run counted.
      const skipped = RETENTION_KINDS.reduce((n, k) => n + preview.kinds[k].matched - run.kinds[k].done, 0);
      const matchedIsDone = RETENTION_KINDS.every(
        (k) => preview.kinds[k].matched === run.kinds[k].done + rerun.kinds[k].done,
      );
      const thirdEmpty = RETENTION_KINDS.every((k) => third.kinds[k].matched === 0 && third.kinds[k].done === 0);
      console.log(`rows skipped while the writer held them, taken by the next run: ${skipped}`);
      console.log(
        `${matchedIsDone ? "PASS" : "FAIL"}  the dry run's counts are what the run (and the next, for skipped rows) did`,
      );
      console.log(`${thirdEmpty ? "PASS" : "FAIL"}  then a run finds nothing to do`);
      console.log(`${sameTotals ? "PASS" : "FAIL"}  mention totals by day, network, sentiment and rule unchanged`);
    },
    process.env.BENCH_KEEP === "1",
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
