// A local stand-in for Reddit's OAuth API, for the reply transport's tests: POST /api/comment
// (form body, errors inside a 200 as Reddit does), GET /api/v1/me, GET /user/:name/comments
// (a Listing; bodies HTML-escaped unless raw_json=1) and POST /api/v1/access_token (HTTP Basic,
// refresh_token grant). Like Reddit, it throttles requests without a proper User-Agent with a 429
// and sends x-ratelimit-used/remaining/reset. Listens on 127.0.0.1:0, reached as http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Form or JSON bodies parsed; anything else as a string; null when empty. */
  body: unknown;
}

export interface FakeComment {
  id: string;
  name: string;
  parentId: string;
  linkId: string;
  /** As posted; answers escape &, < and > unless raw_json=1, as Reddit does. */
  body: string;
  createdAt: Date;
  permalink: string;
}

export interface FakeRedditOptions {
  clientId?: string;
  /** "" for an installed app (HTTP Basic with an empty password). */
  clientSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Reddit keeps refresh tokens; when set, every refresh hands out a new one and drops the old. */
  rotateRefreshTokens?: boolean;
  me?: { name: string; id: string };
  subreddit?: string;
  locked?: string[];
  archived?: string[];
  deletedComments?: string[];
  deletedLinks?: string[];
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as is; Reddit's {message, error} body for the status when absent. */
  body?: unknown;
  /** Only a request to this path takes the answer (e.g. "/api/v1/access_token"). */
  path?: string;
  /** Never answer (the connection stays open until the fake closes). */
  hang?: boolean;
}

/** Reddit's rule for API clients: <platform>:<app ID>:<version string> (by /u/<reddit username>). */
const PROPER_USER_AGENT = /^[^\s:]+:[^\s:]+:\S+ \(by \/u\/[\w-]+\)$/;

const statusBody = (status: number) => ({ message: http.STATUS_CODES[status] ?? "Error", error: status });

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function parseBody(raw: string, contentType: string): unknown {
  if (!raw) return null;
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  if (contentType.includes("application/json")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

export async function startFakeReddit(options: FakeRedditOptions = {}) {
  const clientId = options.clientId ?? "fake-client-id";
  const clientSecret = options.clientSecret ?? "fake-secret";
  const me = options.me ?? { name: "northwind_support", id: "1w72" };
  const subreddit = options.subreddit ?? "earshot";
  const refusals = new Map<string, [string, string]>();
  for (const id of options.locked ?? []) refusals.set(id, ["THREAD_LOCKED", "Comments are locked."]);
  for (const id of options.archived ?? [])
    refusals.set(id, ["TOO_OLD", "that's a piece of history now; it's too late to reply to it"]);
  for (const id of options.deletedComments ?? [])
    refusals.set(id, ["DELETED_COMMENT", "that comment has been deleted"]);
  for (const id of options.deletedLinks ?? [])
    refusals.set(id, ["DELETED_LINK", "the link you are commenting on has been deleted"]);
  const validAccessTokens = new Set([options.accessToken ?? "reddit-access-0"]);
  let refreshToken = options.refreshToken ?? "reddit-refresh-0";
  let issued = 0;
  let nextComment = 1_000_000;
  let used = 0;
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const comments: FakeComment[] = [];

  const rateHeaders = () => ({
    "x-ratelimit-used": String(++used),
    "x-ratelimit-remaining": `${Math.max(0, 600 - used)}.0`,
    "x-ratelimit-reset": String(600 - (Math.floor(Date.now() / 1000) % 600)),
  });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? "text/html; charset=utf-8" : "application/json; charset=UTF-8";
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
    if (req.headers.authorization !== `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`)
      return send(res, 401, statusBody(401));
    if (form.grant_type !== "refresh_token") return send(res, 400, { error: "unsupported_grant_type" });
    if (form.refresh_token !== refreshToken) return send(res, 400, { error: "invalid_grant" });
    issued += 1;
    const accessToken = `reddit-access-${issued}`;
    validAccessTokens.add(accessToken);
    if (options.rotateRefreshTokens) refreshToken = `reddit-refresh-${issued}`;
    send(res, 200, {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: 86400,
      refresh_token: refreshToken,
      scope: "identity submit history read",
    });
  }

  const commentData = (c: FakeComment, raw: boolean) => ({
    id: c.id,
    name: c.name,
    parent_id: c.parentId,
    link_id: c.linkId,
    author: me.name,
    body: raw ? c.body : escapeText(c.body),
    created_utc: c.createdAt.getTime() / 1000,
    subreddit,
    permalink: c.permalink,
  });

  function postComment(body: unknown, res: http.ServerResponse) {
    const form = (body ?? {}) as Record<string, string>;
    const refuse = (code: string, message: string, field: string) =>
      send(res, 200, { json: { errors: [[code, message, field]] } });
    if (form.api_type !== "json") return send(res, 200, { jquery: [[0, 1, "call", ["body"]]], success: false });
    if (!/^t[13]_[a-z0-9]+$/.test(form.thing_id ?? "")) return refuse("NO_THING_ID", "id not specified", "parent");
    if (!form.text) return refuse("NO_TEXT", "we need something here", "text");
    if ([...form.text].length > 10_000) return refuse("TOO_LONG", "this is too long (max: 10000)", "text");
    const refusal = refusals.get(form.thing_id);
    if (refusal) return refuse(refusal[0], refusal[1], "parent");
    const comment = seedComment({ parentId: form.thing_id, body: form.text });
    send(res, 200, { json: { errors: [], data: { things: [{ kind: "t1", data: commentData(comment, false) }] } } });
  }

  function listComments(username: string, query: Record<string, string>, res: http.ServerResponse) {
    const limit = Math.min(100, Number(query.limit ?? "25") || 25);
    const raw = query.raw_json === "1";
    const children = comments
      .filter(() => username.toLowerCase() === me.name.toLowerCase())
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map((c) => ({ kind: "t1", data: commentData(c, raw) }));
    send(res, 200, { kind: "Listing", data: { after: null, dist: children.length, children, before: null } });
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest) {
    const { method, path, query, body } = recorded;
    if (method === "POST" && path === "/api/v1/access_token") return tokenEndpoint(req, body, res);
    if (!bearerOk(req))
      return send(res, 401, statusBody(401), { "www-authenticate": 'Bearer realm="reddit", error="invalid_token"' });
    if (method === "POST" && path === "/api/comment") return postComment(body, res);
    if (method === "GET" && path === "/api/v1/me")
      return send(res, 200, { name: me.name, id: me.id, is_suspended: false });
    const listing = /^\/user\/([^/]+)\/comments$/.exec(path);
    if (method === "GET" && listing) return listComments(decodeURIComponent(listing[1]), query, res);
    send(res, 404, statusBody(404));
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
      // Reddit throttles missing and generic user agents before anything else.
      if (!PROPER_USER_AGENT.test(req.headers["user-agent"] ?? ""))
        return send(
          res,
          429,
          "<!doctype html><html><title>Too Many Requests</title><body>whoa there, pardner!</body></html>",
        );
      const scripted = takeScripted(recorded.path);
      if (scripted?.hang) return; // the connection stays open; close() ends it
      if (scripted) return send(res, scripted.status, scripted.body ?? statusBody(scripted.status), scripted.headers);
      route(req, res, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  /** Adds a comment to the account's history (as if posted earlier); returns it. */
  function seedComment(comment: { parentId: string; body: string; createdAt?: Date }): FakeComment {
    const id = (nextComment++).toString(36);
    const linkId = comment.parentId.startsWith("t3_") ? comment.parentId.slice(3) : "1abc23";
    const stored: FakeComment = {
      id,
      name: `t1_${id}`,
      parentId: comment.parentId,
      linkId: `t3_${linkId}`,
      body: comment.body,
      createdAt: comment.createdAt ?? new Date(),
      permalink: `/r/${subreddit}/comments/${linkId}/comment/${id}/`,
    };
    comments.push(stored);
    return stored;
  }

  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    requests,
    comments,
    me,
    /** The refresh token the fake accepts now. */
    get refreshToken() {
      return refreshToken;
    },
    seedComment,
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
    /** Every access token issued so far stops working (as after their 24 hours). */
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

export type FakeReddit = Awaited<ReturnType<typeof startFakeReddit>>;
