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

const status = (id: string, extra: Record<string, unknown> = {}) => ({ id, url: `https://s.example/@a/${id}`, created_at: "2026-11-27T10:00:00Z", content: "<p>Hi &amp; <a href='#'>bye</a></p>", account: { id: "1", acct: "a@s.example", followers_count: 5, note: "<p>bio</p>" }, reblog: null, mentions: [{ acct: "northwind" }], ...extra });

describe("format parsers", () => {
  it("Mastodon: SSE and JSON streaming events, edits, deletes, boosts", () => {
    const sse = `event: update\ndata: ${JSON.stringify(status("1"))}\n\nevent: status.update\ndata: ${JSON.stringify(status("1", { content: "<p>edited</p>", edited_at: "2026-11-27T11:00:00Z" }))}\n\nevent: delete\ndata: 2\n\nevent: update\ndata: ${JSON.stringify(status("3", { reblog: status("1") }))}\n\n`;
    const out = parseMastodon(sse);
    expect(out.events).toMatchObject([
      { kind: "upsert", mention: { externalId: "1", text: "Hi & bye", addressedTo: ["northwind"], author: { handle: "a@s.example", bio: "bio" } } },
      { kind: "upsert", edit: true, mention: { externalId: "1", text: "edited" } },
      { kind: "delete", network: "mastodon", externalId: "2" },
    ]);
    expect(out.ignored).toBe(1);
    const json = parseMastodon(`{"event":"update","payload":${JSON.stringify(JSON.stringify(status("9")))}}\n{"event":"notification","payload":"{}"}`);
    expect(json.events).toHaveLength(1);
    expect(json.ignored).toBe(1);
  });

  it("Bluesky: updates are edits, replies keep their thread, other collections are ignored", () => {
    const line = (op: string, record: Record<string, unknown> = {}) => JSON.stringify({ did: "did:plc:x", time_us: 5, kind: "commit", commit: { operation: op, collection: "app.bsky.feed.post", rkey: "k", record: { text: "t", createdAt: "2026-11-27T10:00:00Z", ...record } } });
    const out = parseBluesky([line("update", { reply: { root: { uri: "at://r" }, parent: { uri: "at://p" } } }), '{"did":"did:plc:y","kind":"identity"}'].join("\n"));
    expect(out.events).toMatchObject([{ kind: "upsert", edit: true, mention: { threadKey: "at://r", inReplyToId: "at://p", author: { handle: "did:plc:x" } } }]);
    expect(out.ignored).toBe(1);
    expect(out.cursor).toBe(5);
  });

  it("Reddit: nested replies become mentions in their thread; more stubs are ignored", () => {
    const comment = (id: string, replies: unknown = "") => ({ kind: "t1", data: { id, name: `t1_${id}`, body: `body ${id}`, author: "u", created_utc: 1767000000, link_id: "t3_p", parent_id: "t3_p", permalink: `/r/x/comments/p/_/${id}/`, replies } });
    const listing = [{ kind: "Listing", data: { children: [{ kind: "t3", data: { id: "p", name: "t3_p", title: "Title", selftext: "Self", is_self: true, author: "op", created_utc: 1767000000, permalink: "/r/x/comments/p/" } }] } }, { kind: "Listing", data: { children: [comment("c1", { kind: "Listing", data: { children: [comment("c2"), { kind: "more", data: { count: 3 } }] } })] } }];
    const out = parseReddit(JSON.stringify(listing));
    expect(out.events.map((e) => e.kind === "upsert" && [e.mention.externalId, e.mention.threadKey])).toEqual([["t3_p", "t3_p"], ["t1_c1", "t3_p"], ["t1_c2", "t3_p"]]);
    expect(out.ignored).toBe(1);
  });

  it("X: search pages with retweets, replies and edit history", () => {
    const page = { data: [{ id: "2", author_id: "9", text: "@northwind help", created_at: "2026-11-27T10:00:00Z", conversation_id: "1", referenced_tweets: [{ type: "replied_to", id: "1" }], entities: { mentions: [{ username: "northwind" }] }, edit_history_tweet_ids: ["0", "2"] }, { id: "3", author_id: "9", text: "RT", created_at: "2026-11-27T10:00:00Z", referenced_tweets: [{ type: "retweeted", id: "1" }] }], includes: { users: [{ id: "9", username: "amy", public_metrics: { followers_count: 3 } }] }, meta: { result_count: 2 } };
    const out = parseX(JSON.stringify(page));
    expect(out.events).toMatchObject([{ kind: "upsert", edit: true, mention: { externalId: "0", url: "https://x.com/amy/status/2", threadKey: "1", inReplyToId: "1", addressedTo: ["northwind"] } }]);
    expect(out.ignored).toBe(1);
    expect(parseX('{"meta":{"result_count":0}}').rejected).toEqual([]);
  });

  it("YouTube: replies point at their parent", () => {
    const c = (id: string, parentId?: string) => ({ id, snippet: { textOriginal: `text ${id}`, publishedAt: "2026-11-27T10:00:00Z", authorDisplayName: "A", authorChannelId: { value: "ch" }, ...(parentId ? { parentId } : {}) } });
    const out = parseYouTube(JSON.stringify({ items: [{ kind: "youtube#commentThread", id: "th", snippet: { videoId: "v", topLevelComment: c("top") }, replies: { comments: [c("r1", "top")] } }] }));
    expect(out.events).toMatchObject([{ mention: { externalId: "top", threadKey: "th", url: "https://www.youtube.com/watch?v=v&lc=top" } }, { mention: { externalId: "r1", inReplyToId: "top" } }]);
  });

  it("RSS: items without dates are dated now; HTML is text", () => {
    const out = parseRss('<rss version="2.0"><channel><link>https://blog.example/</link><item><title>T &amp; U</title><link>https://blog.example/a</link><description>&lt;b&gt;bold&lt;/b&gt; text</description></item></channel></rss>');
    expect(out.events).toMatchObject([{ mention: { externalId: "https://blog.example/a", title: "T & U", text: "bold text", author: { accountId: "blog.example" } } }]);
  });

  it("JSONL: deletions, and precise rejections", () => {
    const out = parseJsonl('{"deleted":true,"network":"x","externalId":"1"}\n{"deleted":true,"network":"nope","externalId":"1"}');
    expect(out.events).toEqual([{ kind: "delete", network: "x", externalId: "1" }]);
    expect(out.rejected).toEqual([{ where: "line 2", reason: "A deletion needs network and externalId" }]);
  });

  it("never throws on garbage, for every format", () => {
    const garbage = ["", "null", "[]", "{}", "<<<", "\u0000\u0001", '{"entry":[{"changes":[null]}],"object":"page"}', "[1,2,3]", '{"data":null}', '{"items":[null]}'];
    for (const format of FORMATS) for (const g of garbage) expect(() => parseFormat(format, g)).not.toThrow();
  });
});
