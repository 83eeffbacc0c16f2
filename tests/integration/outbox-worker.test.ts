// The reply outbox end to end (issue #17): a reply from a case becomes an outbox item in the
// case's transaction, the worker (lib/delivery/run.ts) posts it to a fake Mastodon server
// (tests/fakes/mastodon-api.ts, reached as http://localhost:<port>) and records the outcome on
// the item, the conversation, the account and the case history. Rate limits, retries with
// backoff, permanent failures, the sandbox, concurrent workers, a stolen claim, the brand's reply
// coming back through ingestion, and the reply.sent webhook.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getCaseByNumber } from "@/lib/cases/detail";
import { replyToCase } from "@/lib/cases/update";
import { runOutboxOnce } from "@/lib/delivery/run";
import { parseMastodon } from "@/lib/ingest/formats/mastodon";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { saveAccount } from "@/lib/outbox/accounts";
import { MAX_ATTEMPTS } from "@/lib/outbox/rate-policy";
import { replyHandler } from "@/lib/outbox/reply-delivery";
import { retryReply } from "@/lib/outbox/reply-review";
import { deliverDue, type DeliveryOutcome } from "@/lib/outbox/worker";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { verifyWebhook } from "@/lib/webhooks/sign";
import { BRAND_ACCOUNT, startFakeMastodon, type FakeMastodon } from "../fakes/mastodon-api";
import { startWebhookReceiver } from "../fakes/webhook-receiver";
import { createTestWorkspace, uniqueSuffix, type TestWorkspace } from "../support/factory";

const TOKEN = "mastodon-token";
const STATUSES = "/api/v1/statuses";

let fake: FakeMastodon;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(async () => {
  fake = await startFakeMastodon({ token: TOKEN });
  cleanups.push(() => fake.close());
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  ws: TestWorkspace;
  brandId: string;
  accountId: string | null;
}

/** A workspace that may reach the loopback fakes, its brand, a keyword rule, and (unless told not to) its Mastodon account. */
async function setup(options: { account?: boolean } = {}): Promise<Setup> {
  const ws = await createTestWorkspace();
  await db().workspace.update({
    where: { id: ws.id },
    data: { settings: { fetchAllowlist: ["localhost", "127.0.0.1"] } },
  });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  const account =
    options.account === false
      ? null
      : await saveAccount(ws.id, null, {
          brandId: brand.id,
          network: "mastodon",
          settings: { instanceUrl: fake.url },
          secrets: { accessToken: TOKEN },
        });
  return { ws, brandId: brand.id, accountId: account?.id ?? null };
}

interface OpenedCase {
  caseId: string;
  number: number;
  mentionId: string;
  statusId: string;
  author: string;
}

let nextStatus = 1000;

/** A customer's status on the fake instance, ingested as Mastodon's API returns it: it opens a case. */
async function openCase(s: Setup, options: { author?: string; visibility?: string } = {}): Promise<OpenedCase> {
  const author = options.author ?? `amy${uniqueSuffix()}`;
  const statusId = String(++nextStatus);
  const text = "Northwind, where is my parcel?";
  const status = fake.addStatus({ id: statusId, acct: author, text, visibility: options.visibility ?? "public" });
  const entity = {
    id: statusId,
    created_at: status.created_at,
    in_reply_to_id: null,
    visibility: status.visibility,
    url: status.url,
    uri: status.uri,
    content: `<p>${text}</p>`,
    account: { id: `acct-${author}`, username: author, acct: author, display_name: "Amy" },
  };
  const summary = await ingestEvents(s.ws.id, parseMastodon(JSON.stringify(entity)));
  expect(summary).toMatchObject({ accepted: 1, cases: { created: 1 } });
  const mention = await db().mention.findFirstOrThrow({
    where: { workspaceId: s.ws.id, network: "mastodon", externalId: statusId },
  });
  const message = await db().caseMessage.findFirstOrThrow({
    where: { mentionId: mention.id },
    include: { case: { select: { number: true } } },
  });
  return { caseId: message.caseId, number: message.case.number, mentionId: mention.id, statusId, author };
}

/** A reply as an agent sends it from the composer; returns its message id, delivery label and outbox item. */
async function reply(s: Setup, kase: OpenedCase, body = "We're on it, it ships today.") {
  const { version } = await db().case.findUniqueOrThrow({ where: { id: kase.caseId }, select: { version: true } });
  const sent = await replyToCase(s.ws.id, s.ws.agent.userId, {
    caseId: kase.caseId,
    version,
    body,
    confirmStale: true,
  });
  const item = await db().outboxItem.findUniqueOrThrow({ where: { caseMessageId: sent.messageId } });
  return { ...sent, item };
}

/** One worker pass over this workspace only: other test files queue outbox items in the same database. */
const pass = (s: Setup, options: Parameters<typeof runOutboxOnce>[0] = {}) =>
  runOutboxOnce({ ...options, workspaceId: s.ws.id });

const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === STATUSES);
const brandStatuses = () => [...fake.statuses.values()].filter((s) => s.acct === "brand");
const itemOf = (id: string) => db().outboxItem.findUniqueOrThrow({ where: { id } });
const messageOf = (id: string) => db().caseMessage.findUniqueOrThrow({ where: { id } });
const eventsOf = (caseId: string, kind: string) =>
  db().caseEvent.findMany({ where: { caseId, kind }, orderBy: { createdAt: "asc" } });
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

describe("the reply outbox", () => {
  it("queues a reply in the case's transaction and posts it once, recording the post everywhere", async () => {
    const s = await setup();
    const kase = await openCase(s, { visibility: "unlisted" });
    const sent = await reply(s, kase, "Thanks for waiting, it ships today.");

    expect(sent.delivery).toBe("queued");
    expect(sent.item).toMatchObject({
      kind: "reply",
      state: "queued",
      accountId: s.accountId,
      network: "mastodon",
      attempts: 0,
      payload: { mentionId: kase.mentionId, sandbox: false },
    });
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("queued");
    expect(fake.requests).toEqual([]); // nothing leaves before the worker runs

    const summary = await pass(s);
    expect(summary).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0, deferred: 0, recovered: 0 });

    expect(posts()).toHaveLength(1);
    const [post] = posts();
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.headers["idempotency-key"]).toBe(sent.item.idempotencyKey);
    expect(post.body).toEqual({
      status: `@${kase.author} Thanks for waiting, it ships today.`,
      in_reply_to_id: kase.statusId,
      visibility: "unlisted",
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${STATUSES}`]);

    const [status] = brandStatuses();
    const url = `${fake.url}/@brand/${status.id}`;
    const item = await itemOf(sent.item.id);
    expect(item).toMatchObject({
      state: "sent",
      externalId: status.id,
      externalUrl: url,
      attempts: 1,
      claimedBy: null,
      claimedUntil: null,
      lastError: null,
      errorCode: null,
    });
    expect(item.sentAt).not.toBeNull();
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("sent");
    const events = await eventsOf(kase.caseId, "reply.sent");
    expect(events.map((e) => e.after)).toEqual([{ messageId: sent.messageId, externalId: status.id, url }]);

    const detail = await getCaseByNumber(s.ws.id, kase.number);
    const outbound = detail.conversation.find((c) => c.kind === "outbound");
    expect(outbound).toMatchObject({
      id: sent.messageId,
      delivery: "sent",
      outbox: { id: sent.item.id, state: "sent", url, attempts: 1, error: null, returned: false },
    });

    // A second pass finds nothing more to do for it.
    expect(await pass(s)).toMatchObject({ claimed: 0 });
    expect(posts()).toHaveLength(1);
  });

  it("answers a post from another server through the instance's own copy of it", async () => {
    const s = await setup();
    // Amy's post as read from her server (other.example); the brand's instance knows it as 555.
    const ingested = {
      id: "9001",
      created_at: new Date().toISOString(),
      in_reply_to_id: null,
      visibility: "public",
      url: "https://other.example/@amy/9001",
      uri: "https://other.example/users/amy/statuses/9001",
      content: "<p>Northwind lost my parcel</p>",
      account: { id: "77", username: "amy", acct: "amy", display_name: "Amy" },
    };
    fake.addRemoteStatus(ingested.url, "555");
    await ingestEvents(s.ws.id, parseMastodon(JSON.stringify(ingested)));
    const mention = await db().mention.findFirstOrThrow({ where: { workspaceId: s.ws.id, externalId: "9001" } });
    const message = await db().caseMessage.findFirstOrThrow({ where: { mentionId: mention.id } });
    const kase = { caseId: message.caseId, number: 0, mentionId: mention.id, statusId: "9001", author: "amy" };

    const sent = await reply(s, kase, "Sorry, we are on it.");
    expect(await pass(s)).toMatchObject({ sent: 1 });

    expect(fake.requests.find((r) => r.path === "/api/v2/search")?.query).toMatchObject({ q: ingested.url });
    expect(posts().map((p) => p.body)).toEqual([
      { status: "@amy@other.example Sorry, we are on it.", in_reply_to_id: "555", visibility: "public" },
    ]);
    expect(await itemOf(sent.item.id)).toMatchObject({ state: "sent", externalId: brandStatuses()[0].id });
  });

  it("waits out a 429 until the network's reset, pausing the account, then sends", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10 * 60_000);
    fake.failNext(429, {
      path: STATUSES,
      body: { error: "Too many requests" },
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset.toISOString() },
    });

    expect(await pass(s)).toMatchObject({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const limited = await itemOf(sent.item.id);
    expect(limited).toMatchObject({ state: "queued", attempts: 1, claimedBy: null, errorCode: null });
    expect(limited.lastError).toBe("Rate limited by the network (429): Too many requests");
    expect(limited.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(reset.getTime());
    const account = await db().connectedAccount.findUniqueOrThrow({ where: { id: s.accountId! } });
    expect(account.pausedUntil).toEqual(reset);
    expect(account.status).toBe("untested"); // a rate limit is not a credentials problem
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("queued");
    expect(await eventsOf(kase.caseId, "reply.failed")).toEqual([]);

    // Another reply of the same account waits too: the pause is the account's, not the item's.
    const second = await reply(s, kase, "And the second parcel too.");
    expect(await pass(s, { now: () => later(reset, -60_000) })).toMatchObject({ claimed: 0 });
    expect(posts()).toHaveLength(1);
    expect(await itemOf(second.item.id)).toMatchObject({ state: "queued", attempts: 0 });

    expect(await pass(s, { now: () => later(reset, 1_000) })).toMatchObject({ claimed: 2, sent: 2 });
    expect(posts()).toHaveLength(3);
    expect(posts().map((p) => p.headers["idempotency-key"])).toEqual([
      sent.item.idempotencyKey,
      expect.any(String),
      expect.any(String),
    ]);
    expect(
      new Set(
        posts()
          .slice(1)
          .map((p) => p.headers["idempotency-key"]),
      ),
    ).toEqual(new Set([sent.item.idempotencyKey, second.item.idempotencyKey]));
    expect(await itemOf(sent.item.id)).toMatchObject({ state: "sent", attempts: 2, lastError: null });
    expect(await itemOf(second.item.id)).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("retries a 500 with backoff (fixed random), counting attempts, until it is sent", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    fake.failNext(500, { path: STATUSES });
    fake.failNext(500, { path: STATUSES });
    const random = () => 0; // the shortest wait: half the step (15 s, then 30 s)
    const t0 = new Date();

    expect(await pass(s, { now: () => t0, random })).toMatchObject({ claimed: 1, retrying: 1 });
    let item = await itemOf(sent.item.id);
    expect(item).toMatchObject({ state: "queued", attempts: 1, lastError: "The network answered 500: Scripted 500" });
    expect(item.nextAttemptAt).toEqual(later(t0, 15_000));

    // Not due before the backoff is over.
    expect(await pass(s, { now: () => later(t0, 14_000), random })).toMatchObject({ claimed: 0 });

    const t1 = later(t0, 15_000);
    expect(await pass(s, { now: () => t1, random })).toMatchObject({ claimed: 1, retrying: 1 });
    item = await itemOf(sent.item.id);
    expect(item).toMatchObject({ state: "queued", attempts: 2 });
    expect(item.nextAttemptAt).toEqual(later(t1, 30_000));
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("queued");

    expect(await pass(s, { now: () => later(t1, 30_000), random })).toMatchObject({ claimed: 1, sent: 1 });
    item = await itemOf(sent.item.id);
    expect(item).toMatchObject({ state: "sent", attempts: 3, lastError: null, externalId: brandStatuses()[0].id });
    // Every attempt carried the same Idempotency-Key; one status exists.
    expect(posts().map((p) => p.headers["idempotency-key"])).toEqual(Array(3).fill(sent.item.idempotencyKey));
    expect(brandStatuses()).toHaveLength(1);
    expect(await eventsOf(kase.caseId, "reply.sent")).toHaveLength(1);
  });

  it("fails a 401 for good, marks the account for reauthentication, and a retry is refused before sending", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    fake.failNext(401, { path: STATUSES, body: { error: "The access token is invalid" } });

    expect(await pass(s)).toMatchObject({ claimed: 1, failed: 1 });
    const reason = "The account must be connected again (401): The access token is invalid";
    expect(await itemOf(sent.item.id)).toMatchObject({
      state: "failed",
      errorCode: "reauth",
      lastError: reason,
      attempts: 1,
    });
    expect(await db().connectedAccount.findUniqueOrThrow({ where: { id: s.accountId! } })).toMatchObject({
      status: "reauth",
      lastError: reason,
    });
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("failed");
    expect((await eventsOf(kase.caseId, "reply.failed")).map((e) => e.after)).toEqual([
      { messageId: sent.messageId, error: reason },
    ]);

    // A retry is refused while the account must be connected again: it could only fail the same way.
    await expect(
      retryReply(s.ws.id, { id: s.ws.agent.userId, role: "AGENT" }, { outboxId: sent.item.id }),
    ).rejects.toThrow(/Connect .* again/);
    expect(await itemOf(sent.item.id)).toMatchObject({ state: "failed", errorCode: "reauth" });
    // Were the item queued anyway (a reply queued before the account failed), the worker refuses it without a request.
    await db().outboxItem.update({ where: { id: sent.item.id }, data: { state: "queued", attempts: 0 } });
    const seen = fake.requests.length;
    expect(await pass(s)).toMatchObject({ claimed: 1, failed: 1 });
    expect(fake.requests).toHaveLength(seen);
    const failed = await itemOf(sent.item.id);
    expect(failed).toMatchObject({ state: "failed", errorCode: "reauth" });
    expect(failed.lastError).toMatch(/must be connected again before replies go out/);
    expect(await eventsOf(kase.caseId, "reply.failed")).toHaveLength(2);
    expect(brandStatuses()).toEqual([]);
  });

  it("fails a 404 as gone", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    fake.failNext(404, { path: STATUSES, body: { error: "Record not found" } });

    expect(await pass(s)).toMatchObject({ claimed: 1, failed: 1 });
    expect(await itemOf(sent.item.id)).toMatchObject({
      state: "failed",
      errorCode: "gone",
      lastError: "The post replied to no longer exists (404): Record not found",
    });
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("failed");
    expect(await db().connectedAccount.findUniqueOrThrow({ where: { id: s.accountId! } })).toMatchObject({
      status: "untested",
    });
  });

  it("retries a timeout with backoff, and the retry carries the same Idempotency-Key", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    fake.hangNext(STATUSES);
    const t0 = new Date();

    expect(await pass(s, { now: () => t0, timeoutMs: 300, random: () => 0.5 })).toMatchObject({
      claimed: 1,
      retrying: 1,
    });
    const item = await itemOf(sent.item.id);
    expect(item).toMatchObject({ state: "queued", attempts: 1, errorCode: null, claimedBy: null });
    expect(item.lastError).toBe(`${fake.url} did not answer within 300 ms`);
    expect(item.nextAttemptAt).toEqual(later(t0, 22_500)); // 30 s step × (0.5 + 0.5 × 0.5)
    expect(posts()).toHaveLength(1);

    expect(await pass(s, { now: () => item.nextAttemptAt, timeoutMs: 2_000 })).toMatchObject({ sent: 1 });
    expect(posts().map((p) => p.headers["idempotency-key"])).toEqual([
      sent.item.idempotencyKey,
      sent.item.idempotencyKey,
    ]);
    expect(await itemOf(sent.item.id)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);
    for (let i = 0; i < MAX_ATTEMPTS; i++) fake.failNext(503, { path: STATUSES });

    let at = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await pass(s, { now: () => at, random: () => 0 });
      const item = await itemOf(sent.item.id);
      expect(item.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(summary).toMatchObject({ claimed: 1, retrying: 1, failed: 0 });
        expect(item.state).toBe("queued");
        at = item.nextAttemptAt;
      } else {
        expect(summary).toMatchObject({ claimed: 1, retrying: 0, failed: 1 });
        expect(item).toMatchObject({ state: "failed", lastError: "The network answered 503: Scripted 503" });
      }
    }
    expect(posts()).toHaveLength(MAX_ATTEMPTS);
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("failed");
    expect(await eventsOf(kase.caseId, "reply.failed")).toHaveLength(1);
    // Failed is final: later passes leave it alone.
    expect(await pass(s, { now: () => later(at, 3_600_000) })).toMatchObject({ claimed: 0 });
  });

  it("keeps a reply in the sandbox when the brand has no connected account: sent at once, never posted", async () => {
    const s = await setup({ account: false });
    const kase = await openCase(s);
    const sent = await reply(s, kase);

    expect(sent.delivery).toBe("sent (sandbox)");
    expect(sent.item).toMatchObject({ state: "sent", accountId: null, attempts: 0, payload: { sandbox: true } });
    expect(sent.item.sentAt).not.toBeNull();
    expect((await messageOf(sent.messageId)).deliveryStatus).toBe("sent (sandbox)");

    expect(await pass(s)).toMatchObject({ claimed: 0, sent: 0 });
    expect(fake.requests).toEqual([]);
    expect(await itemOf(sent.item.id)).toMatchObject({ state: "sent", attempts: 0, externalId: null });
  });
});

describe("concurrent workers", () => {
  it("four passes at once send each of 20 replies exactly once", async () => {
    const s = await setup();
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await openCase(s));
    const items = [];
    for (let i = 0; i < 20; i++) items.push((await reply(s, cases[i % 4], `Update number ${i + 1}.`)).item);

    const summaries = await Promise.all(["w1", "w2", "w3", "w4"].map((workerId) => pass(s, { workerId, limit: 50 })));
    expect(summaries.reduce((n, x) => n + x.claimed, 0)).toBe(20);
    expect(summaries.reduce((n, x) => n + x.sent, 0)).toBe(20);

    const keys = posts().map((p) => String(p.headers["idempotency-key"]));
    expect(keys).toHaveLength(20);
    expect([...keys].sort()).toEqual(items.map((i) => i.idempotencyKey).sort());
    expect(brandStatuses()).toHaveLength(20);
    const stored = await db().outboxItem.findMany({ where: { id: { in: items.map((i) => i.id) } } });
    expect(stored.every((i) => i.state === "sent" && i.attempts === 1)).toBe(true);
    expect(new Set(stored.map((i) => i.externalId)).size).toBe(20);
    expect(await db().caseEvent.count({ where: { workspaceId: s.ws.id, kind: "reply.sent" } })).toBe(20);
  });

  it("a worker whose claim expired mid-send cannot overwrite the outcome another worker recorded", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase);

    // Worker A claims the reply for 200 ms and then stalls in its send until released.
    let entered!: () => void;
    const inSend = new Promise<void>((resolve) => (entered = resolve));
    let release!: (outcome: DeliveryOutcome) => void;
    const released = new Promise<DeliveryOutcome>((resolve) => (release = resolve));
    const real = replyHandler();
    const stalled = deliverDue({
      handlers: {
        reply: {
          send: async () => {
            entered();
            return released;
          },
          record: real.record,
        },
      },
      workspaceId: s.ws.id,
      workerId: "worker-a",
      claimMs: 200,
    });
    await inSend;
    const claimed = await itemOf(sent.item.id);
    expect(claimed).toMatchObject({ state: "sending", claimedBy: "worker-a", attempts: 1 });

    // Worker B runs after A's claim lapsed: it recovers the reply, checks the network, sends it.
    const b = await pass(s, { workerId: "worker-b", now: () => later(claimed.claimedUntil!, 1) });
    expect(b).toMatchObject({ recovered: 1, claimed: 1, sent: 1 });
    const [status] = brandStatuses();
    // Its outcome was unknown, so B looked among the account's statuses before posting.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v1/accounts/verify_credentials",
      `GET /api/v1/accounts/${BRAND_ACCOUNT.id}/statuses`,
      `POST ${STATUSES}`,
    ]);

    // A wakes up claiming a post of its own: fenced, nothing recorded, nothing counted.
    release({ kind: "sent", externalId: "from-the-stale-worker", url: null });
    expect(await stalled).toMatchObject({ claimed: 1, sent: 0, retrying: 0, failed: 0 });
    const item = await itemOf(sent.item.id);
    expect(item).toMatchObject({ state: "sent", externalId: status.id, attempts: 2, claimedBy: null });
    expect(item.payload).toEqual({ mentionId: kase.mentionId, sandbox: false });
    expect(await eventsOf(kase.caseId, "reply.sent")).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });
});

describe("after a reply is sent", () => {
  it("the brand's reply coming back through ingestion is attached to it, not a new mention or case", async () => {
    const s = await setup();
    const kase = await openCase(s);
    const sent = await reply(s, kase, "Northwind here: it ships today.");
    await pass(s);
    const [status] = brandStatuses();
    const mentions = await db().mention.count({ where: { workspaceId: s.ws.id } });
    const cases = await db().case.count({ where: { workspaceId: s.ws.id } });

    const returned = {
      id: status.id,
      created_at: status.created_at,
      in_reply_to_id: kase.statusId,
      visibility: "public",
      url: status.url,
      uri: status.uri,
      content: `<p>@${kase.author} Northwind here: it ships today.</p>`,
      account: BRAND_ACCOUNT,
    };
    const summary = await ingestEvents(s.ws.id, parseMastodon(JSON.stringify([returned])));
    expect(summary).toMatchObject({ received: 1, accepted: 0, ignored: 1, cases: { created: 0, joined: 0 } });
    expect(await db().mention.count({ where: { workspaceId: s.ws.id } })).toBe(mentions);
    expect(await db().case.count({ where: { workspaceId: s.ws.id } })).toBe(cases);
    const item = await itemOf(sent.item.id);
    expect(item.returnedAt).not.toBeNull();
    const detail = await getCaseByNumber(s.ws.id, kase.number);
    expect(detail.conversation.find((c) => c.kind === "outbound")).toMatchObject({ outbox: { returned: true } });
  });

  it("fires reply.sent to a subscribed webhook endpoint, delivered signed by the next pass", async () => {
    const s = await setup();
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const { endpoint, secret } = await createEndpoint(s.ws.id, s.ws.admin.userId, {
      url: `${receiver.origin}/earshot`,
      events: ["reply.sent"],
    });
    const kase = await openCase(s);
    const sent = await reply(s, kase);

    expect(await pass(s)).toMatchObject({ claimed: 1, sent: 1 });
    const [status] = brandStatuses();
    const hooks = await db().outboxItem.findMany({ where: { workspaceId: s.ws.id, kind: "webhook" } });
    expect(hooks).toHaveLength(1);
    const data = {
      caseNumber: kase.number,
      messageId: sent.messageId,
      network: "mastodon",
      externalId: status.id,
      url: `${fake.url}/@brand/${status.id}`,
      error: null,
    };
    expect(hooks[0]).toMatchObject({
      endpointId: endpoint.id,
      state: "queued",
      payload: { event: "reply.sent", data },
    });
    expect(receiver.requests).toEqual([]);

    expect(await pass(s)).toMatchObject({ claimed: 1, sent: 1 });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: "POST", path: "/earshot" });
    expect(request.headers["earshot-event"]).toBe("reply.sent");
    expect(request.headers["earshot-delivery"]).toBe(hooks[0].idempotencyKey);
    const signature = String(request.headers["earshot-signature"]);
    expect(verifyWebhook(signature, secret, request.rawBody, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
    expect(verifyWebhook(signature, `${secret}x`, request.rawBody, Math.floor(Date.now() / 1000))).toMatchObject({
      ok: false,
    });
    // The body carries the event's data and the time it happened, as stored with the delivery.
    expect(JSON.parse(request.rawBody)).toEqual({
      id: hooks[0].idempotencyKey,
      event: "reply.sent",
      createdAt: (hooks[0].payload as { createdAt: string }).createdAt,
      data,
    });
    expect(await itemOf(hooks[0].id)).toMatchObject({ state: "sent", attempts: 1 });
  });
});
