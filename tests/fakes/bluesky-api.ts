// A Bluesky PDS for transport tests: the XRPC endpoints a reply uses, with the PDS's answers
// ({"error", "message"} bodies, ratelimit-* headers with an epoch reset), sessions that expire
// and refresh tokens that rotate, record keys that must be TIDs and cannot be used twice, post
// validation (300 graphemes, strong refs in replies), and scripted failures. Listens on
// 127.0.0.1 and is reached as http://localhost:<port>.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface StoredRecord {
  uri: string;
  cid: string;
  value: Record<string, unknown>;
}

interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  path?: string;
  hang?: boolean;
}

export interface FakeBlueskyOptions {
  handle?: string;
  did?: string;
  appPassword?: string;
}

const POST = "app.bsky.feed.post";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const RATE_LIMIT = 5000;

/** A CID-looking string (base32 of a sha-256), stable for the same content. */
function cidOf(content: unknown): string {
  const hash = createHash("sha256").update(JSON.stringify(content)).digest();
  let bits = 0;
  let value = 0;
  let out = "bafyrei";
  for (const byte of hash) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isStrongRef = (value: unknown) =>
  isObject(value) && typeof value.uri === "string" && typeof value.cid === "string";
const graphemes = (text: string) =>
  Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)).length;

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeBluesky(options: FakeBlueskyOptions = {}) {
  const handle = options.handle ?? "brand.bsky.social";
  const did = options.did ?? "did:plc:brand";
  let appPassword = options.appPassword ?? "app-pass-1234";
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const records = new Map<string, StoredRecord>();
  const handles = new Map<string, string>([[handle, did]]);
  const accessTokens = new Map<string, { expired: boolean }>();
  const refreshTokens = new Set<string>();
  const hanging = new Set<http.ServerResponse>();
  let issued = 0;
  let remaining = RATE_LIMIT;

  const rateHeaders = (): Record<string, string> => ({
    "ratelimit-limit": String(RATE_LIMIT),
    "ratelimit-remaining": String(Math.max(0, --remaining)),
    "ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 300),
    "ratelimit-policy": `${RATE_LIMIT};w=300`,
  });

  function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...rateHeaders(), ...headers });
    res.end(JSON.stringify(body));
  }
  const fail = (res: http.ServerResponse, status: number, error: string, message: string) =>
    answer(res, status, { error, message });

  function issueSession() {
    issued++;
    const session = { accessJwt: `access-${issued}`, refreshJwt: `refresh-${issued}` };
    accessTokens.set(session.accessJwt, { expired: false });
    refreshTokens.add(session.refreshJwt);
    return { ...session, handle, did, active: true };
  }

  const bearer = (req: http.IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? null;

  /** Why the PDS refuses the request's access token ([status, error, message]), or null when it is good. */
  function tokenProblem(req: http.IncomingMessage): [number, string, string] | null {
    const token = bearer(req);
    if (!token) return [401, "AuthenticationRequired", "Authentication Required"];
    const access = accessTokens.get(token);
    if (!access) return [401, "InvalidToken", "Token could not be verified"];
    return access.expired ? [400, "ExpiredToken", "Token has expired"] : null;
  }

  /** Whether the request's access token is good; otherwise answers as a PDS does. */
  function authorized(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const problem = tokenProblem(req);
    if (problem) fail(res, ...problem);
    return !problem;
  }

  function addRecord(repo: string, rkey: string, value: Record<string, unknown>): StoredRecord {
    const uri = `at://${repo}/${POST}/${rkey}`;
    const record = { uri, cid: cidOf({ uri, value }), value };
    records.set(uri, record);
    return record;
  }

  function createSession(body: Record<string, unknown>, res: http.ServerResponse) {
    const known = body.identifier === handle || body.identifier === did;
    if (!known || body.password !== appPassword)
      return fail(res, 401, "AuthenticationRequired", "Invalid identifier or password");
    answer(res, 200, issueSession());
  }

  function refreshSession(req: http.IncomingMessage, res: http.ServerResponse) {
    const token = bearer(req);
    if (!token) return fail(res, 401, "AuthenticationRequired", "Authentication Required");
    if (accessTokens.has(token)) return fail(res, 400, "InvalidToken", "Invalid token type");
    if (!refreshTokens.delete(token)) return fail(res, 400, "ExpiredToken", "Token has been revoked");
    answer(res, 200, issueSession()); // the refresh token rotates: the one used is gone
  }

  function createRecord(body: Record<string, unknown>, res: http.ServerResponse) {
    if (body.repo !== did && body.repo !== handle) return fail(res, 403, "InvalidRequest", "Invalid repo");
    if (body.collection !== POST)
      return fail(res, 400, "InvalidRequest", `Unsupported collection ${String(body.collection)}`);
    const rkey = typeof body.rkey === "string" ? body.rkey : null;
    if (!rkey || !TID.test(rkey)) return fail(res, 400, "InvalidRequest", `Invalid record key: ${String(body.rkey)}`);
    const record = isObject(body.record) ? body.record : null;
    const invalid = (why: string) => fail(res, 400, "InvalidRequest", `Invalid app.bsky.feed.post record: ${why}`);
    if (!record || record.$type !== POST) return invalid("Record/$type must be app.bsky.feed.post");
    if (typeof record.text !== "string") return invalid('Record must have the property "text"');
    if (graphemes(record.text) > 300) return invalid("Record/text must not be longer than 300 graphemes");
    if (typeof record.createdAt !== "string" || Number.isNaN(Date.parse(record.createdAt)))
      return invalid("Record/createdAt must be an valid atproto datetime");
    const reply = record.reply;
    if (reply !== undefined && !(isObject(reply) && isStrongRef(reply.root) && isStrongRef(reply.parent)))
      return invalid('Record/reply/parent must have the property "cid"');
    if (records.has(`at://${did}/${POST}/${rkey}`)) return fail(res, 400, "InvalidRequest", "Record already exists");
    const stored = addRecord(did, rkey, record);
    answer(res, 200, {
      uri: stored.uri,
      cid: stored.cid,
      commit: { cid: cidOf({ commit: stored.uri }), rev: rkey },
      validationStatus: "valid",
    });
  }

  function getRecord(query: Record<string, string>, res: http.ServerResponse) {
    const repo = handles.get(query.repo) ?? query.repo;
    const uri = `at://${repo}/${query.collection}/${query.rkey}`;
    const record = records.get(uri);
    if (!record) return fail(res, 400, "RecordNotFound", `Could not locate record: ${uri}`);
    answer(res, 200, record);
  }

  function route(req: http.IncomingMessage, recorded: RecordedRequest, res: http.ServerResponse) {
    const { method, path, query } = recorded;
    const body = isObject(recorded.body) ? recorded.body : {};
    switch (`${method} ${path}`) {
      case "POST /xrpc/com.atproto.server.createSession":
        return createSession(body, res);
      case "POST /xrpc/com.atproto.server.refreshSession":
        return refreshSession(req, res);
      case "GET /xrpc/com.atproto.server.getSession":
        return authorized(req, res) && answer(res, 200, { handle, did, active: true });
      case "POST /xrpc/com.atproto.repo.createRecord":
        return authorized(req, res) && createRecord(body, res);
      case "GET /xrpc/com.atproto.repo.getRecord":
        return getRecord(query, res);
      case "GET /xrpc/com.atproto.identity.resolveHandle": {
        const found = handles.get((query.handle ?? "").toLowerCase());
        return found ? answer(res, 200, { did: found }) : fail(res, 400, "InvalidRequest", "Unable to resolve handle");
      }
      default:
        return fail(res, 501, "MethodNotImplemented", "Method Not Implemented");
    }
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
      return answer(res, next.status, next.body ?? { error: "InternalServerError", message: "Scripted" }, next.headers);
    }
    route(req, recorded, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    handle,
    did,
    requests,
    records,
    /** Requests to one XRPC method, e.g. "com.atproto.repo.createRecord". */
    calls: (method: string) => requests.filter((r) => r.path === `/xrpc/${method}`),
    /** Someone's post (to reply to), under their handle and did. */
    addPost(author: { handle: string; did: string }, rkey: string, value: Record<string, unknown>): StoredRecord {
      handles.set(author.handle, author.did);
      return addRecord(author.did, rkey, { $type: POST, createdAt: new Date().toISOString(), ...value });
    },
    addHandle: (h: string, d: string) => void handles.set(h, d),
    /** Every access token issued so far expires (the next use answers 400 ExpiredToken). */
    expireAccessTokens() {
      for (const token of accessTokens.values()) token.expired = true;
    },
    /** Every refresh token issued so far is revoked. */
    revokeRefreshTokens: () => refreshTokens.clear(),
    /** The user revoked the app password (or changed it). */
    setAppPassword: (password: string) => void (appPassword = password),
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

export type FakeBluesky = Awaited<ReturnType<typeof startFakeBluesky>>;
