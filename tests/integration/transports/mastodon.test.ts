// The Mastodon reply transport against a fake Mastodon server (tests/fakes/mastodon-api.ts)
// reached as http://localhost:<port>: the exact requests it makes and the outcomes it returns.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { SendRequest, TransportContext } from "@/lib/outbox/transport";
import { mastodonTransport, replyVisibility, withMention } from "@/lib/outbox/transports/mastodon";
import { BRAND_ACCOUNT, startFakeMastodon, type FakeMastodon } from "../../fakes/mastodon-api";

let fake: FakeMastodon;
let saved: Record<string, string>[];

beforeEach(async () => {
  fake = await startFakeMastodon();
  saved = [];
});
afterEach(async () => {
  await fake.close();
});

function contextWith(timeoutMs = 2000): TransportContext {
  return {
    fetch: (u, o) =>
      safeFetch(u, { ...o, allowlist: ["localhost", "127.0.0.1"], timeoutMs: o?.timeoutMs ?? timeoutMs }),
    now: () => new Date(),
    saveSecrets: async (c) => void saved.push(c),
  };
}

const account = (overrides: Record<string, string> = {}) => ({
  network: "mastodon" as const,
  settings: { instanceUrl: fake.url, handle: "brand@localhost" },
  secrets: { accessToken: "mastodon-token", ...overrides },
});

/** A reply to Amy's status 1001 on the fake instance. */
function request(body: string, overrides: Partial<SendRequest> = {}): SendRequest {
  fake.addStatus({ id: "1001", acct: "amy", text: "where is my parcel?" });
  return {
    idempotencyKey: "reply-7f3a",
    body,
    target: {
      externalId: "1001",
      url: `${fake.url}/@amy/1001`,
      authorHandle: "amy",
      authorAccountId: "1",
      ref: {},
      threadKey: "1001",
      inReplyToId: null,
    },
    account: account(),
    queuedAt: new Date(),
    ...overrides,
  };
}

const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");

describe("Mastodon transport: sending", () => {
  it("posts the reply with the author's mention, the reply-to id, bearer token and idempotency key", async () => {
    const outcome = await mastodonTransport.send(request("Thanks, we're on it!"), contextWith());

    expect(posts()).toHaveLength(1);
    const [post] = posts();
    expect(post.headers.authorization).toBe("Bearer mastodon-token");
    expect(post.headers["content-type"]).toBe("application/json");
    expect(post.headers["idempotency-key"]).toBe("reply-7f3a");
    expect(post.body).toEqual({ status: "@amy Thanks, we're on it!", in_reply_to_id: "1001", visibility: "public" });
    const created = [...fake.statuses.values()].find((s) => s.acct === "brand")!;
    expect(outcome).toEqual({ kind: "sent", externalId: created.id, url: `${fake.url}/@brand/${created.id}` });
    expect(fake.requests.some((r) => r.path === "/api/v2/search")).toBe(false); // same server: its own id
    expect(saved).toEqual([]);
  });

  it("does not mention the author twice", async () => {
    await mastodonTransport.send(request("Hi @Amy, sorted!"), contextWith());
    expect((posts()[0].body as { status: string }).status).toBe("Hi @Amy, sorted!");
  });

  it("resolves a post from another server to the instance's own id and mentions its author with the domain", async () => {
    fake.addRemoteStatus("https://other.example/@amy/999", "555");
    const outcome = await mastodonTransport.send(
      request("On it.", {
        target: {
          externalId: "999",
          url: "https://other.example/@amy/999",
          authorHandle: "amy",
          authorAccountId: null,
          ref: {},
          threadKey: "999",
          inReplyToId: null,
        },
      }),
      contextWith(),
    );

    const search = fake.requests.find((r) => r.path === "/api/v2/search")!;
    expect(search.method).toBe("GET");
    expect(search.headers.authorization).toBe("Bearer mastodon-token");
    expect(search.query).toEqual({
      q: "https://other.example/@amy/999",
      resolve: "true",
      type: "statuses",
      limit: "1",
    });
    expect(posts()[0].body).toEqual({
      status: "@amy@other.example On it.",
      in_reply_to_id: "555",
      visibility: "public",
    });
    expect(outcome.kind).toBe("sent");
  });

  it("gives up with 'gone' when the instance cannot find the other server's post", async () => {
    const outcome = await mastodonTransport.send(
      request("On it.", {
        target: {
          externalId: "999",
          url: "https://other.example/@amy/404",
          authorHandle: "amy@other.example",
          authorAccountId: null,
          ref: {},
          threadKey: null,
          inReplyToId: null,
        },
      }),
      contextWith(),
    );
    expect(outcome).toEqual({
      kind: "permanent",
      code: "gone",
      reason: expect.stringContaining("cannot find the post replied to (https://other.example/@amy/404)"),
    });
    expect(posts()).toHaveLength(0);
  });

  it("keeps a direct or followers-only conversation as private as it was", async () => {
    for (const visibility of ["direct", "private", "unlisted", "public"]) {
      const base = request("ok");
      await mastodonTransport.send(
        { ...base, idempotencyKey: `k-${visibility}`, target: { ...base.target, ref: { visibility } } },
        contextWith(),
      );
    }
    expect(posts().map((p) => (p.body as { visibility: string }).visibility)).toEqual([
      "direct",
      "private",
      "unlisted",
      "public",
    ]);
    expect(replyVisibility(undefined)).toBe("public");
    expect(replyVisibility("limited")).toBe("public");
  });

  it("sends the same Idempotency-Key on every attempt, and a repeat gets the first status back", async () => {
    fake.failNext(503, { body: { error: "Service Unavailable" }, path: "/api/v1/statuses" });
    const first = await mastodonTransport.send(request("Retry me"), contextWith());
    const second = await mastodonTransport.send(request("Retry me"), contextWith());
    const third = await mastodonTransport.send(request("Retry me"), contextWith());

    expect(first).toMatchObject({ kind: "retryable", reason: "The network answered 503: Service Unavailable" });
    expect(second.kind).toBe("sent");
    expect(third).toEqual(second);
    expect(posts().map((p) => p.headers["idempotency-key"])).toEqual(["reply-7f3a", "reply-7f3a", "reply-7f3a"]);
    expect([...fake.statuses.values()].filter((s) => s.acct === "brand")).toHaveLength(1);
  });

  it("sends messy text verbatim", async () => {
    const bodies = [
      "🎉👩🏽‍💻 fixed!",
      "tab\there\r\nline\u0007bell\u001b[0m\u200b\u202e",
      "Здравствуйте, 您好, مرحبا",
      `a & b < c > d "quoted" 'single'`,
    ];
    for (const [i, body] of bodies.entries())
      await mastodonTransport.send({ ...request(body), idempotencyKey: `messy-${i}` }, contextWith());
    expect(posts().map((p) => (p.body as { status: string }).status)).toEqual(bodies.map((b) => `@amy ${b}`));
  });
});

describe("Mastodon transport: failures", () => {
  it("is rate limited until X-RateLimit-Reset", async () => {
    const reset = "2026-12-01T10:05:00.000Z";
    fake.failNext(429, { body: { error: "Too many requests" }, headers: { "x-ratelimit-reset": reset } });
    const outcome = await mastodonTransport.send(request("hi"), contextWith());
    expect(outcome).toEqual({
      kind: "retryable",
      reason: "Rate limited by the network (429): Too many requests",
      retryAt: new Date(reset),
    });
  });

  it("retries a 5xx", async () => {
    fake.failNext(500, { body: { error: "We're sorry, but something went wrong on our end." } });
    expect(await mastodonTransport.send(request("hi"), contextWith())).toMatchObject({ kind: "retryable" });
  });

  it("asks for the account again on a rejected token", async () => {
    const outcome = await mastodonTransport.send(
      { ...request("hi"), account: account({ accessToken: "revoked" }) },
      contextWith(),
    );
    expect(outcome).toEqual({
      kind: "permanent",
      code: "reauth",
      reason: "The account must be connected again (401): The access token is invalid",
    });
  });

  it("reports a deleted post as gone", async () => {
    const base = request("hi");
    const outcome = await mastodonTransport.send(
      { ...base, target: { ...base.target, externalId: "4040", url: `${fake.url}/@amy/4040` } },
      contextWith(),
    );
    expect(outcome).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists (404): Record not found",
    });
  });

  it("passes Mastodon's validation message on", async () => {
    const outcome = await mastodonTransport.send(request("x".repeat(501)), contextWith());
    expect(outcome).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "The network refused the reply (422): Validation failed: Text character limit of 500 exceeded",
    });
  });

  it("retries when the server does not answer in time", async () => {
    fake.hangNext("/api/v1/statuses");
    const outcome = await mastodonTransport.send(request("hi"), contextWith(300));
    expect(outcome).toEqual({ kind: "retryable", reason: expect.stringContaining("did not answer within 300 ms") });
  });

  it("needs an instance URL and a token", async () => {
    const outcome = await mastodonTransport.send(
      { ...request("hi"), account: { network: "mastodon", settings: {}, secrets: { accessToken: "t" } } },
      contextWith(),
    );
    expect(outcome).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Mastodon transport: who am I", () => {
  it("names the account and the instance's character limit", async () => {
    await fake.close();
    fake = await startFakeMastodon({ maxCharacters: 1000 });
    expect(await mastodonTransport.whoAmI(account(), contextWith())).toEqual({
      ok: true,
      id: BRAND_ACCOUNT.id,
      name: "Brand @brand@localhost",
      limit: 1000,
    });
    expect(fake.requests.map((r) => r.path)).toEqual(["/api/v1/accounts/verify_credentials", "/api/v2/instance"]);
  });

  it("falls back to 500 characters when the instance does not say", async () => {
    await fake.close();
    fake = await startFakeMastodon({ maxCharacters: null });
    expect(await mastodonTransport.whoAmI(account(), contextWith())).toMatchObject({ ok: true, limit: 500 });
  });

  it("reports Mastodon's message for a bad token", async () => {
    expect(await mastodonTransport.whoAmI(account({ accessToken: "nope" }), contextWith())).toEqual({
      ok: false,
      reason: "The access token is invalid",
      reauth: true,
    });
  });
});

describe("Mastodon transport: finding an earlier attempt", () => {
  it("finds the earlier identical reply and ignores other statuses", async () => {
    const base = request("Thanks!");
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    fake.addStatus({
      id: "2001",
      acct: "brand",
      text: "@amy Thanks!",
      in_reply_to_id: "1001",
      created_at: minutesAgo(30),
    });
    fake.addStatus({
      id: "2002",
      acct: "brand",
      text: "@amy Thanks!",
      in_reply_to_id: "3333",
      created_at: minutesAgo(1),
    });
    fake.addStatus({
      id: "2003",
      acct: "brand",
      text: "@amy Other",
      in_reply_to_id: "1001",
      created_at: minutesAgo(1),
    });
    const earlier = fake.addStatus({
      id: "2004",
      acct: "brand",
      text: "@amy Thanks!",
      in_reply_to_id: "1001",
      created_at: minutesAgo(1),
    });
    fake.addStatus({
      id: "2005",
      acct: "amy",
      text: "@amy Thanks!",
      in_reply_to_id: "1001",
      created_at: minutesAgo(1),
    });

    const found = await mastodonTransport.findExisting!(
      { ...base, queuedAt: new Date(Date.now() - 2 * 60_000) },
      contextWith(),
    );
    expect(found).toEqual({ externalId: "2004", url: earlier.url });
    const sources = fake.requests.filter((r) => r.path.endsWith("/source")).map((r) => r.path);
    expect(sources).toEqual(["/api/v1/statuses/2004/source"]); // 2003 checked after 2004 is found: never
  });

  it("finds nothing when the reply never went out", async () => {
    fake.addStatus({ id: "2003", acct: "brand", text: "@amy Other", in_reply_to_id: "1001" });
    expect(await mastodonTransport.findExisting!(request("Thanks!"), contextWith())).toBeNull();
  });
});

describe("withMention", () => {
  it("prefixes the author unless the text already mentions them", () => {
    expect(withMention("Hello", "amy")).toBe("@amy Hello");
    expect(withMention("Hello", "@amy@other.example")).toBe("@amy@other.example Hello");
    expect(withMention("cc @amy@other.example.", "amy@other.example")).toBe("cc @amy@other.example.");
    expect(withMention("hi @amy2", "amy")).toBe("@amy hi @amy2");
    expect(withMention("hi @amy@elsewhere.social", "amy")).toBe("@amy hi @amy@elsewhere.social");
    expect(withMention("mail amy@x.org", "x.org")).toBe("@x.org mail amy@x.org");
    expect(withMention("Hello", null)).toBe("Hello");
  });
});
