// Every captured payload in ../shared/fixtures through the whole pipeline; and posts whose
// fields hold what PostgreSQL refuses (NUL, lone surrogates) stored all the same.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import type { FormatName } from "@/lib/ingest/formats";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";
import { hasShared, SHARED_DIR } from "../support/shared";

// Expected per file: new mentions on first ingest, and what the parser could not use.
const EXPECTED: Record<
  string,
  {
    format: FormatName;
    files: Record<string, { accepted: number; rejected?: number; deleted?: number; ignored?: number }>;
  }
> = {
  "x-v2": {
    format: "x",
    files: {
      "brexit.jsonl": { accepted: 33, ignored: 67 },
      "edited.jsonl": { accepted: 1 },
      "media_tweet.jsonl": { accepted: 1 },
      "mentions_tweet.jsonl": { accepted: 0, ignored: 1 },
      "streaming_output_with_error.jsonl": { accepted: 7, rejected: 1 },
      "two_tweets.jsonl": { accepted: 0, ignored: 1 },
    },
  },
  mastodon: {
    format: "mastodon",
    files: {
      "account.json": { accepted: 0, rejected: 1 },
      "context.json": { accepted: 3 },
      "public_timeline.json": { accepted: 20 },
      "status.json": { accepted: 1 },
      "statuses.json": { accepted: 1 },
    },
  },
  bluesky: { format: "bluesky", files: { "jetstream_golden_v1.jsonl": { accepted: 1, ignored: 9 } } },
  reddit: {
    format: "reddit",
    files: {
      "inbox.json": { accepted: 1, ignored: 4 },
      "more.json": { accepted: 50, ignored: 11 },
      "subreddit.json": { accepted: 27 },
    },
  },
  facebook: {
    format: "facebook",
    files: {
      "feed-comment-add-25.json": { accepted: 1 },
      "feed-comment-hide.json": { accepted: 0 },
      "feed-comment-remove-25.json": { accepted: 0 },
      "feed-like-add-25.json": { accepted: 0, ignored: 1 },
      "feed-post-add-25.json": { accepted: 1 },
      "feed-post-edit.json": { accepted: 1 },
      "feed-reaction-add.json": { accepted: 0, ignored: 1 },
      "feed-status-add-25.json": { accepted: 1 },
      "feed-two-entries-25.json": { accepted: 0, ignored: 2 },
      "mention-post-add.json": { accepted: 1 },
    },
  },
  instagram: {
    format: "instagram",
    files: { "wh-comments.json": { accepted: 1 }, "wh-mentions.json": { accepted: 1 } },
  },
  youtube: {
    format: "youtube",
    files: {
      "comment_thread_single.json": { accepted: 1 },
      "comment_threads_by_video_paged_1.json": { accepted: 5 },
      "comment_threads_multi.json": { accepted: 2 },
    },
  },
  rss: {
    format: "rss",
    files: {
      "content-encoded.rss": { accepted: 7 },
      "encoding.rss": { accepted: 40 },
      "guardian.rss": { accepted: 55 },
      "heise.atom": { accepted: 15 },
      "incomplete-fields.atom": { accepted: 0, rejected: 1 },
      "missing-fields.atom": { accepted: 0, rejected: 1 },
      "reddit.rss": { accepted: 24 },
      "rss-1.rss": { accepted: 69 },
    },
  },
};

/** A workspace with one rule per network, so every post is relevant. */
async function listeningWorkspace(): Promise<TestWorkspace> {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Everything" } });
  await db().keywordRule.createMany({
    data: ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube", "rss"].map((n) => ({
      workspaceId: ws.id,
      brandId: brand.id,
      name: n,
      query: `source:${n}`,
    })),
  });
  return ws;
}

describe.skipIf(!hasShared)("ingesting the captured fixtures", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await listeningWorkspace();
    for (const [dir, spec] of Object.entries(EXPECTED)) {
      for (const file of Object.keys(spec.files))
        await ingestDocument(ws.id, spec.format, readFileSync(path.join(SHARED_DIR, "fixtures", dir, file)));
    }
  });

  it("covers every file in ../shared/fixtures", () => {
    for (const [dir, spec] of Object.entries(EXPECTED)) {
      expect(readdirSync(path.join(SHARED_DIR, "fixtures", dir)).sort()).toEqual(Object.keys(spec.files).sort());
    }
  });

  for (const [dir, spec] of Object.entries(EXPECTED)) {
    for (const [file, expected] of Object.entries(spec.files)) {
      it(`${dir}/${file}: ${expected.accepted} new, replay adds nothing`, async () => {
        const body = readFileSync(path.join(SHARED_DIR, "fixtures", dir, file));
        const fresh = await listeningWorkspace();
        const first = await ingestDocument(fresh.id, spec.format, body);
        expect(first.accepted).toBe(expected.accepted);
        expect(first.rejected).toHaveLength(expected.rejected ?? 0);
        expect(first.ignored).toBe(expected.ignored ?? 0);
        const again = await ingestDocument(fresh.id, spec.format, body);
        expect(again.accepted).toBe(0);
        expect(again.duplicates + again.updated).toBe(expected.accepted);
      });
    }
  }

  it("keeps X rule ids beyond 2^53 exact and reports the truncated stream line by number", async () => {
    const body = readFileSync(path.join(SHARED_DIR, "fixtures/x-v2/streaming_output_with_error.jsonl"));
    const summary = await ingestDocument(ws.id, "x", body);
    expect(summary.rejected).toEqual([{ where: "line 8", reason: expect.stringMatching(/Malformed JSON/) }]);
    const stored = await db().mention.findFirst({
      where: { workspaceId: ws.id, network: "x", raw: { path: ["matching_rules"], not: "null" } },
    });
    const rules = (stored?.raw as { matching_rules: Array<{ id: unknown }> }).matching_rules;
    expect(rules[0].id).toBe("1377649934414049282");
    expect(stored?.url).toMatch(/^https:\/\/x\.com\/[^/]+\/status\/\d+$/);
  });

  it("marks Facebook removals deleted, applies edits keeping the previous text", async () => {
    const fb = (name: string) => readFileSync(path.join(SHARED_DIR, "fixtures/facebook", name));
    const comment = await db().mention.findFirst({
      where: { workspaceId: ws.id, network: "facebook", externalId: "901097836652708_903438993085259" },
    });
    expect(comment?.deleted).toBe(false);
    // The captured removal names another comment; point it at the one we stored.
    const removal = JSON.parse(fb("feed-comment-remove-25.json").toString());
    removal.entry[0].changes[0].value.comment_id = "901097836652708_903438993085259";
    const removed = await ingestDocument(ws.id, "facebook", JSON.stringify(removal));
    expect(removed.deleted).toBe(1);
    const after = await db().mention.findFirstOrThrow({ where: { id: comment!.id } });
    expect(after.deleted).toBe(true);
    expect(after.text).toBe(""); // erased: deleted at the source, deleted here (the row stays, counted)
    expect(after.redactedAt).not.toBeNull();
    const edited = JSON.parse(fb("feed-post-edit.json").toString());
    edited.entry[0].changes[0].value.message = "Let's check this (edited)";
    const summary = await ingestDocument(ws.id, "facebook", JSON.stringify(edited));
    expect(summary.updated).toBe(1);
    const post = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, network: "facebook", externalId: "1234567890321_7293787835232" },
    });
    expect(post.text).toBe("Let's check this (edited)");
    expect(post.previousTexts).toEqual(["Let's check this"]);
    expect(post.edited).toBe(true);
  });

  it("decodes feed encodings (ISO-8859-1) and turns HTML into text", async () => {
    const m = await db().mention.findFirst({ where: { workspaceId: ws.id, network: "rss", text: { contains: "ç" } } });
    expect(m).not.toBeNull();
    const mastodon = await db().mention.findMany({ where: { workspaceId: ws.id, network: "mastodon" } });
    for (const x of mastodon) expect(x.text).not.toMatch(/<\/?p>/);
  });
});

describe("posts with characters PostgreSQL cannot store", () => {
  it("stores them cleaned instead of failing the batch (text, ids, author, and raw JSONB keys and values)", async () => {
    const ws = await listeningWorkspace();
    const status = {
      id: "nul-1",
      url: "https://social.example/@a/nul-1",
      created_at: "2026-11-27T10:00:00Z",
      content: "<p>Bag\u0000 lost\u0007 \ud800 &eacute;</p>",
      account: { id: "1\u0000", acct: "a\u0000@social.example", display_name: "A\ud800" },
      reblog: null,
      "k\u0000ey": ["v\u0000"],
    };
    const jsonl = [
      JSON.stringify({
        network: "rss",
        externalId: "w\u0000-1",
        createdAt: "2026-11-27T10:00:00Z",
        text: "t\u0000ext",
        threadKey: "th\u0000",
        raw: { "\u0000": "\udc00", nested: [{ "a\u0000": "b\u0000" }] },
      }),
      JSON.stringify({
        network: "rss",
        externalId: "w-2",
        createdAt: "2026-11-27T10:00:00Z",
        text: "clean neighbour in the same batch",
      }),
    ].join("\n");
    const mastodon = await ingestDocument(ws.id, "mastodon", JSON.stringify([status]));
    const lines = await ingestDocument(ws.id, "jsonl", jsonl);
    expect(mastodon).toMatchObject({ accepted: 1, rejected: [] });
    expect(lines).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await db().mention.findMany({
      where: { workspaceId: ws.id },
      orderBy: { externalId: "asc" },
      include: { author: true },
    });
    expect(stored.map((m) => [m.externalId, m.text])).toEqual([
      ["nul-1", "Bag lost \ufffd é"],
      ["w-1", "text"],
      ["w-2", "clean neighbour in the same batch"],
    ]);
    expect(stored[0].author).toMatchObject({ accountId: "1", handle: "a@social.example", displayName: "A\ufffd" });
    expect(stored[0].raw).toMatchObject({ key: ["v"] });
    expect(stored[1]).toMatchObject({ threadKey: "th", raw: { "": "\ufffd", nested: [{ a: "b" }] } });
  });
});
