// The X reply transport against a local fake of X's API v2 (tests/fakes/x-api.ts): the exact
// requests X receives, and how each of X's answers becomes an outbox outcome.
import { afterEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { AccountCredentials, SendRequest, TransportContext } from "@/lib/outbox/transport";
import { X_NOT_ALLOWED_REASON, xReplyEligibility, xTransport } from "@/lib/outbox/transports/x";
import { startFakeX, type FakeX, type FakeXOptions } from "../../fakes/x-api";

const fakes: FakeX[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fakeX(options: FakeXOptions = {}) {
  const fake = await startFakeX(options);
  fakes.push(fake);
  return fake;
}

const NOW = new Date("2026-12-01T10:00:00.000Z");

function contextFor(timeoutMs = 2000) {
  const saved: Array<Record<string, string>> = [];
  const ctx: TransportContext = {
    fetch: (u, o) =>
      safeFetch(u, { ...o, allowlist: ["localhost", "127.0.0.1"], timeoutMs: o?.timeoutMs ?? timeoutMs }),
    now: () => NOW,
    saveSecrets: async (c) => void saved.push(c),
  };
  return { ctx, saved };
}

function accountFor(
  fake: FakeX,
  settings: Record<string, string> = {},
  secrets: Record<string, string> = {},
): AccountCredentials {
  return {
    network: "x",
    settings: {
      apiBase: fake.url,
      tokenUrl: `${fake.url}/2/oauth2/token`,
      clientId: "fake-client-id",
      username: "NorthwindAir",
      ...settings,
    },
    secrets: { accessToken: "x-access-0", refreshToken: "x-refresh-0", ...secrets },
  };
}

function replyTo(
  fake: FakeX,
  body: string,
  options: { target?: string; ref?: Record<string, string>; account?: AccountCredentials; queuedAt?: Date } = {},
): SendRequest {
  return {
    idempotencyKey: "reply-1",
    body,
    target: {
      externalId: options.target ?? "1850000000000000001",
      url: null,
      authorHandle: "amy",
      authorAccountId: "42",
      ref: options.ref ?? { addressedBrand: "yes" },
      threadKey: null,
      inReplyToId: null,
    },
    account: options.account ?? accountFor(fake),
    queuedAt: options.queuedAt ?? new Date(Date.now() - 5 * 60_000),
  };
}

describe("X transport: send", () => {
  it("posts the reply with the bearer token and answers the new tweet's id and link", async () => {
    const fake = await fakeX();
    const { ctx, saved } = contextFor();
    const outcome = await xTransport.send(replyTo(fake, "@amy Sorry about the bag, we are on it."), ctx);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/2/tweets");
    expect(request.headers.authorization).toBe("Bearer x-access-0");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      text: "@amy Sorry about the bag, we are on it.",
      reply: { in_reply_to_tweet_id: "1850000000000000001" },
    });
    const id = fake.tweets[0].id;
    expect(outcome).toEqual({ kind: "sent", externalId: id, url: `https://x.com/northwindair/status/${id}` });
    expect(saved).toEqual([]);
  });

  it("links through x.com/i/web when the account's username is unknown", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const outcome = await xTransport.send(
      replyTo(fake, "Thanks!", { account: accountFor(fake, { username: "" }) }),
      ctx,
    );
    expect(outcome).toEqual({
      kind: "sent",
      externalId: fake.tweets[0].id,
      url: `https://x.com/i/web/status/${fake.tweets[0].id}`,
    });
  });

  it.each([
    ["emoji", "Fixed 🎉👍🏽 — thanks for your patience 🙏"],
    ["control characters", "line one\r\nline\ttwo\u0001\u0007\u001b[0m\u001f\u007f\u200b\u202eend"],
    ["non-Latin scripts", "ありがとうございます。Спасибо! شكراً لك 감사합니다"],
    ["markup characters", `Use <b>code</b> & "quotes" & 'apostrophes' &amp; > <`],
  ])("sends %s verbatim", async (_, text) => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const outcome = await xTransport.send(replyTo(fake, text), ctx);
    expect(outcome.kind).toBe("sent");
    expect((fake.requests[0].body as { text: string }).text).toBe(text);
    expect(fake.tweets[0].text).toBe(text);
  });

  it("maps X's reply restriction (403) to not_allowed with X's words, not to reauth", async () => {
    const fake = await fakeX({ restrictedReplies: ["1850000000000000001"] });
    const { ctx } = contextFor();
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toEqual({
      kind: "permanent",
      code: "not_allowed",
      reason:
        "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.",
    });
  });

  it("refuses without calling X when the outbox knows the author did not address the brand", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const outcome = await xTransport.send(replyTo(fake, "Hello", { ref: { addressedBrand: "no" } }), ctx);
    expect(outcome).toEqual({ kind: "permanent", code: "not_allowed", reason: X_NOT_ALLOWED_REASON });
    expect(fake.requests).toEqual([]);
  });

  it("maps X's authentication 403s to reauth with X's message", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const detail =
      "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].";
    fake.failNext(403, {
      body: {
        title: "Unsupported Authentication",
        detail,
        type: "https://api.twitter.com/2/problems/unsupported-authentication",
        status: 403,
      },
    });
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: `The account must be connected again (403): ${detail}`,
    });
  });

  it("treats a duplicate-content refusal as sent when our earlier attempt's tweet is found", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const earlier = fake.seedTweet({ text: "We refunded you & sent <a> voucher", inReplyTo: "1850000000000000001" });
    const outcome = await xTransport.send(replyTo(fake, "We refunded you & sent <a> voucher"), ctx);
    expect(outcome).toEqual({
      kind: "sent",
      externalId: earlier.id,
      url: `https://x.com/northwindair/status/${earlier.id}`,
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /2/tweets",
      "GET /2/users/me",
      `GET /2/users/${fake.me.id}/tweets`,
    ]);
  });

  it("treats a duplicate-content refusal as invalid when the identical tweet answers another post", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.seedTweet({ text: "Thanks for flying with us", inReplyTo: "1850000000000000999" });
    expect(await xTransport.send(replyTo(fake, "Thanks for flying with us"), ctx)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "X refused the reply: You are not allowed to create a Tweet with duplicate content.",
    });
  });

  it("maps a reply to a deleted tweet to gone", async () => {
    const fake = await fakeX({ deletedTweets: ["1850000000000000001"] });
    const { ctx } = contextFor();
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toEqual({
      kind: "permanent",
      code: "gone",
      reason:
        "The post replied to no longer exists: You attempted to reply to a Tweet that is deleted or not visible to you.",
    });
  });

  it("retries a 429 at X's x-rate-limit-reset time", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.failNext(429, {
      headers: { "x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1764583800" },
    });
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toEqual({
      kind: "retryable",
      reason: "Rate limited by the network (429): Too Many Requests",
      retryAt: new Date(1764583800 * 1000),
    });
  });

  it.each([500, 503])("retries a %i", async (status) => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.failNext(status);
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining(`answered ${status}`),
    });
  });

  it("maps a 404 to gone and a validation error to invalid with X's message", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.failNext(404, { body: { errors: [{ message: "Sorry, that page does not exist", code: 34 }] } });
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists (404): Sorry, that page does not exist",
    });
    expect(await xTransport.send(replyTo(fake, "x".repeat(281)), ctx)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "The network refused the reply (400): Your Tweet text is too long.",
    });
  });

  it("retries when X does not answer in time", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor(300);
    fake.hangNext();
    const outcome = await xTransport.send(replyTo(fake, "Hello"), ctx);
    expect(outcome).toEqual({ kind: "retryable", reason: `${fake.url} did not answer within 300 ms` });
  });
});

describe("X transport: expired access tokens", () => {
  it("without a refresh token, a 401 asks for the account to be connected again", async () => {
    const fake = await fakeX();
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired", refreshToken: "" });
    expect(await xTransport.send(replyTo(fake, "Hello", { account }), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again (401): Unauthorized",
    });
    expect(fake.requests).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it("a public client refreshes with client_id in the form, saves the rotated pair and retries once", async () => {
    const fake = await fakeX();
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired" });
    const outcome = await xTransport.send(replyTo(fake, "Hello", { account }), ctx);

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /2/tweets",
      "POST /2/oauth2/token",
      "POST /2/tweets",
    ]);
    const token = fake.requests[1];
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(token.headers.authorization).toBeUndefined();
    expect(token.body).toEqual({
      grant_type: "refresh_token",
      refresh_token: "x-refresh-0",
      client_id: "fake-client-id",
    });
    expect(saved).toEqual([{ accessToken: "x-access-1", refreshToken: "x-refresh-1" }]);
    expect(fake.refreshToken).toBe("x-refresh-1");
    expect(fake.requests[2].headers.authorization).toBe("Bearer x-access-1");
    expect(outcome).toMatchObject({ kind: "sent", externalId: fake.tweets[0].id });
  });

  it("a confidential client refreshes with HTTP Basic client_id:client_secret", async () => {
    const fake = await fakeX({ clientSecret: "s3cret" });
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired", clientSecret: "s3cret" });
    expect(await xTransport.send(replyTo(fake, "Hello", { account }), ctx)).toMatchObject({ kind: "sent" });
    const token = fake.requests[1];
    expect(token.headers.authorization).toBe(`Basic ${Buffer.from("fake-client-id:s3cret").toString("base64")}`);
    expect(token.body).toEqual({ grant_type: "refresh_token", refresh_token: "x-refresh-0" });
    expect(saved).toEqual([{ accessToken: "x-access-1", refreshToken: "x-refresh-1" }]);
  });

  it("a refresh token X no longer accepts means reauth, and the tweet is not tried again", async () => {
    const fake = await fakeX();
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired", refreshToken: "already-used" });
    expect(await xTransport.send(replyTo(fake, "Hello", { account }), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "X refused to refresh the access token (400): Value passed for the token was invalid.",
    });
    expect(fake.requests.map((r) => r.path)).toEqual(["/2/tweets", "/2/oauth2/token"]);
    expect(saved).toEqual([]);
  });

  it("a token endpoint that is down makes the reply retryable", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.failNext(503, { path: "/2/oauth2/token" });
    const account = accountFor(fake, {}, { accessToken: "expired" });
    expect(await xTransport.send(replyTo(fake, "Hello", { account }), ctx)).toMatchObject({ kind: "retryable" });
  });

  it("a second 401 after a successful refresh means reauth (one refresh per attempt)", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.failNext(401, { path: "/2/tweets" });
    fake.failNext(401, { path: "/2/tweets" });
    expect(await xTransport.send(replyTo(fake, "Hello"), ctx)).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(fake.requests.map((r) => r.path)).toEqual(["/2/tweets", "/2/oauth2/token", "/2/tweets"]);
  });
});

describe("X transport: whoAmI", () => {
  it("names the account the credentials post as", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    expect(await xTransport.whoAmI(accountFor(fake), ctx)).toEqual({
      ok: true,
      id: "2244994945",
      name: "@NorthwindAir",
    });
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/2/users/me",
      headers: { authorization: "Bearer x-access-0" },
    });
  });

  it("refreshes an expired token first", async () => {
    const fake = await fakeX();
    const { ctx, saved } = contextFor();
    const result = await xTransport.whoAmI(accountFor(fake, {}, { accessToken: "expired" }), ctx);
    expect(result).toMatchObject({ ok: true, id: "2244994945" });
    expect(saved).toEqual([{ accessToken: "x-access-1", refreshToken: "x-refresh-1" }]);
  });

  it("answers X's message and whether to reconnect when it fails", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const revoked = accountFor(fake, {}, { accessToken: "revoked", refreshToken: "revoked" });
    expect(await xTransport.whoAmI(revoked, ctx)).toEqual({
      ok: false,
      reason: "X refused to refresh the access token (400): Value passed for the token was invalid.",
      reauth: true,
    });
    fake.failNext(401);
    expect(await xTransport.whoAmI(accountFor(fake, {}, { refreshToken: "" }), ctx)).toEqual({
      ok: false,
      reason: "Unauthorized",
      reauth: true,
    });
    fake.failNext(503, {
      body: { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 },
    });
    expect(await xTransport.whoAmI(accountFor(fake), ctx)).toEqual({
      ok: false,
      reason: "Service Unavailable",
      reauth: false,
    });
  });
});

describe("X transport: findExisting", () => {
  it("finds our earlier reply to the same tweet with the same text, as X renders it", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    const queuedAt = new Date(Date.now() - 10 * 60_000);
    const target = "1850000000000000001";
    const body = "Sorry & thanks <3 — details: https://northwind.example/help?case=7";
    fake.seedTweet({ text: body, inReplyTo: target, createdAt: new Date(queuedAt.getTime() - 2 * 60_000) }); // too old
    fake.seedTweet({ text: body, inReplyTo: "1850000000000000777", createdAt: new Date() }); // another post
    fake.seedTweet({ text: "Sorry & thanks", inReplyTo: target, createdAt: new Date() }); // other text
    // X prepends the reply's mention and shortens links in the text it answers with.
    const ours = fake.seedTweet({
      text: "@amy Sorry & thanks <3 — details: https://t.co/AbCdEf1234",
      inReplyTo: target,
      createdAt: new Date(queuedAt.getTime() + 1000),
    });

    const found = await xTransport.findExisting!(replyTo(fake, body, { target, queuedAt }), ctx);
    expect(found).toEqual({ externalId: ours.id, url: `https://x.com/northwindair/status/${ours.id}` });

    const list = fake.requests[1];
    expect(list.method).toBe("GET");
    expect(list.path).toBe(`/2/users/${fake.me.id}/tweets`);
    expect(list.headers.authorization).toBe("Bearer x-access-0");
    expect(list.query).toEqual({
      max_results: "20",
      start_time: new Date(queuedAt.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      "tweet.fields": "referenced_tweets,created_at",
    });
  });

  it("answers null when no tweet matches, and throws when X cannot be asked", async () => {
    const fake = await fakeX();
    const { ctx } = contextFor();
    fake.seedTweet({ text: "Hello", inReplyTo: "1850000000000000777" });
    expect(await xTransport.findExisting!(replyTo(fake, "Hello"), ctx)).toBeNull();
    fake.failNext(503, { path: "/2/users/me" });
    await expect(xTransport.findExisting!(replyTo(fake, "Hello"), ctx)).rejects.toThrow(/X answered 503/);
  });
});

describe("xReplyEligibility", () => {
  const brandHandles = ["@NorthwindAir", "northwind_help"];

  it("allows a reply where the author mentioned a brand handle, in any case", () => {
    expect(xReplyEligibility({ addressedTo: [], text: "hey @northwindair my bag?", brandHandles })).toEqual({
      allowed: true,
    });
    expect(xReplyEligibility({ addressedTo: [], text: "@NORTHWIND_HELP!", brandHandles })).toEqual({ allowed: true });
  });

  it("allows a reply where ingestion found the brand addressed (a quote, a reply to the brand)", () => {
    expect(xReplyEligibility({ addressedTo: ["@NorthwindAir"], text: "this is awful", brandHandles })).toEqual({
      allowed: true,
    });
  });

  it("refuses where the brand is only named, in an e-mail address, or a longer handle", () => {
    for (const text of ["northwindair lost my bag", "mail me at amy@northwindair", "@northwindairlines rocks"])
      expect(xReplyEligibility({ addressedTo: ["@someone"], text, brandHandles })).toEqual({
        allowed: false,
        reason: X_NOT_ALLOWED_REASON,
      });
  });
});
