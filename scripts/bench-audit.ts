// npm run bench:audit: Admin → Audit log on 1,000,000 audit rows. A fresh PostgreSQL database
// (BENCH_DATABASE_URL's server, default 127.0.0.1:5432) gets one workspace whose audit rows
// are spread over two years, from 20 actors (and the system) doing 40 kinds of action, some
// common, some rare; then everything the viewer page loads is timed, server-side, for the
// first page, a page 500,000 rows down, and each filter alone and combined. Target: p95 ≤ 200 ms.
// Set BENCH_KEEP=1 to keep the database (its URL is printed) to try an index by hand.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { db } from "../lib/db/client";
import { auditLogPage, startAuditExport } from "../lib/audit/viewer";
import { encodeCursor } from "../lib/util/cursor";
import { step, time as timeRuns, withBenchDatabase } from "./bench/inbox-dataset";

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 30));
const ACTORS = 20;
const FAMILIES = ["auth", "member", "contact", "rule", "routing", "reply", "api_key", "account", "privacy", "brand"];
const VERBS = ["created", "updated", "deleted", "viewed"];
// 40 actions: "auth.created" … "brand.viewed" (names only need to be distinct and dotted).
const ACTIONS = FAMILIES.flatMap((f) => VERBS.map((v) => `${f}.${v}`));
const TARGET_TYPES = ["User", "membership", "Contact", "keywordRule", "RoutingRule", "OutboxItem", "apiKey"];
const CONTACTS = 20_000;
const TARGET_LIMIT = 200;

async function generate(client: pg.Client, ws: string, actors: string[]) {
  // Timestamps: evenly over two years ending now, truncated to the second so that many rows
  // share an instant (the keyset's id breaks the ties). Actions are skewed: the first few are
  // common, the last ones rare (action i gets about 1/(i+1) of the weight). One row in 21 has
  // no actor (the system). Contact rows name one of 20,000 contacts.
  const weights = ACTIONS.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const bounds = weights.map((w) => (acc += w / total));
  await step(
    client,
    `${ROWS.toLocaleString("en")} audit rows`,
    `INSERT INTO "AuditLog" ("id","workspaceId","actorUserId","action","targetType","targetId","details","createdAt")
     SELECT 'au' || lpad(g::text, 8, '0'), $1,
       CASE WHEN g % 21 = 0 THEN NULL ELSE ($2::text[])[1 + (g::bigint * 7919) % ${ACTORS}] END,
       ($3::text[])[a.i],
       ($4::text[])[1 + a.i % ${TARGET_TYPES.length}],
       CASE WHEN ($4::text[])[1 + a.i % ${TARGET_TYPES.length}] = 'Contact' THEN 'contact' || ((g * 31) % ${CONTACTS})
            ELSE 'obj' || ((g * 17) % ${TARGET_LIMIT}) END,
       jsonb_build_object('n', g, 'ip', '2001:db8::' || to_hex(g % 65536)),
       date_trunc('second', (now() AT TIME ZONE 'UTC') - interval '730 days' + (g::float8 / $5) * interval '730 days')
     FROM generate_series(1, $5::int) g
     CROSS JOIN LATERAL (
       SELECT coalesce((SELECT min(k) FROM unnest($6::float8[]) WITH ORDINALITY b(x, k)
                        WHERE x >= ((g * 2654435761::bigint) % 1000003) / 1000003.0), ${ACTIONS.length})::int AS i
     ) a`,
    [ws, actors, ACTIONS, TARGET_TYPES, ROWS, bounds],
  );
  // The planner's hard case: an object type with a handful of rows, all two years old (a
  // backwards walk of the time index would read every row before finding them).
  await step(
    client,
    "10 old rows about an SLA policy",
    `INSERT INTO "AuditLog" ("id","workspaceId","actorUserId","action","targetType","targetId","details","createdAt")
     SELECT 'sla' || g, $1, $2, 'routing.updated', 'SlaPolicy', 'sla1', '{}',
       (now() AT TIME ZONE 'UTC') - interval '729 days' + g * interval '1 hour'
     FROM generate_series(1, 10) g`,
    [ws, actors[1]],
  );
  await step(client, "ANALYZE", `ANALYZE "AuditLog"`);
}

async function main() {
  const results: Array<Record<string, unknown>> = [];
  await withBenchDatabase(
    "earshot_audit",
    async (url, name) => {
      const ws = await db().workspace.create({ data: { slug: "bench", name: "Bench", timeZone: "Europe/Berlin" } });
      const actors: string[] = [];
      for (let i = 0; i < ACTORS; i++) {
        const u = await db().user.create({
          data: { email: `actor${i}-${name}@bench.example`, name: `Actor ${i}`, passwordHash: "x" },
        });
        await db().membership.create({ data: { workspaceId: ws.id, userId: u.id, role: i === 0 ? "ADMIN" : "AGENT" } });
        actors.push(u.id);
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      console.log(`Generating into ${name}:`);
      const t0 = performance.now();
      await generate(client, ws.id, actors);
      console.log(`Generated in ${((performance.now() - t0) / 1000).toFixed(0)} s.\n`);

      const deep = await client.query<{ createdAt: Date; id: string }>(
        `SELECT "createdAt", "id" FROM "AuditLog" WHERE "workspaceId" = $1
         ORDER BY "createdAt" DESC, "id" DESC OFFSET $2 LIMIT 1`,
        [ws.id, Math.floor(ROWS / 2) - 1],
      );
      const range = await client.query<{ from: string; to: string }>(
        `SELECT to_char(min("createdAt") + interval '350 days', 'YYYY-MM-DD') AS "from",
                to_char(min("createdAt") + interval '380 days', 'YYYY-MM-DD') AS "to"
         FROM "AuditLog" WHERE "workspaceId" = $1`,
        [ws.id],
      );
      const counts = await client.query<{ action: string; n: number }>(
        `SELECT "action", count(*)::int AS n FROM "AuditLog" WHERE "workspaceId" = $1 GROUP BY 1 ORDER BY 2 DESC`,
        [ws.id],
      );
      const contact = await client.query<{ id: string }>(
        `SELECT "targetId" AS id FROM "AuditLog" WHERE "workspaceId" = $1 AND "targetType" = 'Contact'
         ORDER BY "id" LIMIT 1`,
        [ws.id],
      );
      await client.end();
      const rare = counts.rows[counts.rows.length - 1];
      const common = counts.rows[0];
      const { from, to } = range.rows[0];
      const deepCursor = encodeCursor({ at: deep.rows[0].createdAt.toISOString().slice(0, 23), id: deep.rows[0].id });
      const cases: Array<[string, Record<string, string>]> = [
        ["first page, unfiltered", {}],
        [`deep page (${(ROWS / 2).toLocaleString("en")} rows down)`, { after: deepCursor }],
        ["actor", { actor: actors[3] }],
        ["actor: system", { actor: "system" }],
        [`action, common (${common.action}, ${common.n.toLocaleString("en")} rows)`, { action: common.action }],
        [`action, rare (${rare.action}, ${rare.n.toLocaleString("en")} rows)`, { action: rare.action }],
        ["action family (privacy.)", { action: "privacy." }],
        ["object: a contact", { objectType: "contact", objectId: contact.rows[0].id }],
        ["object type only (Contact)", { objectType: "Contact" }],
        ["object type only, 10 rows two years old (SlaPolicy)", { objectType: "SlaPolicy" }],
        [`date range ${from} to ${to}`, { from, to }],
        ["actor + action + range", { actor: actors[5], action: common.action, from, to }],
        ["actor + rare action + range", { actor: actors[5], action: rare.action, from, to }],
        ["actor + action, deep page", { actor: actors[5], action: common.action, after: deepCursor }],
      ];
      for (const [what, params] of cases) {
        const page = await auditLogPage(ws.id, params);
        if (page.problems.length) throw new Error(`${what}: ${page.problems.join(" ")}`);
        results.push({ what, rows: page.rows.length, ...(await timeRuns(() => auditLogPage(ws.id, params), RUNS)) });
      }
      // The CSV export of every row, once: throughput and how much memory it held.
      (globalThis as { gc?: () => void }).gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      let peak = heap0;
      let bytes = 0;
      const s = performance.now();
      const started = await startAuditExport(ws.id, actors[0], {});
      if (!started.ok) throw new Error(started.problems.join(" "));
      // With node --expose-gc (NODE_OPTIONS), garbage is collected before each sample, so the
      // figure is what the export keeps alive, not what the collector has yet to free.
      const gc = (globalThis as { gc?: () => void }).gc;
      for await (const chunk of started.lines) {
        bytes += Buffer.byteLength(chunk);
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      console.log(
        `CSV export of all ${ROWS.toLocaleString("en")} rows: ${((performance.now() - s) / 1000).toFixed(1)} s, ` +
          `${(bytes / 1e6).toFixed(0)} MB, JavaScript heap at most ${((peak - heap0) / 1e6).toFixed(0)} MB above its start${gc ? " (live, after GC)" : " (run with NODE_OPTIONS=--expose-gc for the live figure)"}\n`,
      );
    },
    process.env.BENCH_KEEP === "1",
  );
  console.log(
    `bench:audit — ${ROWS.toLocaleString("en")} audit rows over 2 years, ${ACTORS} actors, ${ACTIONS.length} actions; ` +
      `PostgreSQL at 127.0.0.1; everything the audit page loads; ms over ${RUNS} runs after warm-up`,
  );
  console.table(results);
  const worst = Math.max(...results.map((r) => r.p95 as number));
  console.log(`${worst <= 200 ? "PASS" : "FAIL"}  audit page p95 ≤ 200 ms: worst ${worst} ms`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
