// Outgoing webhooks on a real database: endpoints (validation, sealed secrets, workspace
// scoping, audit), events queued in the outbox for subscribed endpoints only, and deliveries
// to a local receiver reached as http://localhost:<port> (signature, headers, outcomes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { safeFetch, type SafeFetchOptions } from "@/lib/net/safe-fetch";
import { openText } from "@/lib/secrets/store";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import {
  createEndpoint,
  deleteEndpoint,
  DELIVERY_PAGE,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from "@/lib/webhooks/endpoints";
import { enqueueWebhookEvents, mentionCreatedEvent } from "@/lib/webhooks/events";
import { createEndpointSchema, type WebhookEvent } from "@/lib/webhooks/schemas";
import { verifyWebhook } from "@/lib/webhooks/sign";
import { withQueryCounter } from "../support/count-queries";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";
import { startWebhookReceiver, type WebhookReceiver } from "../fakes/webhook-receiver";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

/** A workspace whose fetch allowlist names localhost, as an admin would for an intranet receiver. */
async function allowlistedWorkspace(): Promise<TestWorkspace> {
  const ws = await createTestWorkspace();
  await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist: ["localhost"] } } });
  return ws;
}

const create = (ws: TestWorkspace, url: string, events: WebhookEvent[] = ["case.created"]) =>
  createEndpoint(ws.id, ws.admin.userId, { url, events });

/** The worker's fetch: the safe fetcher with the workspace's allowlist (and a short timeout here). */
const workerFetch = (timeoutMs?: number) => (url: string, options?: SafeFetchOptions) =>
  safeFetch(url, { ...options, allowlist: ["localhost"], ...(timeoutMs ? { timeoutMs } : {}) });

/** One queued delivery as the worker would send it: its endpoint's secret opened, the payload as stored. */
async function sendAsWorker(deliveryId: string, timeoutMs?: number) {
  const item = await db().outboxItem.findUniqueOrThrow({
    where: { idempotencyKey: deliveryId },
    include: { endpoint: true },
  });
  const payload = item.payload as { event: string };
  return deliverWebhook(
    {
      url: item.endpoint!.url,
      secret: openText(item.endpoint!.secret),
      event: payload.event,
      deliveryId: item.idempotencyKey,
      payload: item.payload,
      attempt: item.attempts + 1,
    },
    { fetch: workerFetch(timeoutMs), now: () => new Date() },
  );
}

const auditActions = async (workspaceId: string) =>
  (await db().auditLog.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map((a) => a.action);

describe("webhook endpoints", () => {
  it("need https; http and private hosts only when the workspace allowlists them", async () => {
    const ws = await createTestWorkspace();
    const port = receiver.port;
    await expect(create(ws, "http://crm.example/hook")).rejects.toThrow(/must use https/);
    await expect(create(ws, `http://localhost:${port}/hook`)).rejects.toThrow(/must use https/);
    await expect(create(ws, `https://localhost:${port}/hook`)).rejects.toThrow(/private address/);
    await expect(create(ws, "https://10.1.2.3/hook")).rejects.toThrow(/private address/);
    await expect(create(ws, "ftp://crm.example/hook")).rejects.toThrow(/must use https/);
    await expect(create(ws, "not a url")).rejects.toThrow(/not a URL/);
    await expect(create(ws, "https://user:pw@crm.example/hook")).rejects.toThrow(/no user name or password/);
    expect(await listEndpoints(ws.id)).toEqual([]);

    const ok = await create(ws, "https://crm.example/hooks/earshot?team=7");
    expect(ok.endpoint).toMatchObject({ url: "https://crm.example/hooks/earshot?team=7", enabled: true });

    await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist: ["localhost"] } } });
    const local = await create(ws, `http://localhost:${port}/hook`);
    expect(local.endpoint.url).toBe(`http://localhost:${port}/hook`);
    await expect(
      updateEndpoint(ws.id, ws.admin.userId, { endpointId: ok.endpoint.id, url: "http://crm.example/x" }),
    ).rejects.toThrow(/must use https/);
  });

  it("take a non-empty set of known events, each once, in the list's order", () => {
    expect(createEndpointSchema.safeParse({ url: "https://a.example", events: [] }).success).toBe(false);
    expect(createEndpointSchema.safeParse({ url: "https://a.example", events: ["case.deleted"] }).success).toBe(false);
    expect(createEndpointSchema.safeParse({ url: "https://a.example", events: ["webhook.test"] }).success).toBe(false);
    expect(
      createEndpointSchema.parse({
        url: " https://a.example ",
        events: ["reply.sent", "mention.created", "reply.sent"],
      }),
    ).toEqual({ url: "https://a.example", events: ["mention.created", "reply.sent"] });
  });

  it("keep the secret sealed at rest and show it once, at creation and at rotation", async () => {
    const ws = await createTestWorkspace();
    const { endpoint, secret } = await create(ws, "https://crm.example/hook");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret).not.toContain(secret.slice(6));
    expect(openText(stored.secret)).toBe(secret);
    expect(stored.secretHint).toBe(`•••• ${secret.slice(-4)}`);

    const [listed] = await listEndpoints(ws.id);
    expect(listed).toEqual({
      id: endpoint.id,
      url: "https://crm.example/hook",
      events: ["case.created"],
      enabled: true,
      secretHint: stored.secretHint,
      createdAt: stored.createdAt.toISOString(),
      lastDelivery: null,
    });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const rotated = await rotateSecret(ws.id, ws.admin.userId, endpoint.id);
    expect(rotated.secret).not.toBe(secret);
    const after = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openText(after.secret)).toBe(rotated.secret);
    expect(after.secretHint).toBe(rotated.secretHint);
    expect(after.secret).not.toContain(rotated.secret);
  });

  it("give another workspace's ids 'not found'", async () => {
    const ws = await allowlistedWorkspace();
    const other = await createTestWorkspace();
    const { endpoint } = await create(ws, `${receiver.origin}/hook`);
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id);
    const id = endpoint.id;
    const by = other.admin.userId;
    const notFound = { code: "NOT_FOUND" };
    await expect(updateEndpoint(other.id, by, { endpointId: id, enabled: false })).rejects.toMatchObject(notFound);
    await expect(rotateSecret(other.id, by, id)).rejects.toMatchObject(notFound);
    await expect(sendTestEvent(other.id, by, id)).rejects.toMatchObject(notFound);
    await expect(listDeliveries(other.id, id)).rejects.toMatchObject(notFound);
    await expect(redeliver(other.id, by, deliveryId)).rejects.toMatchObject(notFound);
    await expect(deleteEndpoint(other.id, by, id)).rejects.toMatchObject(notFound);
    expect(await listEndpoints(other.id)).toEqual([]);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).enabled).toBe(true);
    expect(await auditActions(other.id)).toEqual([]);
  });

  it("write an audit row for every change, never with the secret", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint, secret } = await create(ws, `${receiver.origin}/hook`, ["case.created"]);
    await updateEndpoint(ws.id, ws.admin.userId, { endpointId: endpoint.id, events: ["case.created", "reply.sent"] });
    await updateEndpoint(ws.id, ws.admin.userId, { endpointId: endpoint.id, enabled: true }); // no change, no row
    const { secret: rotated } = await rotateSecret(ws.id, ws.admin.userId, endpoint.id);
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id);
    await db().outboxItem.update({ where: { idempotencyKey: deliveryId }, data: { state: "failed" } });
    await redeliver(ws.id, ws.admin.userId, deliveryId);
    await deleteEndpoint(ws.id, ws.admin.userId, endpoint.id);

    expect(await auditActions(ws.id)).toEqual([
      "webhook.created",
      "webhook.updated",
      "webhook.secret_rotated",
      "webhook.test_sent",
      "webhook.redelivered",
      "webhook.deleted",
    ]);
    const rows = await db().auditLog.findMany({ where: { workspaceId: ws.id } });
    for (const row of rows) {
      expect(row).toMatchObject({ actorUserId: ws.admin.userId, targetType: "webhookEndpoint", targetId: endpoint.id });
      expect(JSON.stringify(row.details)).not.toContain(secret);
      expect(JSON.stringify(row.details)).not.toContain(rotated);
    }
    const updated = rows.find((r) => r.action === "webhook.updated");
    expect(updated?.details).toEqual({
      changes: { events: { from: ["case.created"], to: ["case.created", "reply.sent"] } },
    });
    expect(await listEndpoints(ws.id)).toEqual([]);
    expect(await db().outboxItem.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("enqueueWebhookEvents", () => {
  it("queues one delivery per enabled endpoint subscribed to each event", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const a = await create(ws, "https://a.example/hook", ["mention.created", "case.created"]);
    const b = await create(ws, "https://b.example/hook", ["case.created", "reply.sent"]);
    const off = await create(ws, "https://off.example/hook", ["mention.created", "case.created", "reply.failed"]);
    await updateEndpoint(ws.id, ws.admin.userId, { endpointId: off.endpoint.id, enabled: false });
    const theirs = await create(other, "https://theirs.example/hook", ["case.created"]);

    const now = new Date("2026-12-01T10:00:00.000Z");
    const mention = mentionCreatedEvent({
      id: "m1",
      network: "mastodon",
      externalId: "109",
      url: "https://social.example/@ana/109",
      text: "Northwind lost my bag\u0000 again",
      author: { handle: "ana", displayName: "Ana" },
      postedAt: new Date("2026-12-01T09:00:00Z"),
      brandId: null,
      sentiment: "NEGATIVE",
    });
    const caseCreated = {
      event: "case.created" as const,
      data: { number: 7, status: "NEW", priority: "HIGH", assignee: null, subject: "Lost bag" },
    };
    const replyFailed = {
      event: "reply.failed" as const,
      data: { caseNumber: 7, messageId: "cm1", network: "x", externalId: null, url: null, error: "no" },
    };
    const queued = await db().$transaction((tx) =>
      enqueueWebhookEvents(tx, ws.id, [mention, caseCreated, replyFailed], now),
    );
    expect(queued).toBe(3);

    const items = await db().outboxItem.findMany({ where: { workspaceId: ws.id }, orderBy: { endpointId: "asc" } });
    const byEndpoint = (id: string) =>
      items
        .filter((i) => i.endpointId === id)
        .map((i) => (i.payload as { event: string }).event)
        .sort();
    expect(byEndpoint(a.endpoint.id)).toEqual(["case.created", "mention.created"]);
    expect(byEndpoint(b.endpoint.id)).toEqual(["case.created"]);
    expect(byEndpoint(off.endpoint.id)).toEqual([]);
    expect(await db().outboxItem.count({ where: { endpointId: theirs.endpoint.id } })).toBe(0);

    for (const item of items) {
      expect(item).toMatchObject({
        kind: "webhook",
        state: "queued",
        network: null,
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      expect(item.idempotencyKey).toMatch(/^whd_[0-9a-f]{32}$/);
      expect(item.id).toBe(item.idempotencyKey);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    const mentionItem = items.find((i) => (i.payload as { event: string }).event === "mention.created");
    expect(mentionItem?.payload).toEqual({
      event: "mention.created",
      createdAt: "2026-12-01T10:00:00.000Z",
      data: { ...mention.data, text: "Northwind lost my bag again" },
    });
  });

  it("is one statement, whether or not the workspace has endpoints", async () => {
    const empty = await createTestWorkspace();
    const busy = await createTestWorkspace();
    await create(busy, "https://a.example/hook", ["case.updated"]);
    const events = Array.from({ length: 40 }, (_, i) => ({
      event: "case.updated" as const,
      data: { number: i, status: "OPEN", priority: "NORMAL", assignee: null, subject: "s", changes: {} },
    }));
    await withQueryCounter(async (queries, reset) => {
      reset();
      expect(await enqueueWebhookEvents(db(), empty.id, events)).toBe(0);
      expect(queries()).toBe(1);
      reset();
      expect(await enqueueWebhookEvents(db(), busy.id, events)).toBe(40);
      expect(queries()).toBe(1);
      reset();
      expect(await enqueueWebhookEvents(db(), busy.id, [])).toBe(0);
      expect(queries()).toBe(0);
    });
  });
});

describe("delivering to an endpoint", () => {
  it("sends the event signed with the endpoint's secret, with its headers", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint, secret } = await create(ws, `${receiver.origin}/hooks/earshot`, ["case.created"]);
    await enqueueWebhookEvents(db(), ws.id, [
      { event: "case.created", data: { number: 12, status: "NEW", priority: "NORMAL", assignee: null, subject: "Hi" } },
    ]);
    const item = await db().outboxItem.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    receiver.reset();

    const outcome = await sendAsWorker(item.idempotencyKey);
    expect(outcome).toEqual({
      kind: "sent",
      externalId: item.idempotencyKey,
      url: null,
      responseStatus: 200,
      responseBody: "ok",
    });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/hooks/earshot");
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "earshot-event": "case.created",
      "earshot-delivery": item.idempotencyKey,
      "earshot-attempt": "1",
    });
    expect(JSON.parse(request.rawBody)).toEqual({
      id: item.idempotencyKey,
      event: "case.created",
      createdAt: item.createdAt.toISOString(),
      data: { number: 12, status: "NEW", priority: "NORMAL", assignee: null, subject: "Hi" },
    });
    const signature = request.headers["earshot-signature"] as string;
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(signature, secret, request.rawBody, nowSeconds)).toEqual({ ok: true });
    expect(verifyWebhook(signature, secret, request.rawBody.replace('"number":12', '"number":13'), nowSeconds)).toEqual(
      { ok: false, reason: "mismatch" },
    );
    expect(verifyWebhook(signature, secret, request.rawBody, nowSeconds + 3600)).toEqual({
      ok: false,
      reason: "stale",
    });
  });

  it("says retryable on 500 and on no answer, permanent 'gone' on 410", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint } = await create(ws, `${receiver.origin}/hook`);
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id);
    receiver.reset();

    receiver.failNext(1, 500, "database down");
    expect(await sendAsWorker(deliveryId)).toEqual({
      kind: "retryable",
      reason: "The endpoint answered 500",
      retryAt: undefined,
      responseStatus: 500,
      responseBody: "database down",
    });

    receiver.answerNext({ status: 503, body: "busy", headers: { "retry-after": "90" } });
    const before = Date.now();
    const busy = await sendAsWorker(deliveryId);
    expect(busy).toMatchObject({ kind: "retryable", responseStatus: 503, responseBody: "busy" });
    expect(busy.kind === "retryable" && busy.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 90_000);

    receiver.goneNext();
    expect(await sendAsWorker(deliveryId)).toMatchObject({
      kind: "permanent",
      code: "gone",
      responseStatus: 410,
      responseBody: "gone",
    });

    receiver.answerNext({ status: 422, body: "unknown field" });
    expect(await sendAsWorker(deliveryId)).toMatchObject({ kind: "permanent", code: "invalid", responseStatus: 422 });

    receiver.hangNext();
    const timedOut = await sendAsWorker(deliveryId, 300);
    expect(timedOut).toEqual({ kind: "retryable", reason: expect.stringMatching(/did not answer within 300 ms/) });
    expect(receiver.requests.map((r) => r.headers["earshot-delivery"])).toEqual(Array(5).fill(deliveryId));
    expect(JSON.parse(receiver.requests[0].rawBody)).toMatchObject({ event: "webhook.test", data: { test: true } });
  });

  it("is refused, and never sent, to a private host the worker's allowlist does not name", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint } = await create(ws, `${receiver.origin}/hook`);
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id);
    receiver.reset();
    const item = await db().outboxItem.findUniqueOrThrow({ where: { idempotencyKey: deliveryId } });
    const outcome = await deliverWebhook(
      { url: endpoint.url, secret: "s", event: "webhook.test", deliveryId, payload: item.payload, attempt: 1 },
      { fetch: (url, options) => safeFetch(url, options), now: () => new Date() },
    );
    expect(outcome).toMatchObject({ kind: "permanent", code: "invalid" });
    expect(receiver.requests).toEqual([]);
  });
});

describe("the delivery log", () => {
  it("lists an endpoint's deliveries newest first with their answers, 50 a page", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint } = await create(ws, `${receiver.origin}/hook`, ["case.updated"]);
    const events = Array.from({ length: DELIVERY_PAGE + 5 }, (_, i) => ({
      event: "case.updated" as const,
      data: { number: i },
    }));
    await enqueueWebhookEvents(db(), ws.id, events, new Date("2026-12-01T10:00:00Z"));
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id, new Date("2026-12-01T11:00:00Z"));
    // What the worker records after a failed attempt.
    await db().outboxItem.update({
      where: { idempotencyKey: deliveryId },
      data: {
        state: "failed",
        attempts: 8,
        responseStatus: 500,
        responseBody: "<b>database down</b>",
        lastError: "The endpoint answered 500",
      },
    });

    const first = await listDeliveries(ws.id, endpoint.id);
    expect(first.deliveries).toHaveLength(DELIVERY_PAGE);
    expect(first.deliveries[0]).toEqual({
      id: deliveryId,
      event: "webhook.test",
      state: "failed",
      attempts: 8,
      responseStatus: 500,
      responseBody: "<b>database down</b>",
      lastError: "The endpoint answered 500",
      errorCode: null,
      createdAt: "2026-12-01T11:00:00.000Z",
      sentAt: null,
      nextAttemptAt: "2026-12-01T11:00:00.000Z",
    });
    expect(first.next).not.toBeNull();
    const second = await listDeliveries(ws.id, endpoint.id, first.next!);
    expect(second.deliveries).toHaveLength(6);
    expect(second.next).toBeNull();
    const ids = [...first.deliveries, ...second.deliveries].map((d) => d.id);
    expect(new Set(ids).size).toBe(DELIVERY_PAGE + 6);
    expect((await listEndpoints(ws.id))[0].lastDelivery).toEqual({
      state: "failed",
      responseStatus: 500,
      at: "2026-12-01T11:00:00.000Z",
    });
  });

  it("redelivers a failed or sent delivery with its id and attempts kept; not one still on its way", async () => {
    const ws = await allowlistedWorkspace();
    const { endpoint } = await create(ws, `${receiver.origin}/hook`);
    const { deliveryId } = await sendTestEvent(ws.id, ws.admin.userId, endpoint.id);
    await expect(redeliver(ws.id, ws.admin.userId, deliveryId)).rejects.toMatchObject({ code: "CONFLICT" });

    await db().outboxItem.update({
      where: { idempotencyKey: deliveryId },
      data: { state: "failed", attempts: 8, nextAttemptAt: new Date("2026-01-01T00:00:00Z"), responseStatus: 500 },
    });
    const now = new Date("2026-12-01T12:00:00Z");
    await redeliver(ws.id, ws.admin.userId, deliveryId, now);
    const item = await db().outboxItem.findUniqueOrThrow({ where: { idempotencyKey: deliveryId } });
    expect(item).toMatchObject({ state: "queued", attempts: 8, nextAttemptAt: now, claimedBy: null });

    await db().outboxItem.update({ where: { idempotencyKey: deliveryId }, data: { state: "sent" } });
    await updateEndpoint(ws.id, ws.admin.userId, { endpointId: endpoint.id, enabled: false });
    await expect(redeliver(ws.id, ws.admin.userId, deliveryId)).rejects.toThrow(/disabled/);
    await expect(sendTestEvent(ws.id, ws.admin.userId, endpoint.id)).rejects.toThrow(/disabled/);
    await updateEndpoint(ws.id, ws.admin.userId, { endpointId: endpoint.id, enabled: true });
    await redeliver(ws.id, ws.admin.userId, deliveryId);
    expect((await db().outboxItem.findUniqueOrThrow({ where: { idempotencyKey: deliveryId } })).state).toBe("queued");
    await expect(redeliver(ws.id, ws.admin.userId, "whd_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
