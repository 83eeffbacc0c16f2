// The Facebook Page transport against a fake Graph API (tests/fakes/graph-api.ts) reached as
// localhost: the exact requests it sends, and how each Graph answer becomes an outcome. Graph
// errors come with HTTP 400 whatever their cause, so most cases here check the mapping by code.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { SendRequest, TransportContext } from "@/lib/outbox/transport";
import { facebookTransport } from "@/lib/outbox/transports/facebook";
import { graphTime, startFakeGraph, type FakeGraph } from "../../fakes/graph-api";

let fake: FakeGraph;
let saved: Record<string, string>[];

beforeEach(async () => {
  fake = await startFakeGraph({ pageId: "1111", pageName: "Northwind Air", pageToken: "page-token" });
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

function request(overrides: { body?: string; token?: string; targetId?: string; queuedAt?: Date } = {}): SendRequest {
  return {
    idempotencyKey: "reply-1",
    body: overrides.body ?? "Sorry about the delay, Amy: we have sent you a DM.",
    queuedAt: overrides.queuedAt ?? new Date(),
    target: {
      externalId: overrides.targetId ?? "1111_2222",
      url: "https://www.facebook.com/1111_2222",
      authorHandle: "Amy",
      authorAccountId: "9001",
      ref: {},
      threadKey: "1111_2222",
      inReplyToId: null,
    },
    account: {
      network: "facebook",
      settings: { pageId: "1111", pageName: "Northwind Air", graphBase: fake.graphBase },
      secrets: { pageAccessToken: overrides.token ?? "page-token" },
    },
  };
}

const NOW = new Date("2026-12-01T10:00:00.000Z");

describe("Facebook transport: send", () => {
  it("posts the comment with the Page token and answers its id and facebook.com link", async () => {
    const outcome = await facebookTransport.send(request(), context());
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v21.0/1111_2222/comments");
    expect(sent.headers.authorization).toBe("Bearer page-token");
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent.query).toEqual({});
    expect(sent.body).toEqual({ message: "Sorry about the delay, Amy: we have sent you a DM." });
    const id = fake.comments[0].id;
    expect(id).toMatch(/^1111_\d+$/);
    expect(outcome).toEqual({ kind: "sent", externalId: id, url: `https://www.facebook.com/${id}` });
  });

  it("replies to a comment under the comment's own id", async () => {
    const outcome = await facebookTransport.send(request({ targetId: "1111_2222_3333" }), context());
    expect(fake.requests[0].path).toBe("/v21.0/1111_2222_3333/comments");
    expect(outcome).toMatchObject({ kind: "sent", externalId: fake.comments[0].id });
  });

  it("sends messy text verbatim: emoji, control characters, non-Latin scripts, markup characters", async () => {
    const texts = [
      "Thanks! 🙏🏽👩‍👩‍👧 we're on it ✈️",
      "tabs\tand\r\nbreaks\u0001\u0007\u001b[31m\u007f\u200b\u2028end",
      "شكراً لك — ありがとう — спасибо — 谢谢",
      `a & b < c > d "quoted" 'single' &amp; <script>alert(1)</script>`,
    ];
    for (const body of texts) {
      const outcome = await facebookTransport.send(request({ body }), context());
      expect(outcome.kind).toBe("sent");
      expect((fake.requests.at(-1)!.body as { message: string }).message).toBe(body);
      expect(fake.comments.at(-1)!.message).toBe(body);
    }
  });

  it("maps a business-use-case rate limit (code 80001 with HTTP 400) to retryable at the usage header's regain time", async () => {
    fake.failNext(400, {
      error: { message: "(#80001) There have been too many calls to this Page account.", code: 80001 },
      headers: {
        "x-business-use-case-usage": JSON.stringify({
          "1111": [
            { type: "pages", call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: 7 },
          ],
        }),
      },
    });
    const outcome = await facebookTransport.send(request(), context({ now: NOW }));
    expect(outcome).toEqual({
      kind: "retryable",
      reason: expect.stringContaining("(#80001) There have been too many calls to this Page account."),
      retryAt: new Date("2026-12-01T10:07:00.000Z"),
    });
  });

  it("reads x-page-usage for a Page rate limit (code 32) and Retry-After for an app limit (code 4 with 429)", async () => {
    fake.failNext(400, {
      error: { message: "(#32) Page request limit reached", code: 32 },
      headers: {
        "x-page-usage": JSON.stringify({ call_count: 100, total_time: 5, estimated_time_to_regain_access: 3 }),
      },
    });
    expect(await facebookTransport.send(request(), context({ now: NOW }))).toMatchObject({
      kind: "retryable",
      retryAt: new Date("2026-12-01T10:03:00.000Z"),
    });
    fake.failNext(429, { headers: { "retry-after": "90" } });
    expect(await facebookTransport.send(request(), context({ now: NOW }))).toEqual({
      kind: "retryable",
      reason: expect.stringContaining("(#4) Application request limit reached"),
      retryAt: new Date("2026-12-01T10:01:30.000Z"),
    });
  });

  it("retries 5xx answers, Graph's unknown and service errors (codes 1 and 2) and a proxy's HTML 502", async () => {
    fake.failNext(500);
    expect(await facebookTransport.send(request(), context())).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("An unexpected error has occurred"),
    });
    fake.failNext(400, { error: { message: "An unknown error occurred", code: 1, type: "OAuthException" } });
    expect(await facebookTransport.send(request(), context())).toMatchObject({ kind: "retryable" });
    fake.failNext(502, { body: "<html><body>Bad Gateway</body></html>" });
    expect(await facebookTransport.send(request(), context())).toMatchObject({
      kind: "retryable",
      reason: "The network answered 502",
    });
  });

  it("maps an expired token (401 with code 190) and a bad token (400 with code 190) to reauth", async () => {
    fake.failNext(401);
    expect(await facebookTransport.send(request(), context())).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: expect.stringContaining("Error validating access token: Session has expired"),
    });
    const outcome = await facebookTransport.send(request({ token: "stale" }), context());
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer stale");
    expect(outcome).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: expect.stringContaining("Invalid OAuth access token - Cannot parse access token"),
    });
  });

  it("maps permission errors (code 10 with 400, code 200 with 403) to reauth", async () => {
    fake.failNext(400, {
      error: { message: "(#10) Application does not have permission for this action", code: 10 },
    });
    expect(await facebookTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "reauth" });
    fake.failNext(403);
    expect(await facebookTransport.send(request(), context())).toMatchObject({
      kind: "permanent",
      code: "reauth",
      reason: expect.stringContaining("(#200) Permissions error"),
    });
  });

  it("maps a deleted post (code 100, subcode 33) to gone, with 404 or with Graph's own 400", async () => {
    fake.failNext(404);
    expect(await facebookTransport.send(request(), context())).toMatchObject({ kind: "permanent", code: "gone" });
    fake.deleteObject("1111_2222");
    const outcome = await facebookTransport.send(request(), context());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "gone",
      reason: expect.stringContaining("Unsupported post request. Object with ID '1111_2222' does not exist"),
    });
  });

  it("maps refused content to invalid with Graph's message: a policy block (368) and a bad parameter (100)", async () => {
    fake.failNext(400, {
      error: {
        message: "It looks like you were misusing this feature by going too fast.",
        code: 368,
        error_subcode: 1390008,
      },
    });
    expect(await facebookTransport.send(request(), context())).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: expect.stringContaining("It looks like you were misusing this feature by going too fast."),
    });
    const outcome = await facebookTransport.send(request({ body: "   " }), context());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: expect.stringContaining("(#100) Missing message or attachment"),
    });
  });

  it("retries a request the Graph API never answers (timeout)", async () => {
    fake.hangNext();
    const outcome = await facebookTransport.send(request(), context({ timeoutMs: 300 }));
    expect(outcome).toEqual({ kind: "retryable", reason: expect.stringContaining("did not answer within 300 ms") });
  });
});

describe("Facebook transport: whoAmI", () => {
  const account = (token = "page-token", pageId = "1111") => ({
    network: "facebook" as const,
    settings: { pageId, graphBase: fake.graphBase },
    secrets: { pageAccessToken: token },
  });

  it("names the Page the token posts as", async () => {
    expect(await facebookTransport.whoAmI(account(), context())).toEqual({
      ok: true,
      id: "1111",
      name: "Northwind Air",
      limit: 8000,
    });
    const [call] = fake.requests;
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/v21.0/me");
    expect(call.query).toEqual({ fields: "id,name" });
    expect(call.headers.authorization).toBe("Bearer page-token");
  });

  it("gives Graph's message for a bad token (reauth), a service error (no reauth) and a token of another Page", async () => {
    expect(await facebookTransport.whoAmI(account("stale"), context())).toEqual({
      ok: false,
      reason: "Invalid OAuth access token - Cannot parse access token",
      reauth: true,
    });
    fake.failNext(500);
    expect(await facebookTransport.whoAmI(account(), context())).toEqual({
      ok: false,
      reason: "An unexpected error has occurred. Please retry your request later.",
      reauth: false,
    });
    expect(await facebookTransport.whoAmI(account("page-token", "2222"), context())).toEqual({
      ok: false,
      reason: "The token belongs to Northwind Air (1111), not to the Page 2222: use a Page access token",
      reauth: true,
    });
  });
});

describe("Facebook transport: findExisting", () => {
  it("finds the Page's earlier identical comment and ignores others' and older ones", async () => {
    const queuedAt = new Date(Date.now() - 10 * 60_000);
    const body = "Sorry about the delay, Amy: we have sent you a DM.";
    fake.addComment({
      parentId: "1111_2222",
      message: body,
      created_time: graphTime(new Date(queuedAt.getTime() - 3_600_000)),
    });
    fake.addComment({ parentId: "1111_2222", message: body, from: { id: "9001", name: "Amy" } });
    fake.addComment({ parentId: "1111_2222", message: "Another reply of ours" });
    fake.addComment({ parentId: "1111_9999", message: body });
    const mine = fake.addComment({
      parentId: "1111_2222",
      message: body,
      created_time: graphTime(new Date(queuedAt.getTime() + 1000)),
    });

    const found = await facebookTransport.findExisting!(request({ body, queuedAt }), context());
    expect(found).toEqual({ externalId: mine.id, url: `https://www.facebook.com/${mine.id}` });
    const [call] = fake.requests;
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/v21.0/1111_2222/comments");
    expect(call.query).toEqual({
      filter: "stream",
      order: "reverse_chronological",
      fields: "id,message,from,created_time",
      limit: "25",
    });
    expect(call.headers.authorization).toBe("Bearer page-token");
  });

  it("answers null when there is no such comment, and throws when the comments cannot be read", async () => {
    fake.addComment({ parentId: "1111_2222", message: "Something else" });
    expect(await facebookTransport.findExisting!(request(), context())).toBeNull();
    fake.failNext(500);
    await expect(facebookTransport.findExisting!(request(), context())).rejects.toThrow(/An unexpected error/);
  });
});

describe("Facebook transport: fields", () => {
  it("asks for the Page id and a secret Page token", () => {
    expect(facebookTransport.library).toBe("fetch");
    expect(facebookTransport.fields.map((f) => [f.name, f.secret, f.required])).toEqual([
      ["pageId", false, true],
      ["pageName", false, false],
      ["graphBase", false, false],
      ["pageAccessToken", true, true],
    ]);
  });
});
