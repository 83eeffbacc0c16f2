// Fuzzing every format in parseFormat with bodies seeded from small valid documents: hostile
// text spliced into their fields (NUL, lone surrogates, control characters, raw HTML, huge
// strings, odd dates), truncation at any point, invalid UTF-8 bytes, and arbitrary input.
// Whatever comes in: no parser throws, every mention that comes out can be written to
// PostgreSQL, and every item is accounted for exactly once (event, ignored or rejected).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isStorableJson, isStorableText } from "../clean-text";
import type { ParseOutput } from "../mention";
import { FORMATS, parseFormat, type FormatName } from ".";

const SEED = 20261201;
const RUNS = { fields: 120, truncated: 80, bytes: 50, arbitrary: 60 };

// ---- Seeds: small valid documents and how many items each holds --------------------------

interface JsonSeed {
  /** One JSON document, or JSON lines (one item per line). */
  shape: "document" | "lines";
  value: unknown;
  items: number;
}

const status = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://social.example/@amy/${id}`,
  created_at: "2026-11-27T10:00:00.000Z",
  content: '<p>Northwind lost my bag &amp; <a href="https://x.example">more</a></p>',
  spoiler_text: "",
  language: "en",
  account: {
    id: "9",
    acct: "amy@social.example",
    username: "amy",
    display_name: "Amy",
    followers_count: 12,
    url: "https://social.example/@amy",
    note: "<p>bio</p>",
    fields: [{ name: "site", value: '<a href="https://amy.example">amy.example</a>' }],
  },
  reblog: null,
  mentions: [{ acct: "northwind" }],
  favourites_count: 1,
  reblogs_count: 0,
  replies_count: 0,
  ...extra,
});
const tweet = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  text: `@northwind where is my bag ${id}`,
  author_id: "77",
  created_at: "2026-11-27T10:00:00.000Z",
  conversation_id: id,
  lang: "en",
  entities: { mentions: [{ username: "northwind" }] },
  ...extra,
});
const xUsers = {
  users: [
    {
      id: "77",
      username: "amy",
      name: "Amy",
      description: "travels",
      location: "Lisbon",
      public_metrics: { followers_count: 5 },
    },
  ],
};
const redditComment = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: "t1",
  data: {
    id,
    name: `t1_${id}`,
    body: `comment ${id} &amp; more`,
    author: "u1",
    author_fullname: "t2_u1",
    created_utc: 1767000000,
    link_id: "t3_p1",
    parent_id: "t3_p1",
    subreddit: "airlines",
    score: 1,
    ...extra,
  },
});
const jetstream = (rkey: string, op: string, extra: Record<string, unknown> = {}) => ({
  did: "did:plc:abc",
  time_us: 1767000000000000,
  kind: "commit",
  commit: {
    rev: "r",
    operation: op,
    collection: "app.bsky.feed.post",
    rkey,
    record: { $type: "app.bsky.feed.post", text: "northwind?", createdAt: "2026-11-27T10:00:00.000Z", langs: ["en"] },
    ...extra,
  },
});
const ytComment = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  snippet: {
    textOriginal: `comment ${id}`,
    textDisplay: `comment <b>${id}</b>`,
    publishedAt: "2026-11-27T10:00:00Z",
    authorDisplayName: "Amy",
    authorChannelId: { value: "UC1" },
    likeCount: 2,
    ...extra,
  },
});

const JSON_SEEDS: Partial<Record<FormatName, JsonSeed[]>> = {
  x: [
    {
      shape: "document",
      value: {
        data: [
          tweet("1460323737035677698"),
          tweet("1460323737035677699", { referenced_tweets: [{ type: "retweeted", id: "1" }] }),
          tweet("1460323737035677700", { created_at: undefined }),
        ],
        includes: xUsers,
        meta: { result_count: 3 },
      },
      items: 3,
    },
    {
      shape: "lines",
      value: [1, 2, 3].map((n) => ({
        data: tweet(`14603237370356777${n}0`),
        includes: xUsers,
        matching_rules: [{ id: "1377649934414049282", tag: "brand" }],
      })),
      items: 3,
    },
  ],
  mastodon: [
    {
      shape: "document",
      value: [status("1"), status("2", { reblog: status("1") }), status("3", { in_reply_to_id: "1" })],
      items: 3,
    },
    { shape: "document", value: { ancestors: [status("4")], descendants: [status("5"), status("6")] }, items: 3 },
    {
      shape: "document",
      value: {
        accounts: [status("7").account],
        statuses: [status("8")],
        hashtags: [{ name: "northwind", url: "https://social.example/tags/northwind" }],
      },
      items: 3,
    },
    {
      shape: "lines",
      value: [
        { event: "update", payload: JSON.stringify(status("9")) },
        { event: "delete", payload: "9" },
        { event: "notification", payload: "{}" },
      ],
      items: 3,
    },
  ],
  bluesky: [
    {
      shape: "lines",
      value: [
        jetstream("k1", "create"),
        jetstream("k2", "delete", { record: undefined }),
        { did: "did:plc:abc", time_us: 1, kind: "identity", identity: { handle: "amy.example" } },
        jetstream("k3", "update"),
      ],
      items: 4,
    },
  ],
  reddit: [
    {
      shape: "document",
      value: [
        {
          kind: "Listing",
          data: {
            children: [
              {
                kind: "t3",
                data: {
                  id: "p1",
                  name: "t3_p1",
                  title: "Lost bag &amp; refund",
                  selftext: "Help",
                  is_self: true,
                  author: "op",
                  created_utc: 1767000000,
                  subreddit: "airlines",
                  permalink: "/r/airlines/comments/p1/lost_bag/",
                },
              },
            ],
          },
        },
        {
          kind: "Listing",
          data: {
            children: [
              redditComment("c1", {
                replies: {
                  kind: "Listing",
                  data: {
                    children: [
                      redditComment("c2"),
                      redditComment("c3", { body: "[deleted]", author: "[deleted]" }),
                      { kind: "more", data: { count: 2, children: ["c4", "c5"] } },
                    ],
                  },
                },
              }),
            ],
          },
        },
      ],
      items: 5,
    },
  ],
  facebook: [
    {
      shape: "document",
      value: {
        object: "page",
        entry: [
          {
            id: "123",
            time: 1767000000,
            changes: [
              {
                field: "feed",
                value: {
                  item: "comment",
                  verb: "add",
                  comment_id: "123_1",
                  post_id: "123_0",
                  parent_id: "123_0",
                  message: "Where is my bag?",
                  from: { id: "55", name: "Amy" },
                  created_time: 1767000000,
                },
              },
              { field: "feed", value: { item: "reaction", verb: "add", post_id: "123_0" } },
              { field: "feed", value: { item: "comment", verb: "remove", comment_id: "123_2", post_id: "123_0" } },
            ],
          },
        ],
      },
      items: 3,
    },
  ],
  instagram: [
    {
      shape: "document",
      value: {
        object: "instagram",
        entry: [
          {
            id: "0",
            time: 1767000000,
            changes: [
              {
                field: "comments",
                value: {
                  id: "17865799348089039",
                  text: "lost my bag",
                  from: { id: "1", username: "amy" },
                  media: { id: "m1" },
                },
              },
              { field: "mentions", value: { comment_id: "17887498072083520", media_id: "m2" } },
              { field: "story_insights", value: {} },
            ],
          },
        ],
      },
      items: 3,
    },
  ],
  youtube: [
    {
      shape: "document",
      value: {
        kind: "youtube#commentThreadListResponse",
        items: [
          {
            kind: "youtube#commentThread",
            id: "th1",
            snippet: { videoId: "v1", topLevelComment: ytComment("top") },
            replies: {
              comments: [
                ytComment("r1", { parentId: "top" }),
                ytComment("r2", { parentId: "top", textOriginal: undefined }),
              ],
            },
          },
        ],
      },
      items: 3,
    },
  ],
  jsonl: [
    {
      shape: "lines",
      value: [
        {
          network: "webhook",
          externalId: "w1",
          createdAt: "2026-11-27T10:00:00Z",
          text: "hello",
          author: { accountId: "a1", handle: "amy" },
          raw: { any: ["thing", { nested: "deep" }] },
        },
        { deleted: true, network: "x", externalId: "1" },
        {
          network: "rss",
          externalId: "r1",
          createdAt: 1767000000000,
          text: "dated by number",
          title: "t",
          metrics: { likes: 3 },
        },
      ],
      items: 3,
    },
  ],
};

/** Keys whose values decide what an item is rather than what it says. */
const STRUCTURAL = new Set([
  "kind",
  "event",
  "object",
  "field",
  "item",
  "verb",
  "operation",
  "collection",
  "type",
  "did",
  "$type",
]);

function documentBody(seed: JsonSeed, value: unknown): string {
  return seed.shape === "lines"
    ? (value as unknown[]).map((line) => JSON.stringify(line)).join("\n")
    : JSON.stringify(value);
}

/** Paths to every string leaf that carries content. */
function contentPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === "string") return STRUCTURAL.has(String(path.at(-1))) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => contentPaths(v, [...path, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => contentPaths(v, [...path, k]));
  return [];
}

function withLeaf(value: unknown, path: Array<string | number>, change: (old: string) => string): unknown {
  if (path.length === 0) return change(value as string);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withLeaf(v, rest, change) : v));
  return {
    ...(value as Record<string, unknown>),
    [head]: withLeaf((value as Record<string, unknown>)[head], rest, change),
  };
}

// RSS and Atom seeds: text slots ({0}, {1} …) filled with hostile text, XML-escaped or as CDATA.
interface FeedSeed {
  template: string;
  items: number;
}
const FEED_SEEDS: FeedSeed[] = [
  {
    template: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{0}</title><link>https://blog.example/</link>
      <item><guid>{1}</guid><title>{2}</title><link>/posts/{3}</link><description>{4}</description><pubDate>{5}</pubDate><dc:creator>{6}</dc:creator></item>
      <item><title>{7}</title><description><p>raw <b>{8}</b><br></p></description><pubDate>{9}</pubDate></item>
      <item><guid>{10}</guid><content:encoded><![CDATA[<p>{11}</p>]]></content:encoded><dc:date>{12}</dc:date></item></channel></rss>`,
    items: 3,
  },
  {
    template: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/"><title type="html">{0}</title><link href="/"/>
      <entry><id>{1}</id><title>{2}</title><link href="{3}"/><summary type="html">{4}</summary><updated>{5}</updated><author><name>{6}</name></author></entry>
      <entry xml:base="/a/"><id>{7}</id><title type="text">{8}</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{9}</p></div></content><published>{10}</published></entry></feed>`,
    items: 2,
  },
];
const SLOT_DEFAULTS = [
  "Feed",
  "id-1",
  "Northwind lost my bag",
  "a",
  "&lt;p&gt;Third time&lt;/p&gt;",
  "Tue, 03 Nov 2026 14:05:00 GMT",
  "Amy",
  "Second",
  "bold",
  "3 de novembro de 2026",
  "id-3",
  "cdata",
  "2026-11-03 14:05",
];
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const asCdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const fillFeed = (seed: FeedSeed, slots: Map<number, string>) =>
  seed.template.replace(/\{(\d+)\}/g, (_m, n: string) => slots.get(Number(n)) ?? SLOT_DEFAULTS[Number(n)] ?? "x");

const SSE_SEED = {
  body: `event: update\ndata: ${JSON.stringify(status("20"))}\n\nevent: delete\ndata: 20\n\n:thump\n\nevent: status.update\ndata: ${JSON.stringify(status("21", { edited_at: "2026-11-27T11:00:00Z" }))}\n\n`,
  items: 3,
};

// ---- Hostile text -------------------------------------------------------------------------

const HUGE = "x".repeat(120_000);
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udc00tail",
    "\udbff",
    "\u0001\u0002\u001b[31m\u007f",
    "\t\r\n",
    "\u2028\u2029",
    "\ufeff",
    "\ufffe\uffff",
    "<p>raw <b>html</b><br><img src=x onerror=alert(1)>",
    "<script>alert(1)</script>tail",
    "<!-- open comment",
    "</description></item>",
    "]]>",
    "@rich:0@",
    "&eacute;&mdash;&rsquo;&#0;&#xD800;&#1114112;&nosuch;",
    "&amp;amp;&lt;b&gt;",
    "Ter, 03 Nov 2026 14:05:00 -0300",
    "3 de novembro de 2026",
    "2026-11-03 14:05",
    "31 Feb 2026",
    "not a date",
    "0000-00-00T00:00:00Z",
    "-271821-04-20T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "9999999999999999",
    "",
    " ",
    "null",
    "[deleted]",
    "[removed]",
    "javascript:alert(1)",
    "../../etc/passwd",
    "https://ok.example/path?q=1&r=2",
    HUGE,
    `${HUGE}\u0000${HUGE}`,
  ),
);
const splice = fc.constantFrom("replace", "prefix", "suffix", "middle");
const spliced = (old: string, text: string, how: string) =>
  how === "replace"
    ? text
    : how === "prefix"
      ? text + old
      : how === "suffix"
        ? old + text
        : old.slice(0, old.length >> 1) + text + old.slice(old.length >> 1);

// ---- Checks -------------------------------------------------------------------------------

const totals = { bodies: 0, events: 0, deletes: 0, ignored: 0, rejections: 0, throws: 0 };
const outcomes = (out: ParseOutput) => out.events.length + out.ignored + out.rejected.length;
const MIN_TIME = Date.UTC(1900, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Parses and checks what must hold for any input; returns the output. */
function parseChecked(format: FormatName, body: string | Uint8Array): ParseOutput {
  totals.bodies++;
  let out: ParseOutput;
  try {
    out = parseFormat(format, body);
  } catch (error) {
    totals.throws++;
    throw error;
  }
  // parseFormat turns a parser's exception into a rejection: none should need it.
  const caught = out.rejected.find((r) => r.reason.startsWith(`Could not read the ${format} document:`));
  if (caught) totals.throws++;
  expect(caught).toBeUndefined();
  expect(Number.isInteger(out.ignored) && out.ignored >= 0).toBe(true);
  for (const r of out.rejected)
    expect(
      typeof r.where === "string" && r.where.length > 0 && typeof r.reason === "string" && r.reason.length > 0,
    ).toBe(true);
  for (const event of out.events) {
    if (event.kind === "delete") {
      totals.deletes++;
      expect(isStorableText(event.externalId) && event.externalId.length > 0).toBe(true);
      continue;
    }
    totals.events++;
    const m = event.mention;
    const a = m.author;
    const texts = [
      m.externalId,
      m.url,
      m.text,
      m.title,
      m.lang,
      m.threadKey,
      m.inReplyToId,
      a?.accountId,
      a?.handle,
      a?.displayName,
      a?.profileUrl,
      a?.avatarUrl,
      a?.bio,
      a?.email,
      a?.website,
      a?.location,
      ...m.addressedTo,
      ...Object.keys(m.metrics),
    ];
    for (const s of texts) if (s != null) expect(isStorableText(s)).toBe(true);
    expect(isStorableJson(JSON.stringify(m.metrics))).toBe(true);
    if (m.raw !== undefined) expect(isStorableJson(JSON.stringify(m.raw))).toBe(true);
    expect(m.createdAt.getTime() >= MIN_TIME && m.createdAt.getTime() <= MAX_TIME).toBe(true);
    if (a?.followers != null) expect(a.followers <= 2_147_483_647).toBe(true);
  }
  totals.ignored += out.ignored;
  totals.rejections += out.rejected.length;
  return out;
}

afterAll(() => {
  console.log(
    `ingest fuzz (seed ${SEED}): ${totals.bodies} bodies → ${totals.events} mentions, ${totals.deletes} deletions, ${totals.ignored} ignored, ${totals.rejections} rejections, ${totals.throws} throws`,
  );
  expect(totals.throws).toBe(0);
});

// ---- Properties ---------------------------------------------------------------------------

const jsonFormats = Object.keys(JSON_SEEDS) as FormatName[];

describe("ingest fuzz", () => {
  it("covers every format parseFormat knows", () => {
    expect([...jsonFormats, "rss"].sort()).toEqual([...FORMATS].sort());
  });

  describe.each(jsonFormats)("%s", (format) => {
    const seeds = JSON_SEEDS[format]!;

    it("accounts for every item of a valid document whatever its fields hold", () => {
      for (const seed of seeds) expect(outcomes(parseChecked(format, documentBody(seed, seed.value)))).toBe(seed.items);
      const mutation = fc.record({
        seed: fc.nat(seeds.length - 1),
        edits: fc.array(fc.record({ at: fc.nat(), text: hostileText, how: splice }), { minLength: 1, maxLength: 4 }),
      });
      fc.assert(
        fc.property(mutation, ({ seed: index, edits }) => {
          const seed = seeds[index];
          const paths = contentPaths(seed.value);
          let value = seed.value;
          for (const edit of edits)
            value = withLeaf(value, paths[edit.at % paths.length], (old) => spliced(old, edit.text, edit.how));
          expect(outcomes(parseChecked(format, documentBody(seed, value)))).toBe(seed.items);
        }),
        { seed: SEED, numRuns: RUNS.fields },
      );
    });

    it("reports a truncated document once, and keeps the whole lines of a truncated stream", () => {
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (index, where) => {
          const seed = seeds[index];
          const full = documentBody(seed, seed.value);
          const body = full.slice(0, Math.floor(full.length * where));
          const out = parseChecked(format, body);
          if (seed.shape === "document") {
            expect(outcomes(out)).toBe(body.trim() === "" ? 0 : body === full ? seed.items : 1);
            if (body.trim() && body !== full)
              expect(out.rejected).toEqual([
                { where: "document", reason: expect.stringMatching(/^Could not read the JSON document/) },
              ]);
          } else {
            const lines = body.split("\n").filter((l) => l.trim());
            const fullLines = full.split("\n");
            const whole = lines.filter((l, i) => l === fullLines[i]).length;
            expect(outcomes(out)).toBe(whole + (lines.length > whole ? 1 : 0));
          }
        }),
        { seed: SEED, numRuns: RUNS.truncated },
      );
    });

    it("survives invalid UTF-8 bytes anywhere", () => {
      fc.assert(
        fc.property(
          fc.nat(seeds.length - 1),
          fc.array(
            fc.record({
              at: fc.double({ min: 0, max: 1, noNaN: true }),
              bytes: fc.constantFrom(
                [0xff],
                [0xc3],
                [0xed, 0xa0, 0x80],
                [0xe2, 0x82],
                [0x00],
                [0xf4, 0x90, 0x80, 0x80],
              ),
            }),
            { minLength: 1, maxLength: 5 },
          ),
          (index, inserts) => {
            let bytes = new TextEncoder().encode(documentBody(seeds[index], seeds[index].value));
            for (const { at, bytes: extra } of inserts) {
              const i = Math.floor(bytes.length * at);
              bytes = Uint8Array.from([...bytes.subarray(0, i), ...extra, ...bytes.subarray(i)]);
            }
            const out = parseChecked(format, bytes);
            expect(outcomes(out)).toBeGreaterThanOrEqual(1);
          },
        ),
        { seed: SEED, numRuns: RUNS.bytes },
      );
    });

    it("never throws on arbitrary input", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 200 }),
            fc.json({ maxDepth: 4 }),
            fc.jsonValue({ maxDepth: 3 }).map((v) => `${JSON.stringify(v)}\n${JSON.stringify(v)}`),
          ),
          (body) => {
            parseChecked(format, body);
          },
        ),
        { seed: SEED, numRuns: RUNS.arbitrary },
      );
    });
  });

  describe("mastodon server-sent events", () => {
    it("accounts for every event, and a truncated stream loses at most the event it was cut in", () => {
      expect(outcomes(parseChecked("mastodon", SSE_SEED.body))).toBe(SSE_SEED.items);
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (where) => {
          const body = SSE_SEED.body.slice(0, Math.floor(SSE_SEED.body.length * where));
          const complete = body
            .split("\n\n")
            .slice(0, -1)
            .filter((block) => /^event:/m.test(block)).length;
          const out = parseChecked("mastodon", body);
          expect(outcomes(out)).toBeGreaterThanOrEqual(complete);
          expect(outcomes(out)).toBeLessThanOrEqual(complete + 1);
        }),
        { seed: SEED, numRuns: RUNS.truncated },
      );
    });
  });

  describe("rss", () => {
    it("accounts for every item of a valid feed whatever its text holds", () => {
      for (const seed of FEED_SEEDS) expect(outcomes(parseChecked("rss", fillFeed(seed, new Map())))).toBe(seed.items);
      const mutation = fc.record({
        seed: fc.nat(FEED_SEEDS.length - 1),
        slots: fc.array(fc.record({ slot: fc.nat(12), text: hostileText, cdata: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
      });
      fc.assert(
        fc.property(mutation, ({ seed: index, slots }) => {
          const seed = FEED_SEEDS[index];
          const filled = new Map(slots.map((s) => [s.slot, s.cdata ? asCdata(s.text) : escapeXml(s.text)]));
          const out = parseChecked("rss", fillFeed(seed, filled));
          expect(out.rejected.filter((r) => r.reason.startsWith("Not a feed"))).toEqual([]);
          expect(outcomes(out)).toBe(seed.items);
        }),
        { seed: SEED, numRuns: RUNS.fields },
      );
    });

    it("reports a truncated feed once", () => {
      fc.assert(
        fc.property(fc.nat(FEED_SEEDS.length - 1), fc.double({ min: 0, max: 0.99, noNaN: true }), (index, where) => {
          const full = fillFeed(FEED_SEEDS[index], new Map());
          const out = parseChecked("rss", full.slice(0, Math.floor(full.length * where)));
          expect(out.events).toEqual([]);
          expect(out.rejected).toHaveLength(1);
        }),
        { seed: SEED, numRuns: RUNS.truncated },
      );
    });

    it("reads feeds with invalid UTF-8 bytes in their text (as Windows-1252), items intact", () => {
      fc.assert(
        fc.property(
          fc.nat(FEED_SEEDS.length - 1),
          fc.array(fc.constantFrom(0x80, 0x93, 0x97, 0xe9, 0xff, 0xc3), { minLength: 1, maxLength: 6 }),
          fc.nat(12),
          (index, high, slot) => {
            const seed = FEED_SEEDS[index];
            const marker = "\u0001MARK\u0001";
            const [before, after] = fillFeed(seed, new Map([[slot, marker]])).split(marker);
            const encode = (s: string) => new TextEncoder().encode(s);
            const bytes =
              after === undefined ? encode(before) : Uint8Array.from([...encode(before), ...high, ...encode(after)]);
            const out = parseChecked("rss", bytes);
            expect(outcomes(out)).toBe(seed.items);
            for (const e of out.events)
              if (e.kind === "upsert") expect(`${e.mention.title}${e.mention.text}`).not.toContain("\ufffd");
          },
        ),
        { seed: SEED, numRuns: RUNS.bytes },
      );
    });

    it("never throws on arbitrary input", () => {
      const tag = fc.constantFrom(
        "rss",
        "channel",
        "item",
        "feed",
        "entry",
        "title",
        "description",
        "link",
        "guid",
        "content:encoded",
        "pubDate",
      );
      const markup = fc
        .array(
          fc.oneof(
            tag.map((t) => `<${t}>`),
            tag.map((t) => `</${t}>`),
            fc.string({ unit: "binary", maxLength: 20 }),
            fc.constantFrom("<![CDATA[", "]]>", "&", "&amp;", "<!--", '<link href="rel"/>'),
          ),
          { maxLength: 40 },
        )
        .map((parts) => parts.join(""));
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), markup), (body) => {
          parseChecked("rss", body);
        }),
        { seed: SEED, numRuns: RUNS.arbitrary },
      );
    });
  });
});
