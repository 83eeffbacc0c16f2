// npm run bench:inbox: the inbox on a large workspace in PostgreSQL. A generator fills a fresh
// database (BENCH_DATABASE_URL's server) with 1,000,000 mentions in 250,000 cases from
// 100,000 contacts (set in SQL, so it takes a minute, not an hour), then times, server-side,
// the first page of every view, a deep page, searches, and everything the inbox page loads.
import pg from "pg";
import { listInbox, viewCounts } from "../lib/inbox/list";
import { parseInboxQuery } from "../lib/inbox/query";
import { inboxOptions } from "../lib/inbox/options";
import { inboxVersion } from "../lib/inbox/version";
import {
  CASES,
  CONTACTS,
  MENTIONS,
  benchWorkspace,
  generate,
  time as timeRuns,
  withBenchDatabase,
} from "./bench/inbox-dataset";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const time = (fn: () => Promise<unknown>) => timeRuns(fn, RUNS);

async function main() {
  const results: Array<Record<string, unknown>> = [];
  await withBenchDatabase("earshot_inbox", async (url, name) => {
    const { ws, agents, queues, brand, rule } = await benchWorkspace(name);
    const client = new pg.Client({ connectionString: url });
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
      results.push({
        what: `view ${view.startsWith("queue:") ? "queue Baggage" : view}, first page`,
        rows,
        ...(await time(() => listInbox(ws.id, me, q))),
      });
    }
    // A deep page: the 40th page of All (keyset: as cheap as the first).
    let cursor: string | null = null;
    for (let i = 0; i < 40; i++)
      cursor = (await listInbox(ws.id, me, parseInboxQuery({ view: "all", ...(cursor ? { after: cursor } : {}) })))
        .next;
    const deep = parseInboxQuery({ view: "all", after: cursor! });
    results.push({
      what: "view all, page 41 (keyset)",
      rows: (await listInbox(ws.id, me, deep)).rows.length,
      ...(await time(() => listInbox(ws.id, me, deep))),
    });
    results.push({
      what: "filters: open + negative + x + HIGH",
      rows: (
        await listInbox(
          ws.id,
          me,
          parseInboxQuery({ view: "all", status: "OPEN", sentiment: "NEGATIVE", network: "x", priority: "HIGH" }),
        )
      ).rows.length,
      ...(await time(() =>
        listInbox(
          ws.id,
          me,
          parseInboxQuery({ view: "all", status: "OPEN", sentiment: "NEGATIVE", network: "x", priority: "HIGH" }),
        ),
      )),
    });
    for (const term of ["refund", "lost bag", "cancelled flight", "Okafor"]) {
      const q = parseInboxQuery({ view: "all", q: term });
      results.push({
        what: `search "${term}"`,
        rows: (await listInbox(ws.id, me, q)).rows.length,
        ...(await time(() => listInbox(ws.id, me, q))),
      });
    }
    results.push({
      what: "view counts (all views, one statement)",
      rows: "-",
      ...(await time(() => viewCounts(ws.id, me))),
    });
    // As the page does: filter options (with the queues), view counts, the page, the version.
    const page = async () => {
      const options = await inboxOptions(ws.id);
      const counts = await viewCounts(ws.id, me, new Date(), options.queues);
      const q = parseInboxQuery({ view: counts.mine > 0 ? "mine" : "unassigned" });
      await Promise.all([listInbox(ws.id, me, q), inboxVersion(ws.id)]);
    };
    results.push({ what: "inbox page: everything it loads", rows: 50, ...(await time(page)) });
    results.push({ what: "live version check", rows: "-", ...(await time(() => inboxVersion(ws.id))) });
  });
  console.log(
    `bench:inbox — ${MENTIONS.toLocaleString("en")} mentions, ${CASES.toLocaleString("en")} cases, ${CONTACTS.toLocaleString("en")} contacts; PostgreSQL at 127.0.0.1; ms over ${RUNS} runs after warm-up`,
  );
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

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
