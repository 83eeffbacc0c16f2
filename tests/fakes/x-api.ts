// A local stand-in for X's API v2 with OAuth 2.0 user context, for the reply transport's tests:
// POST /2/tweets, GET /2/users/me, GET /2/users/:id/tweets and POST /2/oauth2/token, with X's
// answer shapes ({data}, problem details {title, detail, type, status}, {errors:[{message}]}),
// its rate-limit headers, single-use refresh tokens, and its refusals (reply restriction,
// duplicate content, deleted targets). Listens on 127.0.0.1:0, reached as http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** JSON or form bodies parsed; anything else as a string; null when empty. */
  body: unknown;
}

export interface FakeTweet {
  id: string;
  /** As posted; answers escape &, < and > as X does. */
  text: string;
  createdAt: Date;
  inReplyTo: string | null;
}

export interface FakeXOptions {
  clientId?: string;
  /** When set, the client is confidential: the token endpoint wants HTTP Basic client_id:client_secret. */
  clientSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  me?: { id: string; name: string; username: string };
  /** Tweets whose authors did not mention or quote the brand: X refuses replies to them. */
  restrictedReplies?: string[];
  /** Tweets deleted (or not visible to the account). */
  deletedTweets?: string[];
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as is; X's problem-details body for the status when absent. */
  body?: unknown;
  /** Only a request to this path takes the answer (e.g. "/2/oauth2/token"). */
  path?: string;
  /** Never answer (the connection stays open until the fake closes). */
  hang?: boolean;
}

const problem = (status: number, detail?: string, extra: Record<string, unknown> = {}) => ({
  title: http.STATUS_CODES[status] ?? "Error",
  detail: detail ?? http.STATUS_CODES[status] ?? "Error",
  type: "about:blank",
  status,
  ...extra,
});

const REPLY_NOT_ALLOWED =
  "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.";

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** X's weighted length, roughly: most Latin-script code points count 1, the rest (CJK, emoji) 2. */
const weightedLength = (text: string) => [...text].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) <= 0x10ff ? 1 : 2), 0);

function parseBody(raw: string, contentType: string): unknown {
  if (!raw) return null;
  if (contentType.includes("application/json")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

export async function startFakeX(options: FakeXOptions = {}) {
  const clientId = options.clientId ?? "fake-client-id";
  const me = options.me ?? { id: "2244994945", name: "Northwind Air", username: "NorthwindAir" };
  const restricted = new Set(options.restrictedReplies ?? []);
  const deleted = new Set(options.deletedTweets ?? []);
  const validAccessTokens = new Set([options.accessToken ?? "x-access-0"]);
  let refreshToken = options.refreshToken ?? "x-refresh-0";
  let issued = 0;
  let nextId = 1_860_000_000_000_000_001n;
  let remaining = 100;
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const tweets: FakeTweet[] = [];

  const rateHeaders = () => ({
    "x-rate-limit-limit": "100",
    "x-rate-limit-remaining": String(Math.max(0, --remaining)),
    "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
  });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? "text/plain" : "application/json; charset=utf-8";
    res.writeHead(status, { "content-type": type, ...rateHeaders(), ...headers });
    res.end(text);
  };

  const takeScripted = (path: string) => {
    const index = script.findIndex((a) => !a.path || a.path === path);
    return index < 0 ? null : script.splice(index, 1)[0];
  };

  const bearerOk = (req: http.IncomingMessage) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    return !!match && validAccessTokens.has(match[1]);
  };

  function tokenEndpoint(req: http.IncomingMessage, body: unknown, res: http.ServerResponse) {
    const form = (body ?? {}) as Record<string, string>;
    if (options.clientSecret) {
      const expected = `Basic ${Buffer.from(`${clientId}:${options.clientSecret}`).toString("base64")}`;
      if (req.headers.authorization !== expected)
        return send(res, 401, {
          error: "unauthorized_client",
          error_description: "Missing valid authorization header",
        });
    } else if (form.client_id !== clientId) {
      return send(res, 400, { error: "invalid_request", error_description: "Missing required parameter [client_id]." });
    }
    if (form.grant_type !== "refresh_token" || form.refresh_token !== refreshToken)
      return send(res, 400, { error: "invalid_request", error_description: "Value passed for the token was invalid." });
    issued += 1;
    const accessToken = `x-access-${issued}`;
    refreshToken = `x-refresh-${issued}`; // single use: the old one stops working
    validAccessTokens.add(accessToken);
    send(res, 200, {
      token_type: "bearer",
      expires_in: 7200,
      access_token: accessToken,
      scope: "tweet.write users.read tweet.read offline.access",
      refresh_token: refreshToken,
    });
  }

  function postTweet(body: unknown, res: http.ServerResponse) {
    const input = (body && typeof body === "object" ? body : {}) as { text?: unknown; reply?: unknown };
    const text = typeof input.text === "string" ? input.text : "";
    const replyTo = (input.reply as { in_reply_to_tweet_id?: unknown } | undefined)?.in_reply_to_tweet_id;
    const invalid = (message: string) =>
      send(res, 400, {
        errors: [{ parameters: {}, message }],
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
      });
    if (typeof body !== "object" || body === null) return invalid("Request body is not valid JSON.");
    if (!text) return invalid("$.text: is missing but it is required");
    if (weightedLength(text) > 280) return invalid("Your Tweet text is too long.");
    if (replyTo !== undefined && typeof replyTo !== "string")
      return invalid("$.reply.in_reply_to_tweet_id: string found, number expected");
    if (typeof replyTo === "string" && deleted.has(replyTo))
      return send(res, 403, problem(403, "You attempted to reply to a Tweet that is deleted or not visible to you."));
    if (typeof replyTo === "string" && restricted.has(replyTo)) return send(res, 403, problem(403, REPLY_NOT_ALLOWED));
    if (tweets.some((t) => t.text === text))
      return send(res, 403, problem(403, "You are not allowed to create a Tweet with duplicate content."));
    const tweet = seedTweet({ text, inReplyTo: typeof replyTo === "string" ? replyTo : null });
    send(res, 201, { data: { id: tweet.id, text: escapeText(text), edit_history_tweet_ids: [tweet.id] } });
  }

  function userTweets(userId: string, query: Record<string, string>, res: http.ServerResponse) {
    if (userId !== me.id) return send(res, 200, { data: [], meta: { result_count: 0 } });
    const max = Number(query.max_results ?? "10");
    if (!Number.isInteger(max) || max < 5 || max > 100)
      return send(res, 400, {
        errors: [
          {
            parameters: { max_results: [query.max_results] },
            message: "The `max_results` query parameter value is not between 5 and 100",
          },
        ],
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
      });
    const since = query.start_time ? Date.parse(query.start_time) : -Infinity;
    const fields = new Set((query["tweet.fields"] ?? "").split(",").filter(Boolean));
    const page = tweets
      .filter((t) => t.createdAt.getTime() >= since)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, max)
      .map((t) => ({
        id: t.id,
        text: escapeText(t.text),
        edit_history_tweet_ids: [t.id],
        ...(fields.has("created_at") ? { created_at: t.createdAt.toISOString() } : {}),
        ...(fields.has("referenced_tweets") && t.inReplyTo
          ? { referenced_tweets: [{ type: "replied_to", id: t.inReplyTo }] }
          : {}),
      }));
    if (page.length === 0) return send(res, 200, { meta: { result_count: 0 } });
    send(res, 200, {
      data: page,
      meta: { result_count: page.length, newest_id: page[0].id, oldest_id: page[page.length - 1].id },
    });
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest) {
    const { method, path, query, body } = recorded;
    if (method === "POST" && path === "/2/oauth2/token") return tokenEndpoint(req, body, res);
    if (!bearerOk(req)) return send(res, 401, problem(401, "Unauthorized"));
    if (method === "POST" && path === "/2/tweets") return postTweet(body, res);
    if (method === "GET" && path === "/2/users/me") return send(res, 200, { data: me });
    const timeline = /^\/2\/users\/([^/]+)\/tweets$/.exec(path);
    if (method === "GET" && timeline) return userTweets(decodeURIComponent(timeline[1]), query, res);
    send(res, 404, { errors: [{ message: "Sorry, that page does not exist", code: 34 }] });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: parseBody(Buffer.concat(chunks).toString("utf8"), String(req.headers["content-type"] ?? "")),
      };
      requests.push(recorded);
      const scripted = takeScripted(recorded.path);
      if (scripted?.hang) return; // the connection stays open; close() ends it
      if (scripted) return send(res, scripted.status, scripted.body ?? problem(scripted.status), scripted.headers);
      route(req, res, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  /** Adds a tweet to the account's timeline (as if posted earlier); returns it. */
  function seedTweet(tweet: { text: string; inReplyTo: string | null; createdAt?: Date }): FakeTweet {
    const stored = {
      text: tweet.text,
      inReplyTo: tweet.inReplyTo,
      id: String(nextId++),
      createdAt: tweet.createdAt ?? new Date(),
    };
    tweets.push(stored);
    return stored;
  }

  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    requests,
    tweets,
    me,
    /** The refresh token the fake accepts now (it changes at every refresh). */
    get refreshToken() {
      return refreshToken;
    },
    seedTweet,
    /** The next request (to `path`, when given) gets this answer instead of the real one. */
    answerNext(answer: ScriptedAnswer) {
      script.push(answer);
    },
    failNext(status: number, answer: Omit<ScriptedAnswer, "status"> = {}) {
      script.push({ status, ...answer });
    },
    hangNext(path?: string) {
      script.push({ status: 0, hang: true, path });
    },
    /** Every access token issued so far stops working (as after their two hours). */
    expireAccessTokens() {
      validAccessTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeX = Awaited<ReturnType<typeof startFakeX>>;
