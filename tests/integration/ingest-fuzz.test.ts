// The HTTP entrances under hostile bodies: valid documents of each format, mutated (NUL bytes,
// unpaired surrogates, control characters, invalid UTF-8, truncation, huge strings, raw HTML,
// absurd dates, deep nesting), sent to the real route handlers. Nothing may answer 5xx or
// reject unhandled; every summary balances; everything stored reads back.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/keys";
import { signatureFor } from "@/lib/sources/webhooks";
import { exportMentions } from "@/lib/ingest/export";
import type { IngestSummary } from "@/lib/ingest/pipeline";
import { POST as ingestRoute } from "@/app/api/v1/ingest/[format]/route";
import { POST as webhookRoute } from "@/app/api/v1/webhooks/[network]/[sourceId]/route";
import { createTestWorkspace } from "../support/factory";

const SEED = 20261201;
const ROUTE_RUNS = 200;
const WEBHOOK_RUNS = 100;

// ---- Valid documents -------------------------------------------------------------------------

type Format = "jsonl" | "x" | "facebook";
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();
const authorArb = fc.integer({ min: 0, max: 7 });
const wordsArb = fc.constantFrom(
  "northwind lost my bag",
  "@northwind where is my refund?",
  "great crew, thanks northwind",
  "northwind delayed again",
  "nothing to see here",
);

const jsonlLine = fc
  .record({
    id: fc.integer({ min: 0, max: 60 }),
    author: authorArb,
    text: wordsArb,
    minute: fc.integer({ min: 0, max: 600 }),
    kind: fc.constantFrom("post", "post", "post", "edit", "delete"),
  })
  .map(({ id, author, text, minute, kind }): Json =>
    kind === "delete"
      ? { deleted: true, network: "x", externalId: `j${id}` }
      : {
          network: "x",
          externalId: `j${id}`,
          createdAt: at(minute),
          text,
          author: { accountId: `a${author}`, handle: `user${author}`, followers: author * 100 },
          raw: { source: "fuzz", id },
          ...(kind === "edit" ? { edited: true } : {}),
        },
  );

const xLine = fc
  .record({
    id: fc.integer({ min: 0, max: 60 }),
    author: authorArb,
    text: wordsArb,
    minute: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ id, author, text, minute }): Json => ({
    data: {
      id: `17${String(id).padStart(17, "0")}`,
      author_id: `u${author}`,
      conversation_id: `17${String(id).padStart(17, "0")}`,
      created_at: at(minute),
      text,
      lang: "en",
    },
    includes: {
      users: [
        {
          id: `u${author}`,
          username: `user${author}`,
          name: `User ${author}`,
          public_metrics: { followers_count: author * 10 },
        },
      ],
    },
    matching_rules: [{ id: "1377649934414049282", tag: null }],
  }));

const facebookChange = fc
  .record({
    id: fc.integer({ min: 0, max: 60 }),
    author: authorArb,
    text: wordsArb,
    minute: fc.integer({ min: 0, max: 600 }),
    verb: fc.constantFrom("add", "add", "edited", "remove"),
  })
  .map(({ id, author, text, minute, verb }): Json => ({
    field: "feed",
    value: {
      item: "comment",
      verb,
      comment_id: `p1_c${id}`,
      post_id: "p1_9",
      created_time: Date.parse(at(minute)) / 1000,
      message: text,
      from: { id: `f${author}`, name: `Fan ${author}` },
    },
  }));
const facebookDocument = fc
  .array(facebookChange, { minLength: 1, maxLength: 4 })
  .map((changes): Json => ({ object: "page", entry: [{ id: "p1", time: 1767000000, changes }] }));

const documentArb: fc.Arbitrary<{ format: Format; lines: Json[] }> = fc.oneof(
  fc.array(jsonlLine, { minLength: 1, maxLength: 6 }).map((lines) => ({ format: "jsonl" as const, lines })),
  fc.array(xLine, { minLength: 1, maxLength: 4 }).map((lines) => ({ format: "x" as const, lines })),
  facebookDocument.map((doc) => ({ format: "facebook" as const, lines: [doc] })),
);

// ---- Mutations -------------------------------------------------------------------------------

const HOSTILE = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\udc00y",
  "\u0001\u0002\u0007\u001b[31m",
  "\u202e\u200b\ufeff",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "</textarea><b>bold</b>",
  "&lt;&amp;&#0;&#xD800;",
  '\'; DROP TABLE "Mention"; --',
  "$1 $2 ${x}",
  "%s%n%x",
  "😀👍🏽",
  "\\",
  '"',
];
const ABSURD_DATES: Json[] = [
  "9999-12-31T23:59:59Z",
  "0000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "+275760-09-14T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "2026-02-30T00:00:00Z",
  "yesterday",
  "",
  -1,
  -62135596800,
  -8.64e15,
  8.64e15,
  1e20,
  0,
  253402300800,
  1.5,
  "NaN",
];
const ABSURD_NUMBERS: Json[] = [-1, 1e20, 2 ** 31, 2 ** 53 + 1, 1.5, "12abc", -0, 1e308];
const DEEP = [200, 2_000, 20_000, 200_000];

type ValueMutation =
  | { kind: "string"; target: number; text: string; mode: "insert" | "replace" }
  | { kind: "key"; target: number; text: string }
  | { kind: "date"; target: number; value: Json }
  | { kind: "number"; target: number; value: Json }
  | { kind: "huge"; target: number; length: number }
  | { kind: "deep"; target: number; depth: number; shape: "array" | "object" };

type ByteMutation =
  { kind: "truncate"; at: number } | { kind: "bytes"; at: number; bytes: number[] } | { readonly kind: "none" };

const valueMutation: fc.Arbitrary<ValueMutation> = fc.oneof(
  fc.record({
    kind: fc.constant("string" as const),
    target: fc.nat(),
    text: fc.constantFrom(...HOSTILE),
    mode: fc.constantFrom("insert" as const, "replace" as const),
  }),
  fc.record({
    kind: fc.constant("key" as const),
    target: fc.nat(),
    text: fc.constantFrom("\u0000", "\ud800", "k\u0000ey", "__proto__", "constructor", ""),
  }),
  fc.record({ kind: fc.constant("date" as const), target: fc.nat(), value: fc.constantFrom(...ABSURD_DATES) }),
  fc.record({ kind: fc.constant("number" as const), target: fc.nat(), value: fc.constantFrom(...ABSURD_NUMBERS) }),
  fc.record({
    kind: fc.constant("huge" as const),
    target: fc.nat(),
    length: fc.constantFrom(5_000, 99_000, 120_000, 1_500_000),
  }),
  fc.record({
    kind: fc.constant("deep" as const),
    target: fc.nat(),
    depth: fc.constantFrom(...DEEP),
    shape: fc.constantFrom("array" as const, "object" as const),
  }),
);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("bytes" as const),
      at: fc.nat(),
      // invalid UTF-8: a lone continuation byte, bytes never valid, an overlong '/', a surrogate
      // encoded (CESU), a truncated sequence; and a raw NUL, a raw control character
      bytes: fc.constantFrom<number[]>(
        [0x80],
        [0xff, 0xfe],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xe2, 0x82],
        [0x00],
        [0x1b],
      ),
    }),
  },
);

const DATE_FIELDS = new Set(["createdAt", "created_at", "created_time", "time"]);
const NUMBER_FIELDS = new Set(["followers", "followers_count", "time", "created_time"]);

/** Every (container, key) in a JSON value, in a fixed order, so that `target` picks one deterministically. */
function slots(value: Json, out: Array<{ parent: Record<string, Json> | Json[]; key: string | number }> = []) {
  const entries: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === "object"
      ? Object.entries(value)
      : [];
  for (const [key, child] of entries) {
    out.push({ parent: value as Record<string, Json> | Json[], key });
    slots(child, out);
  }
  return out;
}

const deepMarker = (i: number) => `__deep_${i}__`;

/** Applies value mutations in place; deep nesting is left as a marker for the text stage. */
function mutateValue(
  lines: Json[],
  mutations: ValueMutation[],
): Array<{ marker: string; depth: number; shape: "array" | "object" }> {
  const deep: Array<{ marker: string; depth: number; shape: "array" | "object" }> = [];
  mutations.forEach((m, i) => {
    const all = lines.flatMap((line) => slots(line));
    const pick = <T>(list: T[]) => (list.length ? list[m.target % list.length] : null);
    const value = (s: { parent: Record<string, Json> | Json[]; key: string | number }) =>
      (s.parent as Record<string | number, Json>)[s.key];
    const set = (s: { parent: Record<string, Json> | Json[]; key: string | number }, v: Json) =>
      void ((s.parent as Record<string | number, Json>)[s.key] = v);
    if (m.kind === "string") {
      const s = pick(all.filter((x) => typeof value(x) === "string"));
      if (s)
        set(s, m.mode === "replace" ? m.text : `${String(value(s)).slice(0, 3)}${m.text}${String(value(s)).slice(3)}`);
    } else if (m.kind === "key") {
      const s = pick(all.filter((x) => !Array.isArray(x.parent)));
      if (s) {
        const parent = s.parent as Record<string, Json>;
        parent[`${m.text}${String(s.key)}`] = parent[s.key as string];
        if (m.text) delete parent[s.key as string];
      }
    } else if (m.kind === "date") {
      const s = pick(all.filter((x) => DATE_FIELDS.has(String(x.key))));
      if (s) set(s, m.value);
    } else if (m.kind === "number") {
      const s = pick(all.filter((x) => NUMBER_FIELDS.has(String(x.key))));
      if (s) set(s, m.value);
    } else if (m.kind === "huge") {
      const s = pick(all.filter((x) => typeof value(x) === "string"));
      if (s) set(s, `northwind ${"bag ".repeat(Math.ceil(m.length / 4))}`.slice(0, m.length));
    } else {
      // A leaf: most are inside what a parser keeps as the raw payload.
      const s = pick(all.filter((x) => value(x) === null || typeof value(x) !== "object"));
      if (s) {
        deep.push({ marker: deepMarker(i), depth: m.depth, shape: m.shape });
        set(s, deepMarker(i));
      }
    }
  });
  return deep;
}

function bodyOf(
  doc: { format: Format; lines: Json[] },
  mutations: ValueMutation[],
  bytes: ByteMutation,
): Uint8Array<ArrayBuffer> {
  const lines = structuredClone(doc.lines);
  const deep = mutateValue(lines, mutations);
  let text = doc.format === "facebook" ? JSON.stringify(lines[0]) : lines.map((l) => JSON.stringify(l)).join("\n");
  for (const d of deep) {
    const [open, close] = d.shape === "array" ? ["[", "]"] : ['{"a":', "}"];
    text = text.replace(JSON.stringify(d.marker), `${open.repeat(d.depth)}1${close.repeat(d.depth)}`);
  }
  let body = Buffer.from(text, "utf8");
  if (bytes.kind === "truncate") body = body.subarray(0, bytes.at % (body.length + 1));
  if (bytes.kind === "bytes") {
    const at = bytes.at % (body.length + 1);
    body = Buffer.concat([body.subarray(0, at), Buffer.from(bytes.bytes), body.subarray(at)]);
  }
  return new Uint8Array(body) as Uint8Array<ArrayBuffer>;
}

const fuzzCase = fc.record({
  doc: documentArb,
  mutations: fc.array(valueMutation, { minLength: 0, maxLength: 3 }),
  bytes: byteMutation,
});

// ---- The run ---------------------------------------------------------------------------------

const balances = (s: IngestSummary) =>
  s.accepted + s.duplicates + s.ignored + s.rejected.length + s.updated + s.deleted + s.deferredDeletes === s.received;

interface Tally {
  bodies: number;
  ok: number;
  client: number;
  server: number;
  failures: string[];
}

async function send(tally: Tally, label: string, call: () => Promise<Response>): Promise<void> {
  tally.bodies++;
  let response: Response;
  try {
    response = await call();
  } catch (error) {
    // What Next would answer with 500.
    tally.server++;
    tally.failures.push(`${label}: threw ${(error as Error).stack?.slice(0, 400)}`);
    return;
  }
  const text = await response.text();
  if (response.status >= 500) {
    tally.server++;
    tally.failures.push(`${label}: ${response.status} ${text.slice(0, 300)}`);
  } else if (response.status >= 400) {
    tally.client++;
    if (!JSON.parse(text).error) tally.failures.push(`${label}: ${response.status} without an error message`);
  } else {
    tally.ok++;
    const summary = JSON.parse(text) as IngestSummary;
    if (!balances(summary)) tally.failures.push(`${label}: summary does not balance: ${text.slice(0, 300)}`);
  }
}

describe("HTTP entrances under hostile bodies", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  beforeAll(() => void process.on("unhandledRejection", onUnhandled));
  afterAll(() => void process.off("unhandledRejection", onUnhandled));

  async function setup() {
    const ws = await createTestWorkspace();
    const brand = await db().brand.create({
      data: { workspaceId: ws.id, name: "Northwind", ownHandles: { x: ["northwind"] } },
    });
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
    return { ws, brand };
  }

  /** Everything stored reads back, through the model and the export. */
  async function expectReadable(workspaceId: string) {
    const stored = await db().mention.findMany({
      where: { workspaceId },
      include: { author: true, ruleMatches: true, messages: true },
    });
    for (const m of stored) expect(() => JSON.stringify(m)).not.toThrow();
    let exported = 0;
    for await (const m of exportMentions(workspaceId)) {
      JSON.stringify(m);
      exported++;
    }
    expect(exported).toBe(stored.length);
    return stored.length;
  }

  it(`POST /api/v1/ingest/<format>: ${ROUTE_RUNS} mutated bodies, never a 5xx`, async () => {
    const { ws } = await setup();
    const { key } = await createApiKey(ws.id, ws.admin.userId, "fuzz");
    const tally: Tally = { bodies: 0, ok: 0, client: 0, server: 0, failures: [] };
    await fc.assert(
      fc.asyncProperty(fuzzCase, async ({ doc, mutations, bytes }) => {
        const body = bodyOf(doc, mutations, bytes);
        await send(tally, `${doc.format} ${JSON.stringify(mutations).slice(0, 200)} ${JSON.stringify(bytes)}`, () =>
          ingestRoute(
            new Request(`http://localhost/api/v1/ingest/${doc.format}`, {
              method: "POST",
              body,
              headers: { authorization: `Bearer ${key}` },
            }),
            {
              params: Promise.resolve({ format: doc.format }),
            },
          ),
        );
      }),
      { seed: SEED, numRuns: ROUTE_RUNS },
    );
    const stored = await expectReadable(ws.id);
    console.log(
      `[ingest-fuzz] ingest route: bodies=${tally.bodies} 2xx=${tally.ok} 4xx=${tally.client} 5xx=${tally.server} stored=${stored}`,
    );
    // Every failing body is listed (label: mutations, then what came back), not only the first.
    expect(tally.failures).toEqual([]);
    expect(tally.server).toBe(0);
    // The bodies reached the pipeline: most are still documents something can be read from.
    expect(tally.ok).toBeGreaterThan(ROUTE_RUNS / 3);
    expect(stored).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  }, 120_000);

  it(`POST /api/v1/webhooks/facebook/<source>: ${WEBHOOK_RUNS} mutated, validly signed deliveries, never a 5xx`, async () => {
    const { ws, brand } = await setup();
    const source = await db().source.create({
      data: {
        workspaceId: ws.id,
        network: "facebook",
        name: "Page",
        settings: { verifyToken: "vt", appSecret: "fuzz-secret", brandId: brand.id },
      },
    });
    const tally: Tally = { bodies: 0, ok: 0, client: 0, server: 0, failures: [] };
    const facebookCase = fc.record({
      doc: facebookDocument.map((d) => ({ format: "facebook" as const, lines: [d] })),
      mutations: fc.array(valueMutation, { minLength: 0, maxLength: 3 }),
      bytes: byteMutation,
    });
    await fc.assert(
      fc.asyncProperty(facebookCase, async ({ doc, mutations, bytes }) => {
        const body = bodyOf(doc, mutations, bytes);
        await send(tally, `facebook webhook ${JSON.stringify(mutations).slice(0, 200)} ${JSON.stringify(bytes)}`, () =>
          webhookRoute(
            new Request("http://localhost/api/v1/webhooks/facebook/x", {
              method: "POST",
              body,
              headers: { "x-hub-signature-256": signatureFor("fuzz-secret", body) },
            }),
            {
              params: Promise.resolve({ network: "facebook", sourceId: source.id }),
            },
          ),
        );
      }),
      { seed: SEED + 1, numRuns: WEBHOOK_RUNS },
    );
    const stored = await expectReadable(ws.id);
    console.log(
      `[ingest-fuzz] facebook webhook: bodies=${tally.bodies} 2xx=${tally.ok} 4xx=${tally.client} 5xx=${tally.server} stored=${stored}`,
    );
    expect(tally.failures).toEqual([]);
    expect(tally.server).toBe(0);
    expect(tally.ok).toBeGreaterThan(WEBHOOK_RUNS / 3);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
