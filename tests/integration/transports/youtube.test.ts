// The YouTube transport against a fake Data API and Google token endpoint
// (tests/fakes/youtube-api.ts) reached as localhost: the exact requests it sends, the access
// token refreshed (and saved) when missing or expired, and how each error reason becomes an
// outcome, including the daily quota's reset at midnight Pacific time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { SendRequest, TransportContext } from "@/lib/outbox/transport";
import { nextPacificMidnight, youtubeTransport } from "@/lib/outbox/transports/youtube";
import { startFakeYouTube, type FakeYouTube, type FakeYouTubeOptions } from "../../fakes/youtube-api";

let fake: FakeYouTube;
let saved: Record<string, string>[];

const TOP = "UgxTopLevel1";
const VIDEO = "dQw4w9WgXcQ";
const COMMENTS = "/youtube/v3/comments";

async function start(options: FakeYouTubeOptions = {}) {
  fake = await startFakeYouTube({ accessToken: "ya29.cached", threads: { [TOP]: VIDEO }, ...options });
}
beforeEach(async () => {
  saved = [];
});
afterEach(() => fake?.close());

function context(options: { now?: Date; timeoutMs?: number } = {}): TransportContext {
  return {
    fetch: (u, o) =>
      safeFetch(u, {
        ...o,
        allowlist: ["localhost", "127.0.0.1"],
        timeoutMs: options.timeoutMs ?? o?.timeoutMs ?? 2000,
      }),
    now: () => options.now ?? new Date(),
    saveSecrets: async (c) => void saved.push(c),
  };
}

function credentials(secrets: Record<string, string | undefined> = {}, settings: Record<string, string> = {}) {
  const all = { clientSecret: "client-secret", refreshToken: "refresh-1", accessToken: "ya29.cached", ...secrets };
  return {
    network: "youtube" as const,
    settings: {
      clientId: "client-1.apps.googleusercontent.com",
      channelId: "UCnorthwind000000000000",
      apiBase: fake.url,
      tokenUrl: fake.tokenUrl,
      ...settings,
    },
    // An undefined secret is one the account does not have (no cached access token).
    secrets: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>,
  };
}

function request(
  overrides: {
    body?: string;
    targetId?: string;
    url?: string | null;
    queuedAt?: Date;
    secrets?: Record<string, string | undefined>;
    settings?: Record<string, string>;
  } = {},
): SendRequest {
  const targetId = overrides.targetId ?? `${TOP}.8xReplyOfAmy`;
  return {
    idempotencyKey: "reply-1",
    body: overrides.body ?? "Hi Amy, thanks for flagging this: the fix ships Friday.",
    queuedAt: overrides.queuedAt ?? new Date(),
    target: {
      externalId: targetId,
      url: overrides.url === undefined ? `https://www.youtube.com/watch?v=${VIDEO}&lc=${targetId}` : overrides.url,
      authorHandle: "Amy",
      authorAccountId: "UCamy",
      ref: {},
      threadKey: TOP,
      inReplyToId: TOP,
    },
    account: credentials(overrides.secrets, overrides.settings),
  };
}

const NOW = new Date("2026-12-01T10:00:00.000Z"); // 02:00 in Los Angeles (PST)

describe("YouTube transport: send", () => {
  it("inserts the reply under the top-level comment with the cached token; links it under the video", async () => {
    await start();
    const outcome = await youtubeTransport.send(request(), context());
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe(COMMENTS);
    expect(sent.query).toEqual({ part: "snippet" });
    expect(sent.headers.authorization).toBe("Bearer ya29.cached");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.body).toEqual({
      snippet: { parentId: TOP, textOriginal: "Hi Amy, thanks for flagging this: the fix ships Friday." },
    });
    const id = fake.replies[0].id;
    expect(id.startsWith(`${TOP}.`)).toBe(true);
    expect(outcome).toEqual({
      kind: "sent",
      externalId: id,
      url: `https://www.youtube.com/watch?v=${VIDEO}&lc=${id}`,
    });
    expect(saved).toEqual([]);
  });

  it("replies to a top-level comment by its own id", async () => {
    await start();
    await youtubeTransport.send(request({ targetId: TOP }), context());
    expect((fake.requests[0].body as { snippet: { parentId: string } }).snippet.parentId).toBe(TOP);
  });

  it("answers no link when neither the target nor the answer names the video", async () => {
    await start({ threads: { UgxNoVideo: "" } });
    const outcome = await youtubeTransport.send(request({ targetId: "UgxNoVideo", url: null }), context());
    expect(outcome).toEqual({ kind: "sent", externalId: fake.replies[0].id, url: null });
  });

  it("sends messy text verbatim: emoji, control characters, non-Latin scripts, markup characters", async () => {
    await start();
    const texts = [
      "🙏🏽👩‍👩‍👧 ✈️ on it",
      "tabs\tand\r\nbreaks\u0001\u0007\u001b[31m\u007f\u200b\u2028end",
      "شكراً لك — ありがとう — спасибо — 谢谢",
      `a & b < c > d "quoted" &amp; <b>bold</b>`,
    ];
    for (const body of texts) {
      expect((await youtubeTransport.send(request({ body }), context())).kind).toBe("sent");
      expect((fake.requests.at(-1)!.body as { snippet: { textOriginal: string } }).snippet.textOriginal).toBe(body);
      expect(fake.replies.at(-1)!.textOriginal).toBe(body);
    }
  });
});

describe("YouTube transport: access tokens", () => {
  it("refreshes first when no access token is cached, saves it, then posts with it", async () => {
    await start({ accessToken: undefined });
    const outcome = await youtubeTransport.send(request({ secrets: { accessToken: undefined } }), context());
    expect(outcome.kind).toBe("sent");
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /token", `POST ${COMMENTS}`]);
    const [refresh, insert] = fake.requests;
    expect(refresh.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(refresh.headers.authorization).toBeUndefined();
    expect(refresh.body).toEqual({
      client_id: "client-1.apps.googleusercontent.com",
      client_secret: "client-secret",
      refresh_token: "refresh-1",
      grant_type: "refresh_token",
    });
    expect(saved).toEqual([{ accessToken: "ya29.fake-access-1" }]);
    expect(insert.headers.authorization).toBe("Bearer ya29.fake-access-1");
  });

  it("on an expired token (401 authError): refreshes once, saves the rotated tokens, retries and succeeds", async () => {
    await start({ rotateRefreshToken: true });
    fake.expireAccessTokens();
    const outcome = await youtubeTransport.send(request(), context());
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ""}`.trim())).toEqual([
      `POST ${COMMENTS} Bearer ya29.cached`,
      "POST /token",
      `POST ${COMMENTS} Bearer ya29.fake-access-1`,
    ]);
    expect(saved).toEqual([{ accessToken: "ya29.fake-access-1", refreshToken: "refresh-2" }]);
    expect(outcome).toMatchObject({ kind: "sent", externalId: fake.replies[0].id });
  });

  it("maps a refused refresh (invalid_grant) to reauth with Google's words, saving nothing", async () => {
    await start();
    fake.expireAccessTokens();
    const outcome = await youtubeTransport.send(request({ secrets: { refreshToken: "revoked" } }), context());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "Google refused to refresh the access token (400): invalid_grant: Token has been expired or revoked.",
    });
    expect(saved).toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });

  it("maps a fresh token still refused (401 after the refresh) to reauth, without a second refresh", async () => {
    await start();
    fake.failNext(401, { path: COMMENTS });
    fake.failNext(401, { path: COMMENTS });
    const outcome = await youtubeTransport.send(request(), context());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: expect.stringContaining("(401 authError): Request had invalid authentication credentials."),
    });
    expect(fake.requests.map((r) => r.path)).toEqual([COMMENTS, "/token", COMMENTS]);
  });

  it("retries when the token endpoint itself fails with 5xx", async () => {
    await start();
    fake.failNext(503, { path: "/token", body: { error: "internal_failure" } });
    expect(await youtubeTransport.send(request({ secrets: { accessToken: undefined } }), context())).toMatchObject({
      kind: "retryable",
      reason: "The network answered 503: internal_failure",
    });
  });
});

describe("YouTube transport: errors", () => {
  it("maps quotaExceeded to retryable at the next midnight in Los Angeles, when YouTube resets quota", async () => {
    await start({ quota: 60 }); // one insert (50 units) fits, the second does not
    expect((await youtubeTransport.send(request(), context({ now: NOW }))).kind).toBe("sent");
    const outcome = await youtubeTransport.send(request(), context({ now: NOW }));
    expect(outcome).toEqual({
      kind: "retryable",
      reason:
        "YouTube's daily quota is spent (403 quotaExceeded): The request cannot be completed because you have exceeded your quota.",
      retryAt: new Date("2026-12-02T08:00:00.000Z"),
    });
  });

  it("finds Pacific midnight across daylight saving time", () => {
    // PDT (UTC-7): 23:30 on July 14 → midnight July 15.
    expect(nextPacificMidnight(new Date("2026-07-15T06:30:00Z")).toISOString()).toBe("2026-07-15T07:00:00.000Z");
    // The evening before spring-forward (March 8, 2026): that midnight is still PST.
    expect(nextPacificMidnight(new Date("2026-03-08T07:30:00Z")).toISOString()).toBe("2026-03-08T08:00:00.000Z");
    // After spring-forward: the next midnight is PDT.
    expect(nextPacificMidnight(new Date("2026-03-08T12:00:00Z")).toISOString()).toBe("2026-03-09T07:00:00.000Z");
    // Fall-back day (November 1, 2026): midnight is PDT, the next one PST.
    expect(nextPacificMidnight(new Date("2026-11-01T06:00:00Z")).toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(nextPacificMidnight(new Date("2026-11-01T12:00:00Z")).toISOString()).toBe("2026-11-02T08:00:00.000Z");
    // Exactly at midnight: the next one, a day later.
    expect(nextPacificMidnight(new Date("2026-12-02T08:00:00Z")).toISOString()).toBe("2026-12-03T08:00:00.000Z");
  });

  it("maps rate limits to retryable at the Retry-After time", async () => {
    await start();
    fake.failNext(429, { reason: "rateLimitExceeded", headers: { "retry-after": "30" } });
    expect(await youtubeTransport.send(request(), context({ now: NOW }))).toEqual({
      kind: "retryable",
      reason: "Rate limited by YouTube (429 rateLimitExceeded): Rate Limit Exceeded",
      retryAt: new Date("2026-12-01T10:00:30.000Z"),
    });
    fake.failNext(403, { reason: "userRateLimitExceeded", message: "User Rate Limit Exceeded" });
    expect(await youtubeTransport.send(request(), context({ now: NOW }))).toMatchObject({ kind: "retryable" });
  });

  it("retries 5xx answers", async () => {
    await start();
    fake.failNext(503, { reason: "backendError" });
    expect(await youtubeTransport.send(request(), context())).toEqual({
      kind: "retryable",
      reason: "The network answered 503: Backend Error",
      retryAt: undefined,
    });
  });

  it("maps a missing comment (404 commentNotFound, parentCommentNotFound) to gone", async () => {
    await start();
    fake.failNext(404);
    expect(await youtubeTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "gone" });
    expect(await youtubeTransport.send(request({ targetId: "UgxDeleted.9y" }), context())).toEqual({
      kind: "permanent",
      code: "gone",
      reason:
        "The comment replied to no longer exists (404 parentCommentNotFound): The parent comment specified for the reply could not be found.",
    });
  });

  it("maps refused content to invalid with YouTube's message", async () => {
    await start();
    fake.failNext(403, { reason: "commentsDisabled" });
    expect(await youtubeTransport.send(request(), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason:
        "YouTube refused the reply (403 commentsDisabled): The video identified by the videoId parameter has disabled comments.",
    });
    fake.failNext(403, { reason: "forbidden" });
    expect(await youtubeTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "invalid" });
    fake.failNext(400, { reason: "processingFailure" });
    expect(await youtubeTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "invalid" });
    expect(await youtubeTransport.send(request({ body: "x".repeat(10_001) }), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "The network refused the reply (400): The comment text is too long.",
    });
  });

  it("maps insufficientPermissions (a token without the youtube.force-ssl scope) to reauth", async () => {
    await start();
    fake.failNext(403, { reason: "insufficientPermissions" });
    expect(await youtubeTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a request YouTube never answers (timeout)", async () => {
    await start();
    fake.hangNext(COMMENTS);
    expect(await youtubeTransport.send(request(), context({ timeoutMs: 300 }))).toEqual({
      kind: "retryable",
      reason: expect.stringContaining("did not answer within 300 ms"),
    });
  });
});

describe("YouTube transport: whoAmI", () => {
  it("names the channel the credentials post as", async () => {
    await start();
    expect(await youtubeTransport.whoAmI(credentials(), context())).toEqual({
      ok: true,
      id: "UCnorthwind000000000000",
      name: "Northwind Air",
      limit: 10_000,
    });
    const [call] = fake.requests;
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/youtube/v3/channels");
    expect(call.query).toEqual({ part: "snippet", mine: "true" });
    expect(call.headers.authorization).toBe("Bearer ya29.cached");
  });

  it("fails with Google's message when the refresh token is revoked, and on another channel", async () => {
    await start();
    expect(
      await youtubeTransport.whoAmI(credentials({ accessToken: undefined, refreshToken: "revoked" }), context()),
    ).toEqual({
      ok: false,
      reason: "Google refused to refresh the access token (400): invalid_grant: Token has been expired or revoked.",
      reauth: true,
    });
    expect(await youtubeTransport.whoAmI(credentials({}, { channelId: "UCother" }), context())).toEqual({
      ok: false,
      reason: "The credentials post as Northwind Air (UCnorthwind000000000000), not as the channel UCother",
      reauth: true,
    });
    fake.failNext(503, { reason: "backendError" });
    expect(await youtubeTransport.whoAmI(credentials(), context())).toEqual({
      ok: false,
      reason: "The network answered 503: Backend Error",
      reauth: false,
    });
  });
});

describe("YouTube transport: findExisting", () => {
  it("finds the channel's earlier identical reply past the first page; ignores others' and older ones", async () => {
    await start();
    const queuedAt = new Date(Date.now() - 5 * 60_000);
    const body = "Hi Amy, thanks for flagging this: the fix ships Friday.";
    fake.addReply({ parentId: TOP, textOriginal: body, authorChannelId: "UCamy", authorDisplayName: "Amy" });
    fake.addReply({
      parentId: TOP,
      textOriginal: body,
      publishedAt: new Date(queuedAt.getTime() - 3_600_000).toISOString(),
    });
    for (let i = 0; i < 50; i++) fake.addReply({ parentId: TOP, textOriginal: `reply ${i}`, authorChannelId: "UCx" });
    const mine = fake.addReply({ parentId: TOP, textOriginal: body });

    expect(await youtubeTransport.findExisting!(request({ body, queuedAt }), context())).toEqual({
      externalId: mine.id,
      url: `https://www.youtube.com/watch?v=${VIDEO}&lc=${mine.id}`,
    });
    expect(fake.requests.map((r) => r.query)).toEqual([
      { part: "snippet", parentId: TOP, maxResults: "50", textFormat: "plainText" },
      { part: "snippet", parentId: TOP, maxResults: "50", textFormat: "plainText", pageToken: "50" },
    ]);
    expect(fake.requests.every((r) => r.method === "GET" && r.path === COMMENTS)).toBe(true);
    expect(fake.requests[0].headers.authorization).toBe("Bearer ya29.cached");
  });

  it("looks the channel up when the settings lack it; null when nothing matches; throws when it cannot read", async () => {
    await start();
    const mine = fake.addReply({ parentId: TOP, textOriginal: "Done!" });
    expect(
      await youtubeTransport.findExisting!(request({ body: "Done!", settings: { channelId: "" } }), context()),
    ).toMatchObject({ externalId: mine.id });
    expect(fake.requests.map((r) => r.path)).toEqual(["/youtube/v3/channels", COMMENTS]);
    expect(await youtubeTransport.findExisting!(request({ body: "Never sent" }), context())).toBeNull();
    fake.failNext(503, { reason: "backendError" });
    await expect(youtubeTransport.findExisting!(request(), context())).rejects.toThrow(/Backend Error/);
  });
});
