// The automation API's cases (issue #17): GET /api/v1/cases/<number> and
// POST /api/v1/cases/<number>/replies with a workspace API key, called as Next calls the route
// handlers. A reply through the API is the composer's reply: the network's limits, placeholders,
// approval rules and the outbox; the worker's outcome shows in the case's messages.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/keys";
import { runOutboxOnce } from "@/lib/delivery/run";
import { parseMastodon } from "@/lib/ingest/formats/mastodon";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { saveAccount } from "@/lib/outbox/accounts";
import { GET as getCase, type ApiCaseResponse } from "@/app/api/v1/cases/[number]/route";
import { POST as postReply } from "@/app/api/v1/cases/[number]/replies/route";
import { startFakeMastodon, type FakeMastodon } from "../fakes/mastodon-api";
import { createTestWorkspace } from "../support/factory";

const TOKEN = "mastodon-token";

let fake: FakeMastodon;
beforeEach(async () => {
  fake = await startFakeMastodon({ token: TOKEN });
});
afterEach(async () => {
  await fake.close();
});

/** A workspace with an API key and, unless told not to, a case opened by Amy's Mastodon status. */
async function setup(options: { withCase?: boolean; account?: boolean } = {}) {
  const ws = await createTestWorkspace();
  await db().workspace.update({
    where: { id: ws.id },
    data: { settings: { fetchAllowlist: ["localhost", "127.0.0.1"] } },
  });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  if (options.account !== false)
    await saveAccount(ws.id, null, {
      brandId: brand.id,
      network: "mastodon",
      label: "@brand",
      settings: { instanceUrl: fake.url },
      secrets: { accessToken: TOKEN },
    });
  const { key } = await createApiKey(ws.id, ws.admin.userId, "automation");
  if (options.withCase === false) return { ws, key, kase: null };
  const status = fake.addStatus({ id: "2001", acct: "amy", text: "Northwind, where is my refund?" });
  const entity = {
    id: status.id,
    created_at: status.created_at,
    in_reply_to_id: null,
    visibility: "public",
    url: status.url,
    content: "<p>Northwind, where is my refund?</p>",
    account: { id: "1", username: "amy", acct: "amy", display_name: "Amy Pond" },
  };
  await ingestEvents(ws.id, parseMastodon(JSON.stringify(entity)));
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
  return { ws, key, kase, statusUrl: status.url };
}

const get = (number: string, key?: string) =>
  getCase(new Request(`http://t/api/v1/cases/${number}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), {
    params: Promise.resolve({ number }),
  });

const post = (number: string, body: string, key?: string) =>
  postReply(
    new Request(`http://t/api/v1/cases/${number}/replies`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    }),
    { params: Promise.resolve({ number }) },
  );

const outbound = (caseId: string) =>
  db().caseMessage.findMany({ where: { caseId, kind: "OUTBOUND" }, include: { outbox: true } });

describe("GET /api/v1/cases/<number>", () => {
  it("returns the case with its messages and each reply's delivery state", async () => {
    const { ws, key, kase, statusUrl } = await setup();
    const number = String(kase!.number);

    const fresh = await get(number, key);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("cache-control")).toBe("no-store");
    const before = (await fresh.json()) as ApiCaseResponse;
    expect(before).toMatchObject({
      number: kase!.number,
      status: "NEW",
      brand: "Northwind",
      network: "mastodon",
      customer: { network: "mastodon", handle: "amy", displayName: "Amy Pond" },
    });
    expect(before.messages).toEqual([
      expect.objectContaining({
        kind: "inbound",
        author: "amy",
        text: "Northwind, where is my refund?",
        network: "mastodon",
        url: statusUrl,
      }),
    ]);

    const first = (await (await post(number, JSON.stringify({ body: "It is on its way." }), key)).json()) as {
      messageId: string;
    };
    await runOutboxOnce({ workspaceId: ws.id });
    const second = (await (await post(number, JSON.stringify({ body: "And a tracking link." }), key)).json()) as {
      messageId: string;
    };

    const after = (await (await get(number, key)).json()) as ApiCaseResponse;
    expect(after.status).toBe("OPEN");
    const [posted] = [...fake.statuses.values()].filter((s) => s.acct === "brand");
    expect(after.messages.filter((m) => m.kind === "outbound")).toEqual([
      expect.objectContaining({
        id: first.messageId,
        text: "It is on its way.",
        author: null,
        delivery: { state: "sent", url: posted.url, error: null, account: "@brand" },
      }),
      expect.objectContaining({
        id: second.messageId,
        text: "And a tracking link.",
        delivery: { state: "queued", url: null, error: null, account: "@brand" },
      }),
    ]);
  });

  it("needs a key, finds only the key's own workspace's cases, and refuses malformed numbers", async () => {
    const theirs = await setup();
    const mine = await setup({ withCase: false });
    const number = String(theirs.kase!.number);

    const anonymous = await get(number);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/API key is required/);
    expect((await get(number, `${mine.key.slice(0, -3)}xyz`)).status).toBe(401);

    const other = await get(number, mine.key);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: expect.stringMatching(/not found/i) });
    expect((await get(number, theirs.key)).status).toBe(200);

    for (const bad of ["abc", "0", "-1", "1.5", "2147483648", "1e3x", "%00"]) {
      const response = await get(bad, mine.key);
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error, bad).toMatch(/^Bad address: "number" /);
    }
  });
});

describe("POST /api/v1/cases/<number>/replies", () => {
  it("replies as the composer does: 201 with the message and its delivery, queued for the outbox", async () => {
    const { key, kase } = await setup();
    const response = await post(String(kase!.number), JSON.stringify({ body: "  We're on it.  " }), key);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ messageId: expect.any(String), delivery: "queued" });

    const [message] = await outbound(kase!.id);
    expect(message).toMatchObject({ id: body.messageId, body: "We're on it.", authorUserId: null });
    expect(message.deliveryStatus).toBe("queued");
    expect(message.outbox).toMatchObject({ kind: "reply", state: "queued", network: "mastodon", createdById: null });
    const after = await db().case.findUniqueOrThrow({ where: { id: kase!.id } });
    expect(after).toMatchObject({ version: kase!.version + 1, status: "OPEN" });
    expect(after.firstResponseAt).not.toBeNull();
    expect(fake.requests).toEqual([]); // the worker sends, not the request
  });

  it("solves the case when asked, and stays in the sandbox without a connected account", async () => {
    const { key, kase } = await setup({ account: false });
    const response = await post(String(kase!.number), JSON.stringify({ body: "Done, enjoy.", solve: true }), key);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ messageId: expect.any(String), delivery: "sent (sandbox)" });
    expect((await db().case.findUniqueOrThrow({ where: { id: kase!.id } })).status).toBe("SOLVED");
    const [message] = await outbound(kase!.id);
    expect(message.outbox).toMatchObject({ state: "sent", accountId: null });
  });

  it("refuses what the composer refuses, with the reason, and stores nothing", async () => {
    const { key, kase } = await setup();
    const number = String(kase!.number);

    const tooLong = await post(number, JSON.stringify({ body: "x".repeat(501) }), key);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({
      error: "The reply is too long: 1 character over Mastodon's limit of 500 characters.",
    });

    const placeholder = await post(number, JSON.stringify({ body: "Hi {{author.name}}, on it." }), key);
    expect(placeholder.status).toBe(400);
    expect(await placeholder.json()).toEqual({ error: "Fill in or remove {{author.name}} before sending." });

    const notJson = await post(number, "body=hello", key);
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "The body is not JSON." });

    for (const bad of ["{}", JSON.stringify({ body: "   " }), JSON.stringify({ body: 42 }), "[]", "null"]) {
      const response = await post(number, bad, key);
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error, bad).toMatch(/^Bad request: /);
    }

    expect(await outbound(kase!.id)).toEqual([]);
    expect(await db().outboxItem.count({ where: { workspaceId: kase!.workspaceId } })).toBe(0);
    expect((await db().case.findUniqueOrThrow({ where: { id: kase!.id } })).version).toBe(kase!.version);

    // Exactly at the limit is fine (sent last, so the counts above are of the refusals alone).
    const atLimit = await post(number, JSON.stringify({ body: "x".repeat(500) }), key);
    expect(atLimit.status).toBe(201);
  });

  it("holds a reply for approval when a rule says so", async () => {
    const { ws, key, kase } = await setup();
    await db().approvalRule.create({
      data: { workspaceId: ws.id, name: "Refunds", conditions: { words: ["refund"] } },
    });

    const held = await post(String(kase!.number), JSON.stringify({ body: "Your refund was sent today." }), key);
    expect(held.status).toBe(201);
    expect(await held.json()).toEqual({ messageId: expect.any(String), delivery: "pending_approval" });
    const [message] = await outbound(kase!.id);
    expect(message.outbox).toMatchObject({
      state: "pending_approval",
      lastError: "Waiting for approval: Refunds (mentions “refund”)",
    });
    expect(message.outbox!.approvalExpiresAt).not.toBeNull();

    // Nothing goes out while it waits.
    await runOutboxOnce({ workspaceId: ws.id });
    expect(fake.requests).toEqual([]);

    const plain = await post(String(kase!.number), JSON.stringify({ body: "Anything else?" }), key);
    expect(await plain.json()).toMatchObject({ delivery: "queued" });
  });

  it("needs a key and reaches only the key's own workspace", async () => {
    const theirs = await setup();
    const mine = await setup({ withCase: false });
    const number = String(theirs.kase!.number);
    const body = JSON.stringify({ body: "Hello from elsewhere." });

    expect((await post(number, body)).status).toBe(401);
    const other = await post(number, body, mine.key);
    expect(other.status).toBe(404);
    expect((await post("nope", body, theirs.key)).status).toBe(400);
    expect(await outbound(theirs.kase!.id)).toEqual([]);
  });
});
