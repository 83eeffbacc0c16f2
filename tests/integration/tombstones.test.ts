// Erasure tombstones at ingestion: later posts of an erased identity are dropped (the default)
// or stored anonymised (settings.privacy.afterErasure), never re-creating the person.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import type { IngestSummary } from "@/lib/ingest/pipeline";
import { listeningMetrics } from "@/lib/metrics/listening";
import { makePeriod } from "@/lib/metrics/period";
import { erasedExternalId, resetTombstoneKeys, tombstoneKey } from "@/lib/privacy/tombstones";
import { addTombstones, tombstonedKeys } from "@/lib/privacy/tombstone-store";
import { createTestWorkspace } from "../support/factory";

const post = (id: string, account: string, text: string) =>
  JSON.stringify({
    network: "x",
    externalId: id,
    createdAt: "2026-11-20T10:00:00Z",
    text,
    title: null,
    url: `https://x.com/${account}/status/${id}`,
    author: { accountId: account, handle: `h-${account}`, displayName: `Name ${account}`, bio: "bio of a person" },
    threadKey: id,
  });

const delivery = [
  post("g1", "gone-1", "northwind lost my bag, GONE-MARKER"),
  post("a1", "alive-1", "northwind lost my bag too"),
].join("\n");

async function workspace(afterErasure?: "drop" | "anonymise") {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  if (afterErasure)
    await db().workspace.update({ where: { id: ws.id }, data: { settings: { privacy: { afterErasure } } } });
  // As the erasure leaves it: a tombstone, nothing else.
  await db().erasureTombstone.create({ data: { workspaceId: ws.id, keyHash: tombstoneKey("x", "gone-1") } });
  return ws;
}

function expectBalanced(s: IngestSummary) {
  expect(s.received).toBe(
    s.accepted + s.duplicates + s.ignored + s.rejected.length + s.updated + s.deleted + s.deferredDeletes,
  );
}

const period = makePeriod({ from: "2026-11-01", to: "2026-11-30" }, "UTC");

describe("posts of an erased identity", () => {
  it("are dropped by default: counted as ignored, nothing stored, the person not re-created", async () => {
    const ws = await workspace();
    const summary = await ingestDocument(ws.id, "jsonl", delivery);
    expect(summary).toMatchObject({ received: 2, accepted: 1, ignored: 1, cases: { created: 1 } });
    expectBalanced(summary);
    const mentions = await db().mention.findMany({ where: { workspaceId: ws.id } });
    expect(mentions.map((m) => m.externalId)).toEqual(["a1"]);
    const identities = await db().socialIdentity.findMany({ where: { workspaceId: ws.id } });
    expect(identities.map((i) => i.accountId)).toEqual(["alive-1"]);
  });

  it("are stored anonymised when the workspace says so: counted, never linked, matched or routed", async () => {
    const ws = await workspace("anonymise");
    const summary = await ingestDocument(ws.id, "jsonl", delivery);
    expect(summary).toMatchObject({ received: 2, accepted: 2, ignored: 0, cases: { created: 1 } });
    expectBalanced(summary);
    const gone = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: erasedExternalId("x", "g1") },
    });
    expect(gone).toMatchObject({
      authorId: null,
      text: "",
      title: null,
      url: null,
      raw: null,
      replyRef: null,
      threadKey: null,
      inReplyToId: null,
      previousTexts: [],
      sentiment: null,
      intent: null,
      restricted: false,
    });
    expect(gone.redactedAt).toBeInstanceOf(Date);
    expect(await db().mentionRuleMatch.count({ where: { mentionId: gone.id } })).toBe(0);
    expect(await db().caseMessage.count({ where: { mentionId: gone.id } })).toBe(0);
    expect(await db().case.count({ where: { workspaceId: ws.id } })).toBe(1);
    const identities = await db().socialIdentity.findMany({ where: { workspaceId: ws.id } });
    expect(identities.map((i) => i.accountId)).toEqual(["alive-1"]);
    // Nothing of the person anywhere in the mention row.
    expect(JSON.stringify(gone)).not.toMatch(/GONE-MARKER|gone-1|g1"/);
    // Counted in the totals; a replay of the delivery adds nothing.
    expect((await listeningMetrics(ws.id, period, {})).total).toBe(2);
    const replay = await ingestDocument(ws.id, "jsonl", delivery);
    expect(replay).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(2);
  });

  it("does not touch other workspaces: the same identity elsewhere is stored as usual", async () => {
    await workspace();
    const other = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: other.id, name: "Northwind" } });
    await db().keywordRule.create({
      data: { workspaceId: other.id, brandId: brand.id, name: "nw", query: "northwind" },
    });
    const summary = await ingestDocument(other.id, "jsonl", delivery);
    expect(summary).toMatchObject({ accepted: 2, ignored: 0 });
  });
});

describe("the tombstone store", () => {
  const saved = { key: process.env.EARSHOT_SECRET_KEY, previous: process.env.EARSHOT_SECRET_KEY_PREVIOUS };
  afterEach(() => {
    for (const [name, value] of [
      ["EARSHOT_SECRET_KEY", saved.key],
      ["EARSHOT_SECRET_KEY_PREVIOUS", saved.previous],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    resetTombstoneKeys();
  });

  it("adds tombstones idempotently and finds them in one query for a batch of identities", async () => {
    const ws = await createTestWorkspace();
    const pairs = [
      { network: "x", accountId: "1" },
      { network: "bluesky", accountId: "did:plc:abc" },
    ];
    expect(await db().$transaction((tx) => addTombstones(tx, ws.id, pairs))).toBe(2);
    expect(await db().$transaction((tx) => addTombstones(tx, ws.id, pairs))).toBe(0);
    const rows = await db().erasureTombstone.findMany({ where: { workspaceId: ws.id } });
    expect(rows.map((r) => r.keyHash).sort()).toEqual(pairs.map((p) => tombstoneKey(p.network, p.accountId)).sort());
    for (const r of rows) expect(r.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const found = await tombstonedKeys(ws.id, [
      ...pairs,
      { network: "x", accountId: "2" },
      { network: "reddit", accountId: "1" },
    ]);
    expect([...found].sort()).toEqual(["bluesky\u0000did:plc:abc", "x\u00001"]);
    const elsewhere = await createTestWorkspace();
    expect((await tombstonedKeys(elsewhere.id, pairs)).size).toBe(0);
  });

  it("is keyed by the secret key, and still finds tombstones written under the previous key after a rotation", async () => {
    const ws = await createTestWorkspace();
    process.env.EARSHOT_SECRET_KEY = "a".repeat(64);
    resetTombstoneKeys();
    const before = tombstoneKey("x", "42");
    await db().$transaction((tx) => addTombstones(tx, ws.id, [{ network: "x", accountId: "42" }]));
    process.env.EARSHOT_SECRET_KEY = "b".repeat(64);
    process.env.EARSHOT_SECRET_KEY_PREVIOUS = "a".repeat(64);
    resetTombstoneKeys();
    expect(tombstoneKey("x", "42")).not.toBe(before);
    expect([...(await tombstonedKeys(ws.id, [{ network: "x", accountId: "42" }]))]).toEqual(["x\u000042"]);
  });
});
