// A Mastodon server for transport tests: the REST endpoints a reply uses, with Mastodon's answers
// (status entities, {"error": "…"} bodies, X-RateLimit-* headers with an ISO reset time), bearer
// token checks, Idempotency-Key replay, the character limit, and scripted failures. Listens on
// 127.0.0.1 and is reached as http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeStatus {
  id: string;
  url: string;
  uri: string;
  text: string;
  in_reply_to_id: string | null;
  visibility: string;
  created_at: string;
  /** The acct of its author: the brand's own statuses are "brand". */
  acct: string;
}

interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  path?: string;
  hang?: boolean;
}

export interface FakeMastodonOptions {
  token?: string;
  maxCharacters?: number | null;
}

export const BRAND_ACCOUNT = { id: "109000000000000001", username: "brand", acct: "brand", display_name: "Brand" };

const RATE_LIMIT = 300;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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

export async function startFakeMastodon(options: FakeMastodonOptions = {}) {
  const token = options.token ?? "mastodon-token";
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const statuses = new Map<string, FakeStatus>();
  const byUrl = new Map<string, string>(); // remote post URL → its local id, found by resolve=true
  const byIdempotencyKey = new Map<string, string>();
  const hanging = new Set<http.ServerResponse>();
  let nextId = 113_000_000_000_000_001n;
  let remaining = RATE_LIMIT;
  let base = "";

  const rateHeaders = (): Record<string, string> => ({
    "x-ratelimit-limit": String(RATE_LIMIT),
    "x-ratelimit-remaining": String(Math.max(0, --remaining)),
    "x-ratelimit-reset": new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString(),
  });

  function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...rateHeaders(), ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  }

  const entityOf = (s: FakeStatus) => ({
    id: s.id,
    created_at: s.created_at,
    in_reply_to_id: s.in_reply_to_id,
    visibility: s.visibility,
    uri: s.uri,
    url: s.url,
    content: `<p>${escapeHtml(s.text)}</p>`,
    account: s.acct === "brand" ? BRAND_ACCOUNT : { id: "1", username: s.acct.split("@")[0], acct: s.acct },
  });

  function addStatus(status: Partial<FakeStatus> & { id: string }): FakeStatus {
    const full: FakeStatus = {
      url: `${base}/@${status.acct ?? "amy"}/${status.id}`,
      uri: `${base}/users/${status.acct ?? "amy"}/statuses/${status.id}`,
      text: "",
      in_reply_to_id: null,
      visibility: "public",
      created_at: new Date().toISOString(),
      acct: "amy",
      ...status,
    };
    statuses.set(full.id, full);
    return full;
  }

  function createStatus(body: Record<string, unknown>, idempotencyKey: string | undefined, res: http.ServerResponse) {
    const replayed = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
    if (replayed) return answer(res, 200, entityOf(statuses.get(replayed)!));
    const text = typeof body.status === "string" ? body.status : "";
    if (!text.trim()) return answer(res, 422, { error: "Validation failed: Text can't be blank" });
    const limit = options.maxCharacters ?? 500;
    if ([...text].length > limit)
      return answer(res, 422, { error: `Validation failed: Text character limit of ${limit} exceeded` });
    const inReplyTo = typeof body.in_reply_to_id === "string" ? body.in_reply_to_id : null;
    if (inReplyTo && !statuses.has(inReplyTo)) return answer(res, 404, { error: "Record not found" });
    const id = String(nextId++);
    const status = addStatus({
      id,
      acct: "brand",
      text,
      in_reply_to_id: inReplyTo,
      visibility: typeof body.visibility === "string" ? body.visibility : "public",
    });
    if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, id);
    answer(res, 200, entityOf(status));
  }

  function search(query: Record<string, string>, res: http.ServerResponse) {
    const q = query.q ?? "";
    const local = byUrl.get(q) ?? [...statuses.values()].find((s) => s.url === q)?.id;
    const found = local && query.resolve === "true" ? [entityOf(statuses.get(local)!)] : [];
    answer(res, 200, { accounts: [], statuses: found.slice(0, Number(query.limit ?? 20)), hashtags: [] });
  }

  function accountStatuses(query: Record<string, string>, res: http.ServerResponse) {
    const own = [...statuses.values()]
      .filter((s) => s.acct === "brand")
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .filter((s) => !query.max_id || BigInt(s.id) < BigInt(query.max_id));
    answer(res, 200, own.slice(0, Number(query.limit ?? 20)).map(entityOf));
  }

  function route(req: http.IncomingMessage, recorded: RecordedRequest, res: http.ServerResponse) {
    const { method, path, query } = recorded;
    if (method === "GET" && path === "/api/v2/instance")
      return answer(res, 200, {
        domain: new URL(base).host,
        title: "Fake Mastodon",
        ...(options.maxCharacters === null
          ? {}
          : { configuration: { statuses: { max_characters: options.maxCharacters ?? 500 } } }),
      });
    if (req.headers.authorization !== `Bearer ${token}`)
      return answer(res, 401, { error: "The access token is invalid" });
    if (method === "POST" && path === "/api/v1/statuses")
      return createStatus(
        (recorded.body ?? {}) as Record<string, unknown>,
        req.headers["idempotency-key"] as string,
        res,
      );
    if (method === "GET" && path === "/api/v2/search") return search(query, res);
    if (method === "GET" && path === "/api/v1/accounts/verify_credentials") return answer(res, 200, BRAND_ACCOUNT);
    if (method === "GET" && path === `/api/v1/accounts/${BRAND_ACCOUNT.id}/statuses`)
      return accountStatuses(query, res);
    const source = /^\/api\/v1\/statuses\/(\d+)\/source$/.exec(path);
    const own = source ? statuses.get(source[1]) : undefined;
    if (method === "GET" && own?.acct === "brand")
      return answer(res, 200, { id: own.id, text: own.text, spoiler_text: "" });
    answer(res, 404, { error: "Record not found" });
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
      return answer(res, next.status, next.body ?? { error: `Scripted ${next.status}` }, next.headers);
    }
    route(req, recorded, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    statuses,
    /** A status on this instance (someone's post to reply to, or one of the brand's earlier replies). */
    addStatus,
    /** A post on another server that `resolve=true` search brings in under `localId`. */
    addRemoteStatus(remoteUrl: string, localId: string, acct = "amy@other.example") {
      addStatus({ id: localId, url: remoteUrl, uri: remoteUrl, acct });
      byUrl.set(remoteUrl, localId);
    },
    /** The next matching request (any, or on `path`) gets this answer instead. */
    failNext(status: number, answer: { body?: unknown; headers?: Record<string, string>; path?: string } = {}) {
      script.push({ status, ...answer });
    },
    /** The next matching request gets no answer at all (a timeout for the client). */
    hangNext(path?: string) {
      script.push({ status: 0, hang: true, path });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeMastodon = Awaited<ReturnType<typeof startFakeMastodon>>;
