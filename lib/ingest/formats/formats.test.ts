// Small hand-written payloads for the cases the captured fixtures don't cover.
import { describe, expect, it } from "vitest";
import { FORMATS, parseFormat } from ".";
import { parseMastodon } from "./mastodon";
import { parseBluesky } from "./bluesky";
import { parseReddit } from "./reddit";
import { parseX } from "./x";
import { parseYouTube } from "./youtube";
import { parseRss } from "./rss";
import { parseJsonl } from "./jsonl";
import { parseFacebook } from "./facebook";
import type { ParseOutput } from "../mention";

/** Every item a parser received is exactly one of these. */
const outcomes = (out: ParseOutput) => out.events.length + out.ignored + out.rejected.length;

const status = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://s.example/@a/${id}`,
  created_at: "2026-11-27T10:00:00Z",
  content: "<p>Hi &amp; <a href='#'>bye</a></p>",
  account: { id: "1", acct: "a@s.example", followers_count: 5, note: "<p>bio</p>" },
  reblog: null,
  mentions: [{ acct: "northwind" }],
  ...extra,
});

describe("format parsers", () => {
  it("Mastodon: SSE and JSON streaming events, edits, deletes, boosts", () => {
    const sse = `event: update\ndata: ${JSON.stringify(status("1"))}\n\nevent: status.update\ndata: ${JSON.stringify(status("1", { content: "<p>edited</p>", edited_at: "2026-11-27T11:00:00Z" }))}\n\nevent: delete\ndata: 2\n\nevent: update\ndata: ${JSON.stringify(status("3", { reblog: status("1") }))}\n\n`;
    const out = parseMastodon(sse);
    expect(out.events).toMatchObject([
      {
        kind: "upsert",
        mention: {
          externalId: "1",
          text: "Hi & bye",
          addressedTo: ["northwind"],
          author: { handle: "a@s.example", bio: "bio" },
        },
      },
      { kind: "upsert", edit: true, mention: { externalId: "1", text: "edited" } },
      { kind: "delete", network: "mastodon", externalId: "2" },
    ]);
    expect(out.ignored).toBe(1);
    const json = parseMastodon(
      `{"event":"update","payload":${JSON.stringify(JSON.stringify(status("9")))}}\n{"event":"notification","payload":"{}"}`,
    );
    expect(json.events).toHaveLength(1);
    expect(json.ignored).toBe(1);
  });

  it("Bluesky: updates are edits, replies keep their thread, other collections are ignored", () => {
    const line = (op: string, record: Record<string, unknown> = {}) =>
      JSON.stringify({
        did: "did:plc:x",
        time_us: 5,
        kind: "commit",
        commit: {
          operation: op,
          collection: "app.bsky.feed.post",
          rkey: "k",
          record: { text: "t", createdAt: "2026-11-27T10:00:00Z", ...record },
        },
      });
    const out = parseBluesky(
      [
        line("update", { reply: { root: { uri: "at://r" }, parent: { uri: "at://p" } } }),
        '{"did":"did:plc:y","kind":"identity"}',
      ].join("\n"),
    );
    expect(out.events).toMatchObject([
      {
        kind: "upsert",
        edit: true,
        mention: { threadKey: "at://r", inReplyToId: "at://p", author: { handle: "did:plc:x" } },
      },
    ]);
    expect(out.ignored).toBe(1);
    expect(out.cursor).toBe(5);
  });

  it("Reddit: nested replies become mentions in their thread; more stubs are ignored", () => {
    const comment = (id: string, replies: unknown = "") => ({
      kind: "t1",
      data: {
        id,
        name: `t1_${id}`,
        body: `body ${id}`,
        author: "u",
        created_utc: 1767000000,
        link_id: "t3_p",
        parent_id: "t3_p",
        permalink: `/r/x/comments/p/_/${id}/`,
        replies,
      },
    });
    const listing = [
      {
        kind: "Listing",
        data: {
          children: [
            {
              kind: "t3",
              data: {
                id: "p",
                name: "t3_p",
                title: "Title",
                selftext: "Self",
                is_self: true,
                author: "op",
                created_utc: 1767000000,
                permalink: "/r/x/comments/p/",
              },
            },
          ],
        },
      },
      {
        kind: "Listing",
        data: {
          children: [
            comment("c1", {
              kind: "Listing",
              data: { children: [comment("c2"), { kind: "more", data: { count: 3 } }] },
            }),
          ],
        },
      },
    ];
    const out = parseReddit(JSON.stringify(listing));
    expect(out.events.map((e) => e.kind === "upsert" && [e.mention.externalId, e.mention.threadKey])).toEqual([
      ["t3_p", "t3_p"],
      ["t1_c1", "t3_p"],
      ["t1_c2", "t3_p"],
    ]);
    expect(out.ignored).toBe(1);
  });

  it("X: search pages with retweets, replies and edit history", () => {
    const page = {
      data: [
        {
          id: "2",
          author_id: "9",
          text: "@northwind help",
          created_at: "2026-11-27T10:00:00Z",
          conversation_id: "1",
          referenced_tweets: [{ type: "replied_to", id: "1" }],
          entities: { mentions: [{ username: "northwind" }] },
          edit_history_tweet_ids: ["0", "2"],
        },
        {
          id: "3",
          author_id: "9",
          text: "RT",
          created_at: "2026-11-27T10:00:00Z",
          referenced_tweets: [{ type: "retweeted", id: "1" }],
        },
      ],
      includes: { users: [{ id: "9", username: "amy", public_metrics: { followers_count: 3 } }] },
      meta: { result_count: 2 },
    };
    const out = parseX(JSON.stringify(page));
    expect(out.events).toMatchObject([
      {
        kind: "upsert",
        edit: true,
        mention: {
          externalId: "0",
          url: "https://x.com/amy/status/2",
          threadKey: "1",
          inReplyToId: "1",
          addressedTo: ["northwind"],
        },
      },
    ]);
    expect(out.ignored).toBe(1);
    expect(parseX('{"meta":{"result_count":0}}').rejected).toEqual([]);
  });

  it("YouTube: replies point at their parent", () => {
    const c = (id: string, parentId?: string) => ({
      id,
      snippet: {
        textOriginal: `text ${id}`,
        publishedAt: "2026-11-27T10:00:00Z",
        authorDisplayName: "A",
        authorChannelId: { value: "ch" },
        ...(parentId ? { parentId } : {}),
      },
    });
    const out = parseYouTube(
      JSON.stringify({
        items: [
          {
            kind: "youtube#commentThread",
            id: "th",
            snippet: { videoId: "v", topLevelComment: c("top") },
            replies: { comments: [c("r1", "top")] },
          },
        ],
      }),
    );
    expect(out.events).toMatchObject([
      { mention: { externalId: "top", threadKey: "th", url: "https://www.youtube.com/watch?v=v&lc=top" } },
      { mention: { externalId: "r1", inReplyToId: "top" } },
    ]);
  });

  it("RSS: items without dates are dated now; HTML is text", () => {
    const out = parseRss(
      '<rss version="2.0"><channel><link>https://blog.example/</link><item><title>T &amp; U</title><link>https://blog.example/a</link><description>&lt;b&gt;bold&lt;/b&gt; text</description></item></channel></rss>',
    );
    expect(out.events).toMatchObject([
      {
        mention: {
          externalId: "https://blog.example/a",
          title: "T & U",
          text: "bold text",
          author: { accountId: "blog.example" },
        },
      },
    ]);
  });

  it("JSONL: deletions, and precise rejections", () => {
    const out = parseJsonl(
      '{"deleted":true,"network":"x","externalId":"1"}\n{"deleted":true,"network":"nope","externalId":"1"}',
    );
    expect(out.events).toEqual([{ kind: "delete", network: "x", externalId: "1" }]);
    expect(out.rejected).toEqual([{ where: "line 2", reason: "A deletion needs network and externalId" }]);
  });

  it("never throws on garbage, for every format", () => {
    const garbage = [
      "",
      "null",
      "[]",
      "{}",
      "<<<",
      "\u0000\u0001",
      '{"entry":[{"changes":[null]}],"object":"page"}',
      "[1,2,3]",
      '{"data":null}',
      '{"items":[null]}',
    ];
    for (const format of FORMATS) for (const g of garbage) expect(() => parseFormat(format, g)).not.toThrow();
  });

  it("X: a tweet without created_at is dated by its snowflake id, else when it was received", () => {
    const received = new Date("2026-12-01T00:00:00Z");
    // X API v2's default fields are only id and text.
    const out = parseX(
      '{"data":[{"id":"1460323737035677698","text":"default fields"},{"id":"12345","text":"pre-snowflake"},{"id":"1460323737035677698x","text":"odd id"}]}',
      { receivedAt: received },
    );
    expect(out.rejected).toEqual([]);
    expect(out.events.map((e) => e.kind === "upsert" && e.mention.createdAt.toISOString())).toEqual([
      "2021-11-15T19:08:05.069Z",
      received.toISOString(),
      received.toISOString(),
    ]);
  });

  it("X: the three characters X escapes in text (&amp; &lt; &gt;) are unescaped, nothing else", () => {
    const out = parseX(
      '{"data":[{"id":"1460323737035677698","text":"Bags &amp; seats &lt;3 &gt; &amp;amp; &eacute;"}]}',
    );
    expect(out.events[0].kind === "upsert" && out.events[0].mention.text).toBe("Bags & seats <3 > &amp; &eacute;");
  });

  it("Reddit: [deleted]/[removed] comments are deletions; comments without a permalink get one built from their ids", () => {
    const comment = (id: string, data: Record<string, unknown>) => ({
      kind: "t1",
      data: {
        id,
        name: `t1_${id}`,
        created_utc: 1767000000,
        link_id: "t3_p1",
        parent_id: "t3_p1",
        subreddit: "airlines",
        ...data,
      },
    });
    const listing = {
      kind: "Listing",
      data: {
        children: [
          comment("c1", { body: "[deleted]", author: "[deleted]" }),
          comment("c2", {
            body: "[removed]",
            author: "someone",
            replies: {
              kind: "Listing",
              data: { children: [comment("c3", { body: "a reply &amp; more", author: "u" })] },
            },
          }),
          comment("c4", { body: "still here", author: "[deleted]" }),
        ],
      },
    };
    const out = parseReddit(JSON.stringify(listing));
    expect(out.rejected).toEqual([]);
    expect(out.events).toMatchObject([
      { kind: "delete", network: "reddit", externalId: "t1_c1" },
      { kind: "delete", network: "reddit", externalId: "t1_c2" },
      {
        kind: "upsert",
        mention: {
          externalId: "t1_c3",
          text: "a reply & more",
          url: "https://www.reddit.com/r/airlines/comments/p1/comment/c3/",
          threadKey: "t3_p1",
        },
      },
      // The account was deleted, the comment was not: still a mention, without an author.
      { kind: "upsert", mention: { externalId: "t1_c4", text: "still here", author: null } },
    ]);
    const post = parseReddit(
      JSON.stringify({
        kind: "t3",
        data: {
          id: "p9",
          name: "t3_p9",
          title: "A &amp; B",
          selftext: "",
          is_self: true,
          created_utc: 1767000000,
          subreddit: "airlines",
        },
      }),
    );
    expect(post.events).toMatchObject([
      { mention: { url: "https://www.reddit.com/r/airlines/comments/p9/", title: "A & B" } },
    ]);
  });

  it("Mastodon: search results are unwrapped; accounts and hashtags are ignored; all HTML entities decoded", () => {
    const search = {
      accounts: [
        { id: "1", acct: "a", username: "a" },
        { id: "2", acct: "b", username: "b" },
      ],
      statuses: [status("7", { content: "<p>Caf&eacute; &mdash; l&rsquo;avion</p>" })],
      hashtags: [{ name: "northwind" }],
    };
    const out = parseMastodon(JSON.stringify(search));
    expect(out.rejected).toEqual([]);
    expect(out.events).toMatchObject([{ kind: "upsert", mention: { externalId: "7", text: "Café — l’avion" } }]);
    expect(out.ignored).toBe(3);
  });

  it("RSS: Café — l’avion from entities, as in Mastodon", () => {
    const out = parseRss(
      "<rss><channel><item><guid>1</guid><title>Caf&eacute; &mdash; l&rsquo;avion</title></item></channel></rss>",
    );
    expect(out.events).toMatchObject([{ mention: { title: "Café — l’avion" } }]);
  });

  it("an unreadable document is one rejection; JSON lines keep their good lines", () => {
    const pretty = JSON.stringify(
      {
        data: [
          { id: "1", text: "a", created_at: "2026-11-27T10:00:00Z" },
          { id: "2", text: "b" },
        ],
      },
      null,
      2,
    );
    for (const format of ["x", "mastodon", "reddit", "facebook", "instagram", "youtube"] as const) {
      const out = parseFormat(format, pretty.slice(0, pretty.length - 20)); // truncated mid-document
      expect(out.events).toEqual([]);
      expect(out.rejected).toEqual([
        { where: "document", reason: expect.stringMatching(/^Could not read the JSON document \(/) },
      ]);
    }
    const line = (id: string) => JSON.stringify({ data: { id, text: "t", created_at: "2026-11-27T10:00:00Z" } });
    const stream = [line("1"), line("2"), "", line("3").slice(0, 25)].join("\n");
    const out = parseX(stream);
    expect(out.events).toHaveLength(2);
    expect(out.rejected).toEqual([{ where: "line 4", reason: expect.stringMatching(/^Malformed JSON/) }]);
  });

  it("accounts for every item: each is one event, one ignored or one rejection", () => {
    const fb = {
      object: "page",
      entry: [
        {
          id: "1",
          time: 1,
          changes: [
            { field: "feed", value: { item: "like", verb: "add" } },
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                comment_id: "c",
                post_id: "p",
                message: "m",
                from: { id: "u" },
                created_time: 1767000000,
              },
            },
          ],
        },
        "not an entry",
        { id: "1", time: 1, messaging: [{}] },
      ],
    };
    const out = parseFacebook(JSON.stringify(fb));
    expect(out).toMatchObject({
      ignored: 2,
      rejected: [{ where: "document, entry 2", reason: "Entry is not an object" }],
    });
    expect(out.events).toHaveLength(1);
    expect(outcomes(out)).toBe(4);
    const sse = `event: update\ndata: ${JSON.stringify(status("1"))}\n\n:thump\n\ndata: {"orphan": true}\n\n`;
    const masto = parseMastodon(sse);
    expect(masto.events).toHaveLength(1);
    expect(masto.rejected).toEqual([{ where: "event 3", reason: "Event data without an event name" }]);
  });
});
