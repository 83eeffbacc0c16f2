// The Bluesky reply transport against a fake PDS (tests/fakes/bluesky-api.ts) reached as
// http://localhost:<port>: the exact XRPC calls it makes, how it keeps and renews its session,
// and the outcomes it returns.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { AccountCredentials, SendRequest, TransportContext } from "@/lib/outbox/transport";
import { blueskyTransport } from "@/lib/outbox/transports/bluesky";
import { replyTid } from "@/lib/outbox/transports/bluesky-tid";
import { startFakeBluesky, type FakeBluesky, type StoredRecord } from "../../fakes/bluesky-api";

const AMY = { handle: "amy.bsky.social", did: "did:plc:amy" };
const POST = "app.bsky.feed.post";
const queuedAt = new Date("2026-12-01T10:00:00.000Z");

let fake: FakeBluesky;
let saved: Record<string, string>[];
let account: AccountCredentials;
let root: StoredRecord;
let mention: StoredRecord;

beforeEach(async () => {
  fake = await startFakeBluesky();
  saved = [];
  account = {
    network: "bluesky",
    settings: { handle: "brand.bsky.social", service: fake.url },
    secrets: { appPassword: "app-pass-1234" },
  };
  // Amy's thread: a root post and her reply in it mentioning the brand (the post we answer).
  root = fake.addPost(AMY, "3lroot2222222", { text: "flight cancelled again" });
  mention = fake.addPost(AMY, "3lmention2222", {
    text: "@brand.bsky.social any news?",
    reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } },
  });
});
afterEach(async () => {
  await fake.close();
});

/** The outbox's context; saved secrets land in the account as the store would keep them. */
function contextWith(timeoutMs = 2000): TransportContext {
  return {
    fetch: (u, o) =>
      safeFetch(u, { ...o, allowlist: ["localhost", "127.0.0.1"], timeoutMs: o?.timeoutMs ?? timeoutMs }),
    now: () => new Date(),
    saveSecrets: async (changed) => {
      saved.push(changed);
      account = { ...account, secrets: { ...account.secrets, ...changed } };
    },
  };
}

function request(body: string, overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    idempotencyKey: "reply-b1",
    body,
    target: {
      externalId: mention.uri,
      url: `https://bsky.app/profile/${AMY.handle}/post/3lmention2222`,
      authorHandle: AMY.handle,
      authorAccountId: AMY.did,
      ref: { cid: mention.cid, rootUri: root.uri, rootCid: root.cid },
      threadKey: root.uri,
      inReplyToId: root.uri,
    },
    account,
    queuedAt,
    ...overrides,
  };
}

const createRecords = () => fake.calls("com.atproto.repo.createRecord");
const brandRecords = () => [...fake.records.values()].filter((r) => r.uri.startsWith(`at://${fake.did}/`));

describe("Bluesky transport: sending", () => {
  it("creates the reply record with root, parent, facets and a TID from the idempotency key", async () => {
    const body = "Hi @amy.bsky.social 🙏🏽 Привет: https://help.example.com/claims?id=7.";
    const outcome = await blueskyTransport.send(request(body), contextWith());

    const [session] = fake.calls("com.atproto.server.createSession");
    expect(session.body).toEqual({ identifier: "brand.bsky.social", password: "app-pass-1234" });
    expect(fake.calls("com.atproto.identity.resolveHandle").map((r) => r.query)).toEqual([{ handle: AMY.handle }]);

    const rkey = replyTid("reply-b1", queuedAt);
    expect(createRecords()).toHaveLength(1);
    const [create] = createRecords();
    expect(create.method).toBe("POST");
    expect(create.headers.authorization).toBe("Bearer access-1");
    expect(create.headers["content-type"]).toBe("application/json");
    const linkStart = Buffer.byteLength("Hi @amy.bsky.social 🙏🏽 Привет: ");
    expect(create.body).toEqual({
      repo: "did:plc:brand",
      collection: POST,
      rkey,
      record: {
        $type: POST,
        text: body,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: mention.uri, cid: mention.cid } },
        facets: [
          {
            index: { byteStart: 3, byteEnd: 19 },
            features: [{ $type: "app.bsky.richtext.facet#mention", did: AMY.did }],
          },
          {
            index: { byteStart: linkStart, byteEnd: linkStart + "https://help.example.com/claims?id=7".length },
            features: [{ $type: "app.bsky.richtext.facet#link", uri: "https://help.example.com/claims?id=7" }],
          },
        ],
      },
    });
    expect(outcome).toEqual({
      kind: "sent",
      externalId: `at://did:plc:brand/${POST}/${rkey}`,
      url: `https://bsky.app/profile/brand.bsky.social/post/${rkey}`,
    });
    expect(saved).toEqual([{ accessJwt: "access-1", refreshJwt: "refresh-1", did: "did:plc:brand" }]);
  });

  it("reads the post's cid and thread root from the network when ingestion did not keep them", async () => {
    const base = request("On it");
    await blueskyTransport.send({ ...base, target: { ...base.target, ref: {} } }, contextWith());

    const [lookup] = fake.calls("com.atproto.repo.getRecord");
    expect(lookup.query).toEqual({ repo: AMY.did, collection: POST, rkey: "3lmention2222" });
    expect((createRecords()[0].body as { record: { reply: unknown } }).record.reply).toEqual({
      root: { uri: root.uri, cid: root.cid },
      parent: { uri: mention.uri, cid: mention.cid },
    });
  });

  it("replies to a thread's first post with that post as root and parent", async () => {
    const base = request("On it");
    const target = { ...base.target, externalId: root.uri, ref: {} };
    await blueskyTransport.send({ ...base, target }, contextWith());
    const reply = { uri: root.uri, cid: root.cid };
    expect((createRecords()[0].body as { record: { reply: unknown } }).record.reply).toEqual({
      root: reply,
      parent: reply,
    });
  });

  it("creates a session once and reuses it for the next reply", async () => {
    await blueskyTransport.send(request("first"), contextWith());
    await blueskyTransport.send({ ...request("second"), idempotencyKey: "reply-b2" }, contextWith());

    expect(fake.calls("com.atproto.server.createSession")).toHaveLength(1);
    expect(createRecords().map((r) => r.headers.authorization)).toEqual(["Bearer access-1", "Bearer access-1"]);
    expect(saved).toHaveLength(1);
    expect(brandRecords().map((r) => r.value.text)).toEqual(["first", "second"]);
  });

  it("refreshes an expired session, keeps the rotated tokens and retries", async () => {
    await blueskyTransport.send(request("first"), contextWith());
    fake.expireAccessTokens();
    const outcome = await blueskyTransport.send({ ...request("second"), idempotencyKey: "reply-b2" }, contextWith());

    const refresh = fake.calls("com.atproto.server.refreshSession");
    expect(refresh).toHaveLength(1);
    expect(refresh[0].headers.authorization).toBe("Bearer refresh-1");
    expect(createRecords().map((r) => r.headers.authorization)).toEqual([
      "Bearer access-1",
      "Bearer access-1", // 400 ExpiredToken
      "Bearer access-2",
    ]);
    expect(saved).toEqual([
      { accessJwt: "access-1", refreshJwt: "refresh-1", did: "did:plc:brand" },
      { accessJwt: "access-2", refreshJwt: "refresh-2", did: "did:plc:brand" },
    ]);
    expect(fake.calls("com.atproto.server.createSession")).toHaveLength(1);
    expect(outcome.kind).toBe("sent");
  });

  it("opens a new session with the app password when the refresh token is gone too", async () => {
    await blueskyTransport.send(request("first"), contextWith());
    fake.expireAccessTokens();
    fake.revokeRefreshTokens();
    const outcome = await blueskyTransport.send({ ...request("second"), idempotencyKey: "reply-b2" }, contextWith());

    expect(fake.requests.map((r) => r.path.replace("/xrpc/", ""))).toEqual([
      "com.atproto.server.createSession",
      "com.atproto.repo.createRecord",
      "com.atproto.repo.createRecord",
      "com.atproto.server.refreshSession",
      "com.atproto.server.createSession",
      "com.atproto.repo.createRecord",
    ]);
    expect(saved.at(-1)).toEqual({ accessJwt: "access-2", refreshJwt: "refresh-2", did: "did:plc:brand" });
    expect(outcome.kind).toBe("sent");
  });

  it("asks for the account again when neither the session nor the app password works", async () => {
    await blueskyTransport.send(request("first"), contextWith());
    fake.expireAccessTokens();
    fake.revokeRefreshTokens();
    fake.setAppPassword("revoked");
    const outcome = await blueskyTransport.send({ ...request("second"), idempotencyKey: "reply-b2" }, contextWith());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again: Invalid identifier or password",
    });
    expect(brandRecords()).toHaveLength(1);
  });

  it("treats a repeat whose record already exists as sent, without a second post", async () => {
    const first = await blueskyTransport.send(request("Sorry about that"), contextWith());
    const again = await blueskyTransport.send(request("Sorry about that"), contextWith());

    expect(again).toEqual(first);
    expect(createRecords().map((r) => (r.body as { rkey: string }).rkey)).toEqual([
      replyTid("reply-b1", queuedAt),
      replyTid("reply-b1", queuedAt),
    ]);
    expect(fake.calls("com.atproto.repo.getRecord").map((r) => r.query)).toEqual([
      { repo: "did:plc:brand", collection: POST, rkey: replyTid("reply-b1", queuedAt) },
    ]);
    expect(brandRecords()).toHaveLength(1);
  });

  it("leaves a mention that does not resolve as plain text", async () => {
    await blueskyTransport.send(request("cc @nobody.example.org"), contextWith());
    expect((createRecords()[0].body as { record: Record<string, unknown> }).record).not.toHaveProperty("facets");
    expect(fake.calls("com.atproto.identity.resolveHandle").map((r) => r.query.handle)).toEqual(["nobody.example.org"]);
  });

  it("sends messy text verbatim", async () => {
    const bodies = [
      "🎉👩🏽‍💻 fixed!",
      "tab\there\r\nline\u0007bell\u001b[0m\u200b\u202e",
      "Здравствуйте, 您好, مرحبا",
      `a & b < c > d "quoted" 'single'`,
    ];
    for (const [i, body] of bodies.entries())
      expect(
        await blueskyTransport.send({ ...request(body), idempotencyKey: `messy-${i}` }, contextWith()),
      ).toMatchObject({
        kind: "sent",
      });
    expect(createRecords().map((r) => (r.body as { record: { text: string } }).record.text)).toEqual(bodies);
  });
});

describe("Bluesky transport: failures", () => {
  const createRecordPath = "/xrpc/com.atproto.repo.createRecord";

  it("is rate limited until ratelimit-reset", async () => {
    fake.failNext(429, {
      path: createRecordPath,
      body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
      headers: { "ratelimit-reset": "1764583800" },
    });
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "retryable",
      reason: "Rate limited by the network (429): Rate Limit Exceeded",
      retryAt: new Date(1764583800 * 1000),
    });
  });

  it("waits when the network limits new sessions", async () => {
    fake.failNext(429, {
      path: "/xrpc/com.atproto.server.createSession",
      body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
      headers: { "ratelimit-reset": "1764584100" },
    });
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "retryable",
      reason: "Rate limited by the network (429): Rate Limit Exceeded",
      retryAt: new Date(1764584100 * 1000),
    });
    expect(createRecords()).toHaveLength(0);
  });

  it("retries a 5xx after checking that the record did not go in", async () => {
    fake.failNext(502, { path: createRecordPath, body: { error: "UpstreamFailure", message: "Upstream Failure" } });
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "retryable",
      reason: "The network answered 502: Upstream Failure",
      // No Retry-After: the worker's backoff decides (the ratelimit-reset on every answer is not about outages).
      retryAt: undefined,
    });
    expect(fake.calls("com.atproto.repo.getRecord")).toHaveLength(1);
  });

  it("asks for the account again on a wrong app password", async () => {
    account = { ...account, secrets: { appPassword: "wrong" } };
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again: Invalid identifier or password",
    });
    expect(createRecords()).toHaveLength(0);
    expect(saved).toEqual([]);
  });

  it("reports a deleted post as gone", async () => {
    const base = request("hi");
    const target = { ...base.target, externalId: `at://${AMY.did}/${POST}/3ldeleted2222`, ref: {} };
    expect(await blueskyTransport.send({ ...base, target }, contextWith())).toEqual({
      kind: "permanent",
      code: "gone",
      reason: `The post replied to no longer exists: at://${AMY.did}/${POST}/3ldeleted2222`,
    });
    fake.failNext(404, { path: createRecordPath, body: { error: "NotFound", message: "Post not found" } });
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists (404): Post not found",
    });
  });

  it("passes the PDS's validation message on", async () => {
    const message = "Invalid app.bsky.feed.post record: Record/langs/0 must be a valid language code";
    fake.failNext(400, { path: createRecordPath, body: { error: "InvalidRequest", message } });
    expect(await blueskyTransport.send(request("hi"), contextWith())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: `The network refused the reply (400): ${message}`,
    });
  });

  it("refuses more than 300 graphemes before sending", async () => {
    const body = "👩🏽‍💻".repeat(300) + "!";
    expect(await blueskyTransport.send(request(body), contextWith())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Bluesky posts hold 300 characters; this reply has 301",
    });
    expect(fake.requests).toHaveLength(0);
    const fits = await blueskyTransport.send(request("👩🏽‍💻".repeat(300)), contextWith());
    expect(fits.kind).toBe("sent");
  });

  it("retries when the PDS does not answer in time", async () => {
    fake.hangNext(createRecordPath);
    const outcome = await blueskyTransport.send(request("hi"), contextWith(300));
    expect(outcome).toEqual({ kind: "retryable", reason: expect.stringContaining("did not answer within 300 ms") });
  });
});

describe("Bluesky transport: who am I", () => {
  it("names the account from its session", async () => {
    expect(await blueskyTransport.whoAmI(account, contextWith())).toEqual({
      ok: true,
      id: "did:plc:brand",
      name: "@brand.bsky.social",
      limit: 300,
    });
    const [getSession] = fake.calls("com.atproto.server.getSession");
    expect(getSession.headers.authorization).toBe("Bearer access-1");
    expect(saved).toHaveLength(1);
  });

  it("reports the network's message for a wrong app password", async () => {
    expect(await blueskyTransport.whoAmI({ ...account, secrets: { appPassword: "wrong" } }, contextWith())).toEqual({
      ok: false,
      reason: "Invalid identifier or password",
      reauth: true,
    });
  });

  it("says when the PDS is down without asking to reconnect", async () => {
    fake.failNext(503, { body: { error: "InternalServerError", message: "Service Unavailable" } });
    expect(await blueskyTransport.whoAmI(account, contextWith())).toEqual({
      ok: false,
      reason: "Service Unavailable",
      reauth: false,
    });
  });
});
