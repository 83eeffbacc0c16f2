// The Reddit reply transport against a local fake of Reddit's OAuth API (tests/fakes/reddit-api.ts):
// the exact requests Reddit receives, and how each of its answers (errors inside a 200 included)
// becomes an outbox outcome.
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { AccountCredentials, SendRequest, TransportContext } from "@/lib/outbox/transport";
import { redditTransport } from "@/lib/outbox/transports/reddit";
import { startFakeReddit, type FakeReddit, type FakeRedditOptions } from "../../fakes/reddit-api";

const fakes: FakeReddit[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fakeReddit(options: FakeRedditOptions = {}) {
  const fake = await startFakeReddit(options);
  fakes.push(fake);
  return fake;
}

const NOW = new Date("2026-12-01T10:00:00.000Z");
const USER_AGENT = "web:earshot:1.0 (by /u/northwind_support)";
const BASIC = `Basic ${Buffer.from("fake-client-id:fake-secret").toString("base64")}`;

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
  fake: FakeReddit,
  settings: Record<string, string> = {},
  secrets: Record<string, string> = {},
): AccountCredentials {
  return {
    network: "reddit",
    settings: {
      apiBase: fake.url,
      tokenUrl: `${fake.url}/api/v1/access_token`,
      clientId: "fake-client-id",
      username: "northwind_support",
      ...settings,
    },
    secrets: {
      clientSecret: "fake-secret",
      refreshToken: "reddit-refresh-0",
      accessToken: "reddit-access-0",
      ...secrets,
    },
  };
}

function replyTo(
  fake: FakeReddit,
  body: string,
  options: { target?: string; account?: AccountCredentials; queuedAt?: Date } = {},
): SendRequest {
  return {
    idempotencyKey: "reply-1",
    body,
    target: {
      externalId: options.target ?? "t3_1xyz9",
      url: null,
      authorHandle: "amy_r",
      authorAccountId: null,
      ref: {},
      threadKey: null,
      inReplyToId: null,
    },
    account: options.account ?? accountFor(fake),
    queuedAt: options.queuedAt ?? new Date(Date.now() - 5 * 60_000),
  };
}

const calls = (fake: FakeReddit) => fake.requests.map((r) => `${r.method} ${r.path}`);

describe("Reddit transport: send", () => {
  it("comments with the bearer token and user agent, and answers the comment's fullname and permalink", async () => {
    const fake = await fakeReddit();
    const { ctx, saved } = contextFor();
    const outcome = await redditTransport.send(replyTo(fake, "Sorry about that, u/amy_r. DM us your booking?"), ctx);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/api/comment");
    expect(request.headers.authorization).toBe("Bearer reddit-access-0");
    expect(request.headers["user-agent"]).toBe(USER_AGENT);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toEqual({
      thing_id: "t3_1xyz9",
      text: "Sorry about that, u/amy_r. DM us your booking?",
      api_type: "json",
    });
    const comment = fake.comments[0];
    expect(outcome).toEqual({
      kind: "sent",
      externalId: comment.name,
      url: `https://www.reddit.com/r/earshot/comments/1xyz9/comment/${comment.id}/`,
    });
    expect(saved).toEqual([]);
  });

  it("uses the account's own User-Agent when one is set", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    const account = accountFor(fake, { userAgent: "linux:com.northwind.care:2.3 (by /u/northwind_support)" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toMatchObject({ kind: "sent" });
    expect(fake.requests[0].headers["user-agent"]).toBe("linux:com.northwind.care:2.3 (by /u/northwind_support)");
  });

  it.each([
    ["emoji", "Fixed 🎉👍🏽 — thanks for your patience 🙏"],
    ["control characters", "line one\r\nline\ttwo\u0001\u0007\u001b[0m\u001f\u007f\u200b\u202eend"],
    ["non-Latin scripts", "ありがとうございます。Спасибо! شكراً لك 감사합니다"],
    ["markup and form characters", `Use <b>code</b> & "quotes" &amp; a+b=c; 100% > 50% <`],
  ])("sends %s verbatim", async (_, text) => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    expect(await redditTransport.send(replyTo(fake, text), ctx)).toMatchObject({ kind: "sent" });
    expect((fake.requests[0].body as { text: string }).text).toBe(text);
    expect(fake.comments[0].body).toBe(text);
  });

  it("retries a RATELIMIT refusal inside a 200 at the time Reddit's message gives", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    const message = "Looks like you've been doing that a lot. Take a break for 5 minutes before trying again.";
    fake.answerNext({ status: 200, body: { json: { errors: [["RATELIMIT", message, "ratelimit"]], data: {} } } });
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toEqual({
      kind: "retryable",
      reason: `Rate limited by Reddit: ${message}`,
      retryAt: new Date(NOW.getTime() + 5 * 60_000),
    });
    fake.answerNext({
      status: 200,
      body: { json: { errors: [["RATELIMIT", "Take a break for 9 seconds before trying again.", "ratelimit"]] } },
    });
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toMatchObject({
      kind: "retryable",
      retryAt: new Date(NOW.getTime() + 9_000),
    });
  });

  it("refuses a locked or archived thread for good with Reddit's message", async () => {
    const fake = await fakeReddit({ locked: ["t3_locked1"], archived: ["t1_old1"] });
    const { ctx } = contextFor();
    expect(await redditTransport.send(replyTo(fake, "Hi", { target: "t3_locked1" }), ctx)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Reddit refused the reply: the thread takes no new comments: Comments are locked. (THREAD_LOCKED)",
    });
    expect(await redditTransport.send(replyTo(fake, "Hi", { target: "t1_old1" }), ctx)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason:
        "Reddit refused the reply: the thread takes no new comments: that's a piece of history now; it's too late to reply to it (TOO_OLD)",
    });
  });

  it("maps a deleted comment or post to gone", async () => {
    const fake = await fakeReddit({ deletedComments: ["t1_gone1"], deletedLinks: ["t3_gone2"] });
    const { ctx } = contextFor();
    expect(await redditTransport.send(replyTo(fake, "Hi", { target: "t1_gone1" }), ctx)).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists: that comment has been deleted (DELETED_COMMENT)",
    });
    expect(await redditTransport.send(replyTo(fake, "Hi", { target: "t3_gone2" }), ctx)).toMatchObject({
      kind: "permanent",
      code: "gone",
    });
  });

  it("maps Reddit's other validation errors to invalid with its message", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    expect(await redditTransport.send(replyTo(fake, "x".repeat(10_001)), ctx)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Reddit refused the reply: this is too long (max: 10000) (TOO_LONG)",
    });
  });

  it("retries a 429 at the x-ratelimit-reset seconds from now", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.failNext(429, {
      headers: { "x-ratelimit-used": "600", "x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "120" },
    });
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toEqual({
      kind: "retryable",
      reason: "Rate limited by the network (429): Too Many Requests",
      retryAt: new Date(NOW.getTime() + 120_000),
    });
  });

  it.each([500, 502, 503])("retries a %i", async (status) => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.failNext(status);
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining(`answered ${status}`),
    });
  });

  it("maps a 404 to gone and a 403 to reauth, with Reddit's message", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.failNext(404);
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists (404): Not Found",
    });
    fake.failNext(403, { body: { reason: "private", message: "Forbidden", error: 403 } });
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again (403): Forbidden: private",
    });
  });

  it("retries when Reddit does not answer in time", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor(300);
    fake.hangNext();
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toEqual({
      kind: "retryable",
      reason: `${fake.url} did not answer within 300 ms`,
    });
  });
});

describe("Reddit transport: access tokens", () => {
  it("gets an access token first when none is cached, saves it, then comments", async () => {
    const fake = await fakeReddit();
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toMatchObject({ kind: "sent" });

    expect(calls(fake)).toEqual(["POST /api/v1/access_token", "POST /api/comment"]);
    const token = fake.requests[0];
    expect(token.headers.authorization).toBe(BASIC);
    expect(token.headers["user-agent"]).toBe(USER_AGENT);
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(token.body).toEqual({ grant_type: "refresh_token", refresh_token: "reddit-refresh-0" });
    expect(saved).toEqual([{ accessToken: "reddit-access-1" }]);
    expect(fake.requests[1].headers.authorization).toBe("Bearer reddit-access-1");
  });

  it("an installed app authenticates with an empty secret", async () => {
    const fake = await fakeReddit({ clientSecret: "" });
    const { ctx } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "", clientSecret: "" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toMatchObject({ kind: "sent" });
    expect(fake.requests[0].headers.authorization).toBe(`Basic ${Buffer.from("fake-client-id:").toString("base64")}`);
  });

  it("on a 401 refreshes once, saves a rotated refresh token, and retries", async () => {
    const fake = await fakeReddit({ rotateRefreshTokens: true });
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired" });
    const outcome = await redditTransport.send(replyTo(fake, "Hi", { account }), ctx);
    expect(calls(fake)).toEqual(["POST /api/comment", "POST /api/v1/access_token", "POST /api/comment"]);
    expect(saved).toEqual([{ accessToken: "reddit-access-1", refreshToken: "reddit-refresh-1" }]);
    expect(fake.requests[2].headers.authorization).toBe("Bearer reddit-access-1");
    expect(outcome).toMatchObject({ kind: "sent", externalId: fake.comments[0].name });
  });

  it("a refresh token Reddit no longer accepts means reauth, and the comment is not tried again", async () => {
    const fake = await fakeReddit();
    const { ctx, saved } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired", refreshToken: "revoked" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "Reddit refused to refresh the access token (400): invalid_grant",
    });
    expect(calls(fake)).toEqual(["POST /api/comment", "POST /api/v1/access_token"]);
    expect(saved).toEqual([]);
  });

  it("a wrong client secret means reauth; a 200 carrying invalid_grant too", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    const wrongSecret = accountFor(fake, {}, { accessToken: "", clientSecret: "wrong" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account: wrongSecret }), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "Reddit refused to refresh the access token (401): Unauthorized",
    });
    fake.answerNext({ status: 200, body: { error: "invalid_grant" }, path: "/api/v1/access_token" });
    expect(
      await redditTransport.send(replyTo(fake, "Hi", { account: accountFor(fake, {}, { accessToken: "" }) }), ctx),
    ).toMatchObject({ kind: "permanent", code: "reauth" });
  });

  it("without a refresh token, a 401 asks for the account to be connected again", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    const account = accountFor(fake, {}, { accessToken: "expired", refreshToken: "" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again (401): Unauthorized",
    });
    expect(calls(fake)).toEqual(["POST /api/comment"]);
  });

  it("a 401 even with a fresh token means reauth (one refresh per attempt)", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.failNext(401, { path: "/api/comment" });
    fake.failNext(401, { path: "/api/comment" });
    expect(await redditTransport.send(replyTo(fake, "Hi"), ctx)).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(calls(fake)).toEqual(["POST /api/comment", "POST /api/v1/access_token", "POST /api/comment"]);
  });

  it("a token endpoint that is down makes the reply retryable", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.failNext(503, { path: "/api/v1/access_token" });
    const account = accountFor(fake, {}, { accessToken: "" });
    expect(await redditTransport.send(replyTo(fake, "Hi", { account }), ctx)).toMatchObject({ kind: "retryable" });
  });
});

describe("Reddit fake: user agents", () => {
  it("throttles a request without a User-Agent with a 429, as Reddit does", async () => {
    const fake = await fakeReddit();
    const status = await new Promise<number>((resolve, reject) => {
      // Node's http client sends no User-Agent unless told to.
      const request = http.request(`${fake.url}/api/v1/me`, { headers: { authorization: "Bearer reddit-access-0" } });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end();
    });
    expect(status).toBe(429);
    expect(fake.requests[0].headers["user-agent"]).toBeUndefined();
  });

  it("throttles a generic User-Agent too, so the transport's own one is what gets through", async () => {
    const fake = await fakeReddit();
    const generic = await safeFetch(`${fake.url}/api/v1/me`, {
      allowlist: ["localhost"],
      headers: { authorization: "Bearer reddit-access-0" },
    });
    expect(generic.status).toBe(429);
    const { ctx } = contextFor();
    expect(await redditTransport.whoAmI(accountFor(fake), ctx)).toMatchObject({ ok: true });
  });
});

describe("Reddit transport: whoAmI", () => {
  it("names the account the credentials post as, with Reddit's comment limit", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    expect(await redditTransport.whoAmI(accountFor(fake), ctx)).toEqual({
      ok: true,
      id: "1w72",
      name: "u/northwind_support",
      limit: 10_000,
    });
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/me",
      headers: { authorization: "Bearer reddit-access-0", "user-agent": USER_AGENT },
    });
  });

  it("answers Reddit's message and whether to reconnect when it fails", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    expect(
      await redditTransport.whoAmI(accountFor(fake, {}, { accessToken: "", refreshToken: "revoked" }), ctx),
    ).toEqual({
      ok: false,
      reason: "Reddit refused to refresh the access token (400): invalid_grant",
      reauth: true,
    });
    fake.failNext(403);
    expect(await redditTransport.whoAmI(accountFor(fake), ctx)).toEqual({
      ok: false,
      reason: "Forbidden",
      reauth: true,
    });
    fake.failNext(500);
    expect(await redditTransport.whoAmI(accountFor(fake), ctx)).toEqual({
      ok: false,
      reason: "Internal Server Error",
      reauth: false,
    });
  });
});

describe("Reddit transport: findExisting", () => {
  it("finds our earlier comment on the same post with the same text since it was queued", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    const queuedAt = new Date(Date.now() - 10 * 60_000);
    const body = "Sorry & thanks <3 — we've refunded the fare.";
    fake.seedComment({ parentId: "t3_1xyz9", body, createdAt: new Date(queuedAt.getTime() - 2 * 60_000) }); // too old
    fake.seedComment({ parentId: "t1_other7", body, createdAt: new Date() }); // another post
    fake.seedComment({ parentId: "t3_1xyz9", body: "Sorry & thanks", createdAt: new Date() }); // other text
    const ours = fake.seedComment({ parentId: "t3_1xyz9", body, createdAt: new Date(queuedAt.getTime() + 1000) });

    expect(await redditTransport.findExisting!(replyTo(fake, body, { queuedAt }), ctx)).toEqual({
      externalId: ours.name,
      url: `https://www.reddit.com${ours.permalink}`,
    });
    const [list] = fake.requests;
    expect(list).toMatchObject({
      method: "GET",
      path: "/user/northwind_support/comments",
      query: { limit: "25", sort: "new", raw_json: "1" },
      headers: { authorization: "Bearer reddit-access-0", "user-agent": USER_AGENT },
    });
  });

  it("answers null when no comment matches, and throws when Reddit cannot be asked", async () => {
    const fake = await fakeReddit();
    const { ctx } = contextFor();
    fake.seedComment({ parentId: "t1_other7", body: "Hi" });
    expect(await redditTransport.findExisting!(replyTo(fake, "Hi"), ctx)).toBeNull();
    fake.failNext(503);
    await expect(redditTransport.findExisting!(replyTo(fake, "Hi"), ctx)).rejects.toThrow(/Reddit answered 503/);
  });
});
