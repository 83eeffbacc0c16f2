// The Instagram transport against the fake Graph API (tests/fakes/graph-api.ts) reached as
// localhost: the exact requests it sends, Instagram's comment limits refused before any call,
// and how each Graph answer becomes an outcome (by code, whatever the HTTP status).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { SendRequest, TransportContext } from "@/lib/outbox/transport";
import { instagramRefusal, instagramTransport } from "@/lib/outbox/transports/instagram";
import { graphTime, startFakeGraph, type FakeGraph } from "../../fakes/graph-api";

let fake: FakeGraph;
let saved: Record<string, string>[];

beforeEach(async () => {
  fake = await startFakeGraph({
    igUserId: "17841400000000001",
    igUsername: "northwind",
    igToken: "ig-token",
    foreignIgComments: ["17850000000000666"],
  });
  saved = [];
});
afterEach(() => fake.close());

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

const PERMALINK = "https://www.instagram.com/p/C0mEdIa1234/";

function request(
  overrides: {
    body?: string;
    token?: string;
    targetId?: string;
    url?: string | null;
    queuedAt?: Date;
    username?: string;
  } = {},
): SendRequest {
  return {
    idempotencyKey: "reply-1",
    body: overrides.body ?? "We're sorry, Amy! Check your DMs 💌",
    queuedAt: overrides.queuedAt ?? new Date(),
    target: {
      externalId: overrides.targetId ?? "17850000000000123",
      url: overrides.url === undefined ? PERMALINK : overrides.url,
      authorHandle: "amy.travels",
      authorAccountId: "17841400000000999",
      ref: {},
      threadKey: "17900000000000042",
      inReplyToId: null,
    },
    account: {
      network: "instagram",
      settings: {
        igUserId: "17841400000000001",
        ...(overrides.username === "" ? {} : { username: overrides.username ?? "northwind" }),
        graphBase: fake.graphBase,
      },
      secrets: { accessToken: overrides.token ?? "ig-token" },
    },
  };
}

const NOW = new Date("2026-12-01T10:00:00.000Z");

describe("Instagram transport: send", () => {
  it("posts the reply under the comment and answers its id with the media's permalink", async () => {
    const outcome = await instagramTransport.send(request(), context());
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v21.0/17850000000000123/replies");
    expect(sent.headers.authorization).toBe("Bearer ig-token");
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent.body).toEqual({ message: "We're sorry, Amy! Check your DMs 💌" });
    expect(outcome).toEqual({ kind: "sent", externalId: fake.replies[0].id, url: PERMALINK });
  });

  it("answers no link when the media's permalink is unknown", async () => {
    expect(await instagramTransport.send(request({ url: null }), context())).toEqual({
      kind: "sent",
      externalId: fake.replies[0].id,
      url: null,
    });
  });

  it("sends messy text verbatim: emoji, control characters, non-Latin scripts, markup characters", async () => {
    const texts = [
      "🙏🏽👩‍👩‍👧 ✈️ on it",
      "tabs\tand\r\nbreaks\u0001\u0007\u001b[31m\u007f\u200b\u2028end",
      "شكراً لك — ありがとう — спасибо — 谢谢",
      `a & b < c > d "quoted" &amp; <b>bold</b>`,
    ];
    for (const body of texts) {
      expect((await instagramTransport.send(request({ body }), context())).kind).toBe("sent");
      expect((fake.requests.at(-1)!.body as { message: string }).message).toBe(body);
      expect(fake.replies.at(-1)!.text).toBe(body);
    }
  });

  it("refuses over Instagram's limits before calling: 2,200 characters, 30 hashtags, 5 mentions", async () => {
    const tooLong = "é".repeat(2201);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    const mentions = "@a1 @b2 @c3 @d4 @e5 @f6 thanks";
    expect(await instagramTransport.send(request({ body: tooLong }), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Instagram comments are limited to 2200 characters (this reply has 2201)",
    });
    expect(await instagramTransport.send(request({ body: tags }), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Instagram comments may hold at most 30 hashtags (this reply has 31)",
    });
    expect(await instagramTransport.send(request({ body: mentions }), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Instagram comments may mention at most 5 accounts (this reply mentions 6)",
    });
    expect(fake.requests).toHaveLength(0);
    // At the limits (emoji counted as one character each; an e-mail address is not a mention).
    const atLimits = "🙂".repeat(2100) + " @a1 @b2 @c3 @d4 @e5 help@northwind.example #one #two";
    expect(instagramRefusal(atLimits)).toBeNull();
    expect((await instagramTransport.send(request({ body: "😀".repeat(2200) }), context())).kind).toBe("sent");
  });

  it("maps Instagram's business-use-case rate limit (code 80002 with HTTP 400) to retryable at the regain time", async () => {
    fake.failNext(400, {
      error: { message: "(#80002) There have been too many calls to this Instagram account.", code: 80002 },
      headers: {
        "x-business-use-case-usage": JSON.stringify({
          "17841400000000001": [
            {
              type: "instagram",
              call_count: 100,
              total_cputime: 9,
              total_time: 20,
              estimated_time_to_regain_access: 12,
            },
          ],
        }),
      },
    });
    expect(await instagramTransport.send(request(), context({ now: NOW }))).toEqual({
      kind: "retryable",
      reason: expect.stringContaining("(#80002) There have been too many calls to this Instagram account."),
      retryAt: new Date("2026-12-01T10:12:00.000Z"),
    });
    fake.failNext(429, { headers: { "retry-after": "60" } });
    expect(await instagramTransport.send(request(), context({ now: NOW }))).toMatchObject({
      kind: "retryable",
      retryAt: new Date("2026-12-01T10:01:00.000Z"),
    });
  });

  it("retries 5xx and service errors", async () => {
    fake.failNext(503);
    expect(await instagramTransport.send(request(), context())).toMatchObject({ kind: "retryable" });
    fake.failNext(400, { error: { message: "Service temporarily unavailable", code: 2 } });
    expect(await instagramTransport.send(request(), context())).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("Service temporarily unavailable"),
    });
  });

  it("maps an expired (401) or unparseable (400, code 190) token and a missing permission to reauth", async () => {
    fake.failNext(401);
    expect(await instagramTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(await instagramTransport.send(request({ token: "wrong" }), context())).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: expect.stringContaining("Invalid OAuth access token - Cannot parse access token"),
    });
    fake.failNext(400, { error: { message: "(#200) Requires instagram_manage_comments permission", code: 200 } });
    expect(await instagramTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "reauth" });
  });

  it("maps a deleted comment (100/33, as 404 or as Graph's 400) to gone", async () => {
    fake.failNext(404);
    expect(await instagramTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "gone" });
    fake.deleteObject("17850000000000123");
    expect(await instagramTransport.send(request(), context())).toEqual({
      kind: "permanent",
      code: "gone",
      reason: expect.stringContaining("Object with ID '17850000000000123' does not exist"),
    });
  });

  it("maps a reply to a comment on another account's media to invalid with Graph's message", async () => {
    expect(await instagramTransport.send(request({ targetId: "17850000000000666" }), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: expect.stringContaining("(#100) The comment is on media not owned by this Instagram business account"),
    });
  });

  it("retries a request the Graph API never answers (timeout)", async () => {
    fake.hangNext();
    expect(await instagramTransport.send(request(), context({ timeoutMs: 300 }))).toEqual({
      kind: "retryable",
      reason: expect.stringContaining("did not answer within 300 ms"),
    });
  });
});

describe("Instagram transport: whoAmI", () => {
  const account = (token = "ig-token") => ({
    network: "instagram" as const,
    settings: { igUserId: "17841400000000001", graphBase: fake.graphBase },
    secrets: { accessToken: token },
  });

  it("names the business account", async () => {
    expect(await instagramTransport.whoAmI(account(), context())).toEqual({
      ok: true,
      id: "17841400000000001",
      name: "northwind",
      limit: 2200,
    });
    const [call] = fake.requests;
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/v21.0/17841400000000001");
    expect(call.query).toEqual({ fields: "id,username" });
    expect(call.headers.authorization).toBe("Bearer ig-token");
  });

  it("gives Graph's message when the token is refused", async () => {
    expect(await instagramTransport.whoAmI(account("wrong"), context())).toEqual({
      ok: false,
      reason: "Invalid OAuth access token - Cannot parse access token",
      reauth: true,
    });
    fake.failNext(400, { error: { message: "(#4) Application request limit reached", code: 4 } });
    expect(await instagramTransport.whoAmI(account(), context())).toEqual({
      ok: false,
      reason: "(#4) Application request limit reached",
      reauth: false,
    });
  });
});

describe("Instagram transport: findExisting", () => {
  it("finds the account's earlier identical reply and ignores others' and older ones", async () => {
    const queuedAt = new Date(Date.now() - 5 * 60_000);
    const body = "We're sorry, Amy! Check your DMs 💌";
    fake.addReply({ parentId: "17850000000000123", text: body, username: "amy.travels" });
    fake.addReply({ parentId: "17850000000000123", text: "Another answer" });
    fake.addReply({
      parentId: "17850000000000123",
      text: body,
      timestamp: graphTime(new Date(queuedAt.getTime() - 3_600_000)),
    });
    fake.addReply({ parentId: "17850000000000777", text: body });
    const mine = fake.addReply({ parentId: "17850000000000123", text: body });

    expect(await instagramTransport.findExisting!(request({ body, queuedAt }), context())).toEqual({
      externalId: mine.id,
      url: PERMALINK,
    });
    expect(fake.requests).toHaveLength(1);
    const [call] = fake.requests;
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/v21.0/17850000000000123/replies");
    expect(call.query).toEqual({ fields: "id,text,username,timestamp" });
    expect(call.headers.authorization).toBe("Bearer ig-token");
  });

  it("looks the username up when the settings lack it; null when nothing matches", async () => {
    const mine = fake.addReply({ parentId: "17850000000000123", text: "Done!" });
    expect(await instagramTransport.findExisting!(request({ body: "Done!", username: "" }), context())).toEqual({
      externalId: mine.id,
      url: PERMALINK,
    });
    expect(fake.requests.map((r) => r.path)).toEqual(["/v21.0/17841400000000001", "/v21.0/17850000000000123/replies"]);
    expect(await instagramTransport.findExisting!(request({ body: "Not sent" }), context())).toBeNull();
    fake.failNext(500);
    await expect(instagramTransport.findExisting!(request(), context())).rejects.toThrow(/An unexpected error/);
  });
});
