// npm run bench:contacts: what contact linking costs on bench:ingest's workload, and how fast
// contact search is, with 100,000 contacts and 300,000 social identities in the workspace.
//  1. Seeds the contacts (with their lookup keys) and identities into a fresh PostgreSQL
//     database (BENCH_DATABASE_URL's server; BENCH_PGLITE=1 for embedded PGlite instead).
//  2. Runs bench:ingest's X v2 stream through the pipeline twice, each time with new authors
//     whose names come from the same pools as the contacts' (so every author has candidates):
//     once with linking off, once on. Prints both throughputs and the difference.
//  3. Times 1,000 contact searches (names, prefixes, e-mails, phones, handles): p50 and p95.
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { startPgliteServer } from "../lib/db/pglite-server";
import { applyMigrations } from "../lib/db/schema-engine";
import { db, disconnectDb } from "../lib/db/client";
import { parseX } from "../lib/ingest/formats/x";
import { ingestEvents } from "../lib/ingest/pipeline";
import { ident, join, sql, unnestColumns, type Cast, type ColumnName, type Sql, type TableName } from "../lib/db/sql";
import { contactKeys } from "../lib/contacts/keys";
import { searchContacts } from "../lib/contacts/search";
import { createRandom } from "../lib/demo/random";
import { airlineTweets } from "./bench/shared-data";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const IDENTITIES = Number(process.env.BENCH_IDENTITIES ?? 300_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);
const AUTHORS = 5000;
// Off and on alternate this many times; the best of each is compared (a busy shared machine
// only ever slows a run down), and the medians are printed too.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const BATCH = 2000;
const rnd = createRandom(11);
// Names like a real customer base: 120 first names, 2,000 surnames with a long tail (the most
// common is ~1% of people), so a common name has a handful of namesakes, as in life.
const FIRST = [
  "James",
  "Mary",
  "John",
  "Patricia",
  "Robert",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Charles",
  "Karen",
  "Ana",
  "João",
  "Maria",
  "Pedro",
  "Sofia",
  "Lukas",
  "Emma",
  "Hiro",
  "Yuki",
  "Amara",
  "Chidi",
  "Fatima",
  "Omar",
  "Wei",
  "Li",
  "Priya",
  "Arjun",
  "Olga",
  "Ivan",
  "Lucia",
  "Mateo",
  "Zara",
  "Noah",
  "Mia",
  "Liam",
  "Ava",
  "Ethan",
  "Isla",
  "Felix",
  "Nora",
  "Aiden",
  "Chloe",
  "Diego",
  "Elena",
  "Farid",
  "Greta",
  "Hugo",
  "Ines",
  "Jonas",
  "Keiko",
  "Leila",
  "Marco",
  "Nadia",
  "Oscar",
  "Paula",
  "Rafael",
  "Sara",
  "Tomas",
  "Ursula",
  "Victor",
  "Wanda",
  "Xavier",
  "Yara",
  "Zoe",
  "Adele",
  "Bruno",
  "Carla",
  "Dmitri",
  "Eva",
  "Fabio",
  "Gina",
  "Hassan",
  "Irene",
  "Jorge",
  "Kira",
  "Lars",
  "Marta",
  "Nikos",
  "Olivia",
  "Pablo",
  "Rosa",
  "Samir",
  "Tara",
  "Umar",
  "Vera",
  "Walter",
  "Ximena",
  "Yusuf",
  "Zainab",
  "Alba",
  "Bilal",
  "Celia",
  "Dario",
  "Edith",
  "Fredrik",
  "Gloria",
  "Henrik",
  "Ida",
  "Jamal",
  "Katya",
  "Leon",
  "Mila",
  "Nils",
  "Odette",
  "Piotr",
  "Quentin",
  "Rita",
  "Stefan",
  "Teresa",
];
const SYLLABLES = [
  "ba",
  "ko",
  "ri",
  "san",
  "tel",
  "mor",
  "vic",
  "len",
  "dra",
  "gu",
  "shi",
  "na",
  "pet",
  "ros",
  "al",
  "ber",
  "cas",
  "den",
  "fer",
  "har",
  "ito",
  "jan",
  "kel",
  "lind",
  "mar",
  "nov",
  "ols",
  "pra",
  "quin",
  "sch",
];
const LAST = Array.from({ length: 2000 }, (_, i) => {
  const a = SYLLABLES[i % 30],
    b = SYLLABLES[Math.floor(i / 30) % 30],
    c = i >= 900 ? SYLLABLES[Math.floor(i / 900) % 30] : "";
  return (a + b + c).replace(/^./, (x) => x.toUpperCase());
});
const LAST_WEIGHT = LAST.map((_, r) => 1 / Math.sqrt(r + 1));
const LAST_TOTAL = LAST_WEIGHT.reduce((a, b) => a + b, 0);
function lastName(): string {
  let x = rnd.next() * LAST_TOTAL;
  for (let i = 0; i < LAST.length; i++) if ((x -= LAST_WEIGHT[i]) <= 0) return LAST[i];
  return LAST[LAST.length - 1];
}
const PHRASES = [
  "Travel Junkie",
  "Coffee & Planes",
  "Frequent Flyer",
  "Weekend Wanderer",
  "The Real Deal",
  "Gate Lice",
  "Window Seat Person",
];
const CITIES = ["Lisbon", "Porto", "Chicago", "Berlin", "Osaka", "Toronto", "Nairobi", "Madrid", "Denver", "Paris"];
const NETWORKS = ["x", "bluesky", "mastodon", "reddit", "facebook", "instagram", "youtube"];
const AIRLINES = ["united", "delta", "jetblue", "southwest", "usairways", "americanair", "virginamerica"];
const texts =
  airlineTweets() ??
  Array.from({ length: 3000 }, () => `@${rnd.pick(AIRLINES)} my flight is delayed again, waiting for hours`);
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z]/g, "");

// unnest's columns as `select` may name them: c1, c2, … (one per cast).
const UNNESTED = [sql`c1`, sql`c2`, sql`c3`, sql`c4`, sql`c5`, sql`c6`, sql`c7`, sql`c8`, sql`c9`, sql`c10`];

// Seeding goes through its own pg connection, 10,000 rows a statement; the statements are
// built like the app's (lib/db/sql.ts), and their text and values handed to pg as they are.
async function bulk(
  client: pg.Client,
  table: TableName,
  columns: ColumnName[],
  casts: Cast[],
  rows: unknown[][],
  select: Sql = sql`*`,
) {
  if (casts.length > UNNESTED.length) throw new Error(`bulk: at most ${UNNESTED.length} columns`);
  for (let i = 0; i < rows.length; i += 10_000) {
    const statement = sql`INSERT INTO ${ident(table)} (${join(columns.map(ident), ",")}) SELECT ${select} FROM ${unnestColumns(rows.slice(i, i + 10_000), casts)} AS t(${join(UNNESTED.slice(0, casts.length), ",")})`;
    await client.query(statement.text, statement.values);
  }
}

async function seed(url: string, workspaceId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const contacts: unknown[][] = [];
  const identities: unknown[][] = [];
  const keys: unknown[][] = [];
  const samples: string[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const first = rnd.pick(FIRST),
      last = lastName();
    const name = `${first} ${last}`;
    const email = `${slug(first)}.${slug(last)}${i}@mail.example`;
    const phone = `+351 9${String(10_000_000 + i).padStart(8, "0")}`;
    const id = randomUUID();
    const linked: Array<{ network: string; handle: string }> = [];
    const perContact = Math.round(IDENTITIES / CONTACTS);
    for (let k = 0; k < perContact; k++) {
      const network = NETWORKS[(i + k) % NETWORKS.length];
      const handle = `${slug(first)}${slug(last)}${i}${k ? `_${k}` : ""}`;
      // Two in three identities belong to a contact; the rest are authors nobody linked yet.
      const owner = k < perContact - 1 || i % 3 === 0 ? id : null;
      if (owner) linked.push({ network, handle });
      identities.push([
        randomUUID(),
        workspaceId,
        network,
        `acct-${i}-${k}`,
        handle,
        name,
        rnd.int(0, 50_000),
        owner,
        CITIES[i % CITIES.length],
        new Date(),
      ]);
    }
    contacts.push([id, workspaceId, name, email, phone, CITIES[i % CITIES.length], new Date()]);
    for (const key of contactKeys({
      name,
      emails: [email],
      phones: [phone],
      websites: [],
      handles: {},
      linkedHandles: linked,
      location: CITIES[i % CITIES.length],
    }))
      keys.push([workspaceId, id, key.kind, key.value]);
    if (i % 100 === 0)
      samples.push(
        name,
        `${first.slice(0, 3)}`,
        email,
        phone.replace(/\s/g, "").slice(-9),
        `@${linked[0]?.handle ?? slug(first)}`,
        `${first} ${last.slice(0, 2)}`,
      );
  }
  const start = performance.now();
  await bulk(
    client,
    "Contact",
    ["id", "workspaceId", "name", "emails", "phones", "location", "updatedAt"],
    ["text", "text", "text", "text", "text", "text", "timestamptz"],
    contacts,
    sql`c1, c2, c3, ARRAY[c4], ARRAY[c5], c6, c7`,
  );
  await bulk(
    client,
    "SocialIdentity",
    [
      "id",
      "workspaceId",
      "network",
      "accountId",
      "handle",
      "displayName",
      "followers",
      "contactId",
      "location",
      "updatedAt",
    ],
    ["text", "text", '"Network"', "text", "text", "text", "int", "text", "text", "timestamptz"],
    identities,
  );
  await bulk(
    client,
    "ContactKey",
    ["workspaceId", "contactId", "kind", "value"],
    ["text", "text", "text", "text"],
    keys,
  );
  await client.query("ANALYZE");
  await client.end();
  return { seconds: (performance.now() - start) / 1000, keys: keys.length, samples };
}

function xStream(runTag: string, idBase: bigint): string {
  const lines: string[] = [];
  // Authors as they sign on social networks: most with a full name, some with a first name
  // only, some with a phrase.
  const names = Array.from({ length: AUTHORS }, (_, a) =>
    a % 20 < 12 ? `${rnd.pick(FIRST)} ${lastName()}` : a % 20 < 17 ? rnd.pick(FIRST) : rnd.pick(PHRASES),
  );
  for (let i = 0; i < POSTS; i++) {
    const id = String(idBase + BigInt(i));
    const a = i % AUTHORS;
    const user = `${runTag}-${a}`;
    const name = names[a];
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
              username: `${slug(name)}_${runTag}${a}`,
              name,
              location: CITIES[a % CITIES.length],
              public_metrics: { followers_count: (a * 37) % 20000 },
              verified: false,
            },
          ],
        },
      }),
    );
  }
  return lines.join("\n");
}

async function ingestRun(workspaceId: string, tag: string, base: bigint, linkContacts: boolean) {
  const stream = xStream(tag, base);
  const start = performance.now();
  const summary = await ingestEvents(workspaceId, parseX(stream), { batchSize: BATCH, linkContacts });
  const seconds = (performance.now() - start) / 1000;
  return { postsPerSecond: Math.round(POSTS / seconds), accepted: summary.accepted };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(label: string, url: string) {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const ws = await db().workspace.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name: "Bench" } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Airlines" } });
  const rules = AIRLINES.map((a) => ({ workspaceId: ws.id, brandId: brand.id, name: a, query: `${a} OR @${a}` }));
  for (let i = rules.length; i < 1000; i++)
    rules.push({
      workspaceId: ws.id,
      brandId: brand.id,
      name: `r${i}`,
      query: `brand${i} AND (refund* OR "lost bag" OR delay*) -job*`,
    });
  await db().keywordRule.createMany({ data: rules });
  const seeded = await seed(url, ws.id);
  console.log(
    `${label}: seeded ${CONTACTS.toLocaleString("en")} contacts, ${IDENTITIES.toLocaleString("en")} identities, ${seeded.keys.toLocaleString("en")} lookup keys in ${seeded.seconds.toFixed(1)} s`,
  );
  // Warm-up (caches, JIT), then alternate so neither side gets the warmer database.
  await ingestRun(ws.id, "warm", 1_700_000_000_000_000_000n, true);
  const off: number[] = [];
  const on: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(
      (await ingestRun(ws.id, `off${round}`, 1_800_000_000_000_000_000n + BigInt(round) * 100_000n, false))
        .postsPerSecond,
    );
    on.push(
      (await ingestRun(ws.id, `on${round}`, 1_900_000_000_000_000_000n + BigInt(round) * 100_000n, true))
        .postsPerSecond,
    );
  }
  const linked = await db().socialIdentity.count({
    where: { workspaceId: ws.id, accountId: { startsWith: "on" }, contactId: { not: null } },
  });
  const suggested = await db().linkSuggestion.count({
    where: { workspaceId: ws.id, identity: { accountId: { startsWith: "on" } } },
  });
  const times: number[] = [];
  const queries = seeded.samples.slice(0, 1000);
  for (const q of queries.slice(0, 50)) await searchContacts(ws.id, q); // warm-up
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    found += (await searchContacts(ws.id, q)).length ? 1 : 0;
    times.push(performance.now() - t);
  }
  await disconnectDb();
  const best = (xs: number[]) => Math.max(...xs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return {
    database: label,
    ingest_without_linking_posts_per_s: best(off),
    ingest_with_linking_posts_per_s: best(on),
    linking_cost: `${(((best(off) - best(on)) / best(off)) * 100).toFixed(1)}%`,
    linking_cost_medians: `${(((median(off) - median(on)) / median(off)) * 100).toFixed(1)}%`,
    authors_linked_or_suggested: `${linked} linked, ${suggested} suggestions`,
    search_queries: queries.length,
    search_found: found,
    search_p50_ms: Number(pct(times, 50).toFixed(2)),
    search_p95_ms: Number(pct(times, 95).toFixed(2)),
    raw: { off, on },
  };
}

async function main() {
  let result;
  if (process.env.BENCH_PGLITE) {
    const lite = new PGlite();
    const server = await startPgliteServer(lite);
    try {
      result = await run("embedded PGlite", server.url);
    } finally {
      await server.stop();
      await lite.close();
    }
  } else {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `earshot_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      result = await run("PostgreSQL (127.0.0.1)", url.toString());
    } catch (error) {
      console.error(error);
      throw error;
    } finally {
      await disconnectDb();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  const { raw, ...table } = result;
  console.log(
    `bench:contacts — bench:ingest's workload (${POSTS.toLocaleString("en")} X v2 posts, ${AUTHORS.toLocaleString("en")} new authors per run, 1,000 rules, batches of ${BATCH}); best of ${ROUNDS} runs each (all runs: off ${raw.off.join(", ")}; on ${raw.on.join(", ")})`,
  );
  console.table([table]);
  const cost =
    (result.ingest_without_linking_posts_per_s - result.ingest_with_linking_posts_per_s) /
    result.ingest_without_linking_posts_per_s;
  console.log(
    `${cost <= 0.2 ? "PASS" : "FAIL"}  linking costs ≤ 20% of ingest throughput: ${(cost * 100).toFixed(1)}%`,
  );
  console.log(
    `${result.search_p95_ms <= 50 ? "PASS" : "FAIL"}  contact search p95 ≤ 50 ms: ${result.search_p95_ms} ms`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
