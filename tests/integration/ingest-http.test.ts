import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { signatureFor } from "@/lib/sources/webhooks";
import { POST as ingest } from "@/app/api/v1/ingest/[format]/route";
import { GET as handshake, POST as webhook } from "@/app/api/v1/webhooks/[network]/[sourceId]/route";
import { createTestWorkspace } from "../support/factory";

async function setup() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
  const { key, id } = await createApiKey(ws.id, ws.admin.userId, "test");
  return { ws, brand, key, keyId: id };
}

const post = (
  format: string,
  body: string | Uint8Array<ArrayBuffer>,
  key?: string,
  headers: Record<string, string> = {},
) =>
  ingest(
    new Request(`http://t/api/v1/ingest/${format}`, {
      method: "POST",
      body,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    }),
    {
      params: Promise.resolve({ format }),
    },
  );

const jsonl = (id: string, text: string) =>
  JSON.stringify({ network: "x", externalId: id, createdAt: "2026-11-20T10:00:00Z", text });

describe("POST /api/v1/ingest/<format>", () => {
  it("ingests into the key's workspace and answers with the summary", async () => {
    const { ws, key } = await setup();
    const response = await post("jsonl", [jsonl("h1", "northwind rocks"), jsonl("h2", "nothing")].join("\n"), key);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 2, accepted: 1, ignored: 1, matched: 1 });
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("refuses missing, wrong and revoked keys; a key only ever reaches its own workspace", async () => {
    const { ws, key, keyId } = await setup();
    const other = await setup();
    expect((await post("jsonl", jsonl("k1", "northwind"))).status).toBe(401);
    expect((await post("jsonl", jsonl("k1", "northwind"), `${key.slice(0, -2)}xx`)).status).toBe(401);
    expect((await post("jsonl", jsonl("k1", "northwind"), other.key)).status).toBe(200);
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().mention.count({ where: { workspaceId: other.ws.id } })).toBe(1);
    await revokeApiKey(ws.id, ws.admin.userId, keyId);
    expect((await post("jsonl", jsonl("k2", "northwind"), key)).status).toBe(401);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(stored.hashedKey).not.toContain(key.split("_")[2]);
  });

  it("answers bad requests precisely and writes nothing", async () => {
    const { ws, key } = await setup();
    expect((await post("myspace", "x", key)).status).toBe(404);
    const notJson = await post("x", "<html>not json</html>", key);
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/Nothing in the body could be read as x/);
    expect((await post("rss", "hello", key)).status).toBe(400);
    expect((await post("jsonl", "", key)).status).toBe(400);
    const big = await post("jsonl", new Uint8Array(6 * 1024 * 1024).fill(32), key);
    expect(big.status).toBe(413);
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("Facebook and Instagram webhooks", () => {
  async function webhookSource() {
    const { ws, brand } = await setup();
    const source = await db().source.create({
      data: {
        workspaceId: ws.id,
        network: "facebook",
        name: "Page",
        settings: { verifyToken: "vt-123", appSecret: "s3cret", brandId: brand.id },
      },
    });
    return { ws, brand, source };
  }
  const params = (sourceId: string, network = "facebook") => ({ params: Promise.resolve({ network, sourceId }) });
  const delivery = JSON.stringify({
    object: "page",
    entry: [
      {
        id: "p1",
        time: 1767000000,
        changes: [
          {
            field: "feed",
            value: {
              item: "comment",
              verb: "add",
              comment_id: "c_1",
              post_id: "p1_9",
              created_time: 1767000000,
              message: "Where is my refund?",
              from: { id: "77", name: "Tess" },
            },
          },
        ],
      },
    ],
  });

  it("answers the subscription handshake only with the right verify token", async () => {
    const { source } = await webhookSource();
    const ok = await handshake(
      new Request(`http://t/x?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=42abc`),
      params(source.id),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("42abc");
    expect(
      (
        await handshake(
          new Request(`http://t/x?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`),
          params(source.id),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await handshake(
          new Request(`http://t/x?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=1`),
          params(source.id, "instagram"),
        )
      ).status,
    ).toBe(403);
  });

  it("ingests signed deliveries (direct reach, no rule needed) and refuses bad signatures", async () => {
    const { ws, brand, source } = await webhookSource();
    const body = new TextEncoder().encode(delivery) as Uint8Array<ArrayBuffer>;
    const bad = await webhook(
      new Request("http://t/x", { method: "POST", body, headers: { "x-hub-signature-256": "sha256=00" } }),
      params(source.id),
    );
    expect(bad.status).toBe(401);
    expect((await db().source.findUniqueOrThrow({ where: { id: source.id } })).errorCount).toBe(1);
    const good = await webhook(
      new Request("http://t/x", {
        method: "POST",
        body,
        headers: { "x-hub-signature-256": signatureFor("s3cret", body) },
      }),
      params(source.id),
    );
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ accepted: 1 });
    const mention = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, network: "facebook" } });
    expect(mention).toMatchObject({
      externalId: "c_1",
      brandId: brand.id,
      directReach: true,
      sourceId: source.id,
      intent: "COMPLAINT",
    });
    expect((await db().source.findUniqueOrThrow({ where: { id: source.id } })).lastEventAt).not.toBeNull();
    expect(
      (
        await webhook(
          new Request("http://t/x", {
            method: "POST",
            body,
            headers: { "x-hub-signature-256": signatureFor("s3cret", body) },
          }),
          params("no-such-source"),
        )
      ).status,
    ).toBe(404);
  });
});
