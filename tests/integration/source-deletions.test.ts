// Deleted at the source, deleted here (issue #18, item 5): a post its author deleted keeps its
// row (counted, in its case, "deleted by its author") but loses its text, title, link, earlier
// versions, payload and reply data, and their copies: the inbound case message, the case's
// subject and search text, rule-match spans, learned examples, webhook deliveries. Per network,
// with the real captured payloads from ../shared/fixtures (ids adapted so the deletion names the
// post stored).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import type { FormatName } from "@/lib/ingest/formats";
import { getCaseByNumber } from "@/lib/cases/detail";
import { listeningMetrics } from "@/lib/metrics/listening";
import { makePeriod } from "@/lib/metrics/period";
import { learn } from "@/lib/enrich/learn/store";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";
import { hasShared, SHARED_DIR } from "../support/shared";

const fixture = (rel: string) => readFileSync(path.join(SHARED_DIR, "fixtures", rel), "utf8");

/** Every post is relevant (one rule per network) and opens a case (one routing rule); webhooks want everything. */
async function workspace(): Promise<TestWorkspace> {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Everything" } });
  await db().keywordRule.createMany({
    data: ["x", "bluesky", "reddit", "facebook"].map((n) => ({
      workspaceId: ws.id,
      brandId: brand.id,
      name: n,
      query: `source:${n}`,
    })),
  });
  await db().routingRule.create({
    data: { workspaceId: ws.id, name: "Every post", position: 0, conditions: {}, actions: { createCase: true } },
  });
  await db().webhookEndpoint.create({
    data: {
      workspaceId: ws.id,
      url: "https://hooks.example/earshot",
      events: ["mention.created", "case.created"],
      secret: "sealed-elsewhere",
      secretHint: "•••• test",
    },
  });
  return ws;
}

interface NetworkCase {
  network: "x" | "bluesky" | "reddit" | "facebook";
  format: FormatName;
  /** The captured post. */
  post: () => string;
  /** The captured deletion, pointed at that post. */
  deletion: (stored: { externalId: string }) => string;
  /** The deletion's format, when not the post's. */
  deletionFormat?: FormatName;
}

const blueskyLines = () => fixture("bluesky/jetstream_golden_v1.jsonl").split("\n").filter(Boolean);
const redditThing = () => {
  const more = JSON.parse(fixture("reddit/more.json"));
  return more.json.data.things[0];
};

const NETWORKS: NetworkCase[] = [
  {
    network: "x",
    format: "x",
    post: () => fixture("x-v2/media_tweet.jsonl"),
    // Earshot receives X deletions as JSON lines (the X parser reads posts only): the line a
    // compliance feed is turned into.
    deletion: ({ externalId }) => JSON.stringify({ deleted: true, network: "x", externalId }),
    deletionFormat: "jsonl",
  },
  {
    network: "bluesky",
    format: "bluesky",
    post: () => blueskyLines().find((l) => l.includes('"collection":"app.bsky.feed.post"'))!,
    // The captured delete commit (of another collection), for the post's record.
    deletion: () => {
      const post = JSON.parse(blueskyLines().find((l) => l.includes('"collection":"app.bsky.feed.post"'))!);
      const deletion = JSON.parse(blueskyLines().find((l) => l.includes('"operation":"delete"'))!);
      deletion.did = post.did;
      deletion.commit.collection = "app.bsky.feed.post";
      deletion.commit.rkey = post.commit.rkey;
      return JSON.stringify(deletion);
    },
  },
  {
    network: "reddit",
    format: "reddit",
    post: () => JSON.stringify({ json: { errors: [], data: { things: [redditThing()] } } }),
    // A deleted comment comes back in listings with its body and author "[deleted]".
    deletion: () => {
      const thing = redditThing();
      thing.data.body = "[deleted]";
      thing.data.body_html = '&lt;div class="md"&gt;&lt;p&gt;[deleted]&lt;/p&gt;\n&lt;/div&gt;';
      thing.data.author = "[deleted]";
      return JSON.stringify({ json: { errors: [], data: { things: [thing] } } });
    },
  },
  {
    network: "facebook",
    format: "facebook",
    post: () => fixture("facebook/feed-comment-add-25.json"),
    deletion: ({ externalId }) => {
      const removal = JSON.parse(fixture("facebook/feed-comment-remove-25.json"));
      removal.entry[0].changes[0].value.comment_id = externalId;
      return JSON.stringify(removal);
    },
  },
];

const period = makePeriod({ from: "2000-01-01", to: "2030-12-31" }, "UTC");

/** Everything personal about the mention is gone; the row, its case and its counts stay. */
async function expectErased(ws: TestWorkspace, mentionId: string, caseNumber: number) {
  const m = await db().mention.findUniqueOrThrow({ where: { id: mentionId } });
  expect(m).toMatchObject({
    deleted: true,
    text: "",
    title: null,
    url: null,
    previousTexts: [],
    raw: null,
    replyRef: null,
  });
  expect(m.redactedAt).toBeInstanceOf(Date);
  const messages = await db().caseMessage.findMany({ where: { workspaceId: ws.id, mentionId } });
  expect(messages.length).toBe(1);
  expect(messages.map((x) => x.body)).toEqual([""]);
  const matches = await db().mentionRuleMatch.findMany({ where: { mentionId } });
  expect(matches.length).toBeGreaterThan(0); // still counted under its rule
  for (const r of matches) expect(r.spans).toEqual([]);
  expect(await db().sentimentLabel.count({ where: { workspaceId: ws.id, mentionId } })).toBe(0);
  const detail = await getCaseByNumber(ws.id, caseNumber);
  expect(detail.subject).toBe("(deleted by its author)");
  const item = detail.conversation.find((c) => c.kind === "inbound" && c.mentionId === mentionId);
  expect(item).toMatchObject({ kind: "inbound", deleted: true, text: "", title: null, url: null });
  const kase = await db().case.findUniqueOrThrow({ where: { id: detail.id } });
  expect(kase.searchText.trim()).toBe("(deleted by its author)");
  for (const o of await db().outboxItem.findMany({ where: { workspaceId: ws.id, kind: "webhook" } })) {
    const data = (o.payload as { data: Record<string, unknown> }).data;
    expect(data.redacted).toBe(true);
    expect(Object.keys(data).sort()).toEqual(expect.arrayContaining(["redacted"]));
    expect(data).not.toHaveProperty("text");
    expect(data).not.toHaveProperty("subject");
  }
}

describe.skipIf(!hasShared)("deleted at the source, deleted here: each network's real deletion payload", () => {
  for (const n of NETWORKS) {
    it(`${n.network}: the post's words, link, payload and copies are erased; the row, its case and the totals stay`, async () => {
      const ws = await workspace();
      const first = await ingestDocument(ws.id, n.format, n.post());
      expect(first.accepted).toBe(1);
      expect(first.cases.created).toBe(1);
      const stored = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, network: n.network } });
      expect(stored.text.length + (stored.title?.length ?? 0)).toBeGreaterThan(0);
      expect(stored.raw).not.toBeNull();
      // An agent's correction made it a learned example.
      await learn(ws.id, [{ text: stored.text, label: "NEGATIVE", mentionId: stored.id }], "correction", null);
      const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
      expect(await db().outboxItem.count({ where: { workspaceId: ws.id, kind: "webhook" } })).toBe(2);
      const before = await listeningMetrics(ws.id, period, {});

      const summary = await ingestDocument(ws.id, n.deletionFormat ?? n.format, n.deletion(stored));
      expect(summary).toMatchObject({ deleted: 1, accepted: 0, rejected: [] });

      await expectErased(ws, stored.id, kase.number);
      expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(1);
      const after = await listeningMetrics(ws.id, period, {});
      expect(after.total).toBe(before.total);
      expect(after.deleted).toBe(before.deleted + 1);
      expect(after.byRule).toEqual(before.byRule);
      // The same deletion again changes nothing and counts as a duplicate.
      const again = await ingestDocument(ws.id, n.deletionFormat ?? n.format, n.deletion(stored));
      expect(again).toMatchObject({ deleted: 0, duplicates: 1 });
    });
  }

  it("bluesky: a deletion that arrives before its post stores the post already erased, opening no case", async () => {
    const ws = await workspace();
    const net = NETWORKS.find((x) => x.network === "bluesky")!;
    const early = await ingestDocument(ws.id, "bluesky", net.deletion({ externalId: "" }));
    expect(early.deferredDeletes).toBe(1);
    const late = await ingestDocument(ws.id, "bluesky", net.post());
    expect(late).toMatchObject({ accepted: 1, cases: { created: 0 } });
    const m = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(m).toMatchObject({ deleted: true, text: "", title: null, url: null, raw: null, replyRef: null });
    expect(m.redactedAt).toBeInstanceOf(Date);
    for (const r of await db().mentionRuleMatch.findMany({ where: { mentionId: m.id } })) expect(r.spans).toEqual([]);
    expect(await db().case.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().deletedPost.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().outboxItem.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("edited posts' earlier versions (settings.privacy.eraseEditHistory)", () => {
  const post = (text: string, edited = false) =>
    JSON.stringify({
      network: "x",
      externalId: "e1",
      createdAt: "2026-11-20T10:00:00Z",
      text,
      author: { accountId: "acct-ed", handle: "ed" },
      edited,
    });

  async function editedWorkspace(eraseEditHistory: boolean) {
    const ws = await workspace();
    await db().workspace.update({ where: { id: ws.id }, data: { settings: { privacy: { eraseEditHistory } } } });
    await ingestDocument(ws.id, "jsonl", post("EARLIER-VERSION my bag is lost"));
    const summary = await ingestDocument(ws.id, "jsonl", post("my bag was found, thanks", true));
    expect(summary.updated).toBe(1);
    const m = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const message = await db().caseMessage.findFirstOrThrow({ where: { mentionId: m.id } });
    const outbox = await db().outboxItem.findMany({ where: { workspaceId: ws.id } });
    return { m, kase, message, outbox };
  }

  it("are kept by default", async () => {
    const { m, kase } = await editedWorkspace(false);
    expect(m.text).toBe("my bag was found, thanks");
    expect(m.previousTexts).toEqual(["EARLIER-VERSION my bag is lost"]);
    expect(kase.subject).toBe("EARLIER-VERSION my bag is lost");
  });

  it("are erased everywhere when the workspace says so: previous texts, payload, case message, subject, search, webhooks", async () => {
    const { m, kase, message, outbox } = await editedWorkspace(true);
    expect(m.text).toBe("my bag was found, thanks");
    expect(m.previousTexts).toEqual([]);
    expect(JSON.stringify(m.raw ?? null)).not.toContain("EARLIER-VERSION");
    expect(message.body).toBe("my bag was found, thanks");
    expect(kase.subject).toBe("my bag was found, thanks");
    expect(kase.searchText).not.toContain("EARLIER-VERSION");
    expect(kase.searchText).toContain("found");
    expect(outbox.length).toBe(2);
    for (const o of outbox) expect(JSON.stringify(o.payload)).not.toContain("EARLIER-VERSION");
  });
});
