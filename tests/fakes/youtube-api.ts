// A YouTube Data API v3 server and Google OAuth token endpoint for transport tests: POST and GET
// /youtube/v3/comments, GET /youtube/v3/channels?mine=true, POST /token (refresh_token grant,
// optionally rotating the refresh token). It answers the way Google does: {"error":{code,message,
// errors:[{message,domain,reason}],status}} bodies, 401 authError for an unknown or expired
// bearer token, a daily quota (comments.insert costs 50 units, a list 1) spent to a 403
// quotaExceeded, scripted failures and a hang mode. Listens on 127.0.0.1 and is reached as
// http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A reply as the fake keeps it (a youtube#comment under a top-level comment). */
export interface FakeReply {
  id: string;
  parentId: string;
  textOriginal: string;
  authorChannelId: string;
  authorDisplayName: string;
  publishedAt: string;
}

interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  path?: string;
  hang?: boolean;
}

export interface FakeYouTubeOptions {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** An access token that is valid from the start (none when omitted: the first call refreshes). */
  accessToken?: string;
  channelId?: string;
  channelTitle?: string;
  /** Top-level comments that exist, with their video: replying elsewhere is parentCommentNotFound. */
  threads?: Record<string, string>;
  /** Units left today (10,000 by default). */
  quota?: number;
  /** Each refresh answers with a new refresh token, and the old one stops working. */
  rotateRefreshToken?: boolean;
}

const MESSAGES: Record<string, { status: number; domain: string; message: string }> = {
  authError: {
    status: 401,
    domain: "global",
    message:
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  },
  quotaExceeded: {
    status: 403,
    domain: "youtube.quota",
    message:
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  },
  rateLimitExceeded: { status: 403, domain: "usageLimits", message: "Rate Limit Exceeded" },
  forbidden: {
    status: 403,
    domain: "youtube.comment",
    message: "The comment could not be created due to insufficient permissions.",
  },
  commentsDisabled: {
    status: 403,
    domain: "youtube.commentThread",
    message: "The video identified by the videoId parameter has disabled comments.",
  },
  insufficientPermissions: {
    status: 403,
    domain: "youtube.header",
    message: "Request had insufficient authentication scopes.",
  },
  commentNotFound: {
    status: 404,
    domain: "youtube.comment",
    message: "The comment identified by the id parameter could not be found.",
  },
  parentCommentNotFound: {
    status: 404,
    domain: "youtube.comment",
    message: "The parent comment specified for the reply could not be found.",
  },
  processingFailure: {
    status: 400,
    domain: "youtube.comment",
    message: "The API server failed to successfully process the request.",
  },
  commentTextTooLong: {
    status: 400,
    domain: "youtube.comment",
    message: "The comment text is too long.",
  },
  backendError: { status: 503, domain: "global", message: "Backend Error" },
};

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** Google's error body for a reason (the status may be overridden by the caller). */
export function youTubeError(reason: string, status?: number, message?: string) {
  const known = MESSAGES[reason] ?? { status: status ?? 400, domain: "global", message: reason };
  const code = status ?? known.status;
  const text = message ?? known.message;
  return {
    error: {
      code,
      message: text,
      errors: [{ message: text, domain: known.domain, reason }],
      status: STATUS_NAMES[code] ?? "UNKNOWN",
    },
  };
}

const DEFAULT_REASONS: Record<number, string> = {
  400: "processingFailure",
  401: "authError",
  403: "forbidden",
  404: "commentNotFound",
  429: "rateLimitExceeded",
};

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

export async function startFakeYouTube(options: FakeYouTubeOptions = {}) {
  const clientId = options.clientId ?? "client-1.apps.googleusercontent.com";
  const clientSecret = options.clientSecret ?? "client-secret";
  const channelId = options.channelId ?? "UCnorthwind000000000000";
  const channelTitle = options.channelTitle ?? "Northwind Air";
  const threads = new Map(Object.entries(options.threads ?? { UgxTopLevel1: "dQw4w9WgXcQ" }));
  const validAccessTokens = new Set(options.accessToken ? [options.accessToken] : []);
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const replies: FakeReply[] = [];
  const hanging = new Set<http.ServerResponse>();
  let refreshToken = options.refreshToken ?? "refresh-1";
  let quota = options.quota ?? 10_000;
  let issued = 0;
  let nextId = 1000;

  function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8", vary: "Origin", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  const fail = (res: http.ServerResponse, reason: string) => {
    const body = youTubeError(reason);
    const headers: Record<string, string> =
      reason === "authError"
        ? { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }
        : {};
    answer(res, body.error.code, body, headers);
  };

  function token(form: Record<string, string>, res: http.ServerResponse) {
    if (form.grant_type !== "refresh_token")
      return answer(res, 400, { error: "unsupported_grant_type", error_description: "Invalid grant_type: " });
    if (form.client_id !== clientId || form.client_secret !== clientSecret)
      return answer(res, 401, { error: "invalid_client", error_description: "Unauthorized" });
    if (form.refresh_token !== refreshToken)
      return answer(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
    const accessToken = `ya29.fake-access-${++issued}`;
    validAccessTokens.add(accessToken);
    const rotated = options.rotateRefreshToken ? `refresh-${issued + 1}` : null;
    if (rotated) refreshToken = rotated;
    answer(res, 200, {
      access_token: accessToken,
      expires_in: 3599,
      scope: "https://www.googleapis.com/auth/youtube.force-ssl",
      token_type: "Bearer",
      ...(rotated ? { refresh_token: rotated } : {}),
    });
  }

  /** Spends quota units; false (after answering quotaExceeded) when today's are gone. */
  function spend(units: number, res: http.ServerResponse): boolean {
    if (quota < units) {
      fail(res, "quotaExceeded");
      return false;
    }
    quota -= units;
    return true;
  }

  const resourceOf = (r: FakeReply) => ({
    kind: "youtube#comment",
    etag: `etag-${r.id}`,
    id: r.id,
    snippet: {
      channelId,
      videoId: threads.get(r.parentId) || undefined,
      textDisplay: r.textOriginal,
      textOriginal: r.textOriginal,
      parentId: r.parentId,
      authorDisplayName: r.authorDisplayName,
      authorChannelUrl: `http://www.youtube.com/channel/${r.authorChannelId}`,
      authorChannelId: { value: r.authorChannelId },
      canRate: true,
      viewerRating: "none",
      likeCount: 0,
      publishedAt: r.publishedAt,
      updatedAt: r.publishedAt,
    },
  });

  function insert(query: Record<string, string>, body: unknown, res: http.ServerResponse) {
    if (query.part !== "snippet") return fail(res, "processingFailure");
    const snippet = (body as { snippet?: Record<string, unknown> } | null)?.snippet ?? {};
    const parentId = typeof snippet.parentId === "string" ? snippet.parentId : "";
    const text = typeof snippet.textOriginal === "string" ? snippet.textOriginal : "";
    if (!threads.has(parentId)) return fail(res, "parentCommentNotFound");
    if ([...text].length > 10_000) return fail(res, "commentTextTooLong");
    if (!text.trim()) return fail(res, "processingFailure");
    if (!spend(50, res)) return;
    const reply: FakeReply = {
      id: `${parentId}.AbCdReply${++nextId}`,
      parentId,
      textOriginal: text,
      authorChannelId: channelId,
      authorDisplayName: channelTitle,
      publishedAt: new Date().toISOString(),
    };
    replies.push(reply);
    answer(res, 200, resourceOf(reply));
  }

  function list(query: Record<string, string>, res: http.ServerResponse) {
    if (!query.parentId || !threads.has(query.parentId)) return fail(res, "parentCommentNotFound");
    if (!spend(1, res)) return;
    const all = replies.filter((r) => r.parentId === query.parentId);
    const size = Math.min(100, Number(query.maxResults ?? 20));
    const start = Number(query.pageToken ?? 0);
    const page = all.slice(start, start + size);
    answer(res, 200, {
      kind: "youtube#commentListResponse",
      etag: "etag-list",
      ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}),
      pageInfo: { totalResults: page.length, resultsPerPage: size },
      items: page.map(resourceOf),
    });
  }

  function channels(query: Record<string, string>, res: http.ServerResponse) {
    if (query.mine !== "true") return fail(res, "processingFailure");
    if (!spend(1, res)) return;
    answer(res, 200, {
      kind: "youtube#channelListResponse",
      etag: "etag-channels",
      pageInfo: { totalResults: 1, resultsPerPage: 5 },
      items: [
        {
          kind: "youtube#channel",
          etag: "etag-channel",
          id: channelId,
          snippet: {
            title: channelTitle,
            description: "",
            customUrl: "@northwind",
            publishedAt: "2015-03-01T00:00:00Z",
          },
        },
      ],
    });
  }

  function route(req: http.IncomingMessage, recorded: RecordedRequest, res: http.ServerResponse) {
    const { method, path, query } = recorded;
    if (method === "POST" && path === "/token") return token((recorded.body ?? {}) as Record<string, string>, res);
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ") || !validAccessTokens.has(auth.slice(7))) return fail(res, "authError");
    if (method === "POST" && path === "/youtube/v3/comments") return insert(query, recorded.body, res);
    if (method === "GET" && path === "/youtube/v3/comments") return list(query, res);
    if (method === "GET" && path === "/youtube/v3/channels") return channels(query, res);
    answer(res, 404, youTubeError("notFound", 404, "Not Found"));
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: await readBody(req),
    };
    requests.push(recorded);
    const scripted = script.findIndex((s) => !s.path || s.path === recorded.path);
    if (scripted >= 0) {
      const [next] = script.splice(scripted, 1);
      if (next.hang) return void hanging.add(res);
      return answer(res, next.status, next.body, next.headers);
    }
    route(req, recorded, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tokenUrl: `${url}/token`,
    requests,
    replies,
    clientId,
    clientSecret,
    channelId,
    channelTitle,
    /** The refresh token the fake accepts now (it changes when rotating). */
    get refreshToken() {
      return refreshToken;
    },
    /** Access tokens expire after an hour: every token issued so far is refused from now on. */
    expireAccessTokens() {
      validAccessTokens.clear();
    },
    /**
     * The next request (on `path` when given) gets this status with Google's error body for
     * `reason` (the status's usual reason unless given), or `body` as is (a token endpoint error).
     */
    failNext(
      status: number,
      scripted: {
        reason?: string;
        message?: string;
        body?: unknown;
        headers?: Record<string, string>;
        path?: string;
      } = {},
    ) {
      const reason = scripted.reason ?? DEFAULT_REASONS[status] ?? "backendError";
      script.push({
        status,
        body: scripted.body ?? youTubeError(reason, status, scripted.message),
        headers: scripted.headers ?? {},
        path: scripted.path,
      });
    },
    /** The next request (on `path` when given) is never answered. */
    hangNext(path?: string) {
      script.push({ status: 0, body: null, headers: {}, path, hang: true });
    },
    /** A reply already under a top-level comment (the channel's own from an earlier attempt, or someone's). */
    addReply(reply: Partial<FakeReply> & { parentId: string; textOriginal: string }) {
      const full: FakeReply = {
        id: `${reply.parentId}.AbCdReply${++nextId}`,
        authorChannelId: channelId,
        authorDisplayName: channelTitle,
        publishedAt: new Date().toISOString(),
        ...reply,
      };
      replies.push(full);
      return full;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeYouTube = Awaited<ReturnType<typeof startFakeYouTube>>;
