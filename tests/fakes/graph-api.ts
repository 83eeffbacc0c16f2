// A Graph API host for transport tests, serving both the Facebook Page paths (POST/GET
// /{object-id}/comments, GET /me) and the Instagram business paths (POST/GET
// /{ig-comment-id}/replies, GET /{ig-user-id}) under a version prefix (/v21.0). It answers the
// way graph.facebook.com does: {"error":{message,type,code,error_subcode,fbtrace_id}} bodies,
// mostly with HTTP 400 whatever the cause (a bad token is 400 with code 190), usage headers
// (x-app-usage, x-business-use-case-usage), bearer or access_token auth, scripted failures and a
// hang mode. Listens on 127.0.0.1 and is reached as http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  fbtrace_id: string;
}

/** A Facebook comment as the fake keeps it. */
export interface FakeComment {
  id: string;
  parentId: string;
  message: string;
  from: { id: string; name: string };
  created_time: string;
}

/** An Instagram reply as the fake keeps it. */
export interface FakeIgReply {
  id: string;
  parentId: string;
  text: string;
  username: string;
  timestamp: string;
}

interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  path?: string;
  hang?: boolean;
}

export interface FakeGraphOptions {
  pageId?: string;
  pageName?: string;
  pageToken?: string;
  igUserId?: string;
  igUsername?: string;
  igToken?: string;
  /** Instagram comments on media the business account does not own: replying to them fails. */
  foreignIgComments?: string[];
}

export const GRAPH_VERSION = "v21.0";

/** Graph's time format: "2026-12-01T10:00:00+0000". */
export const graphTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "+0000");

let traces = 0;
const fbtrace = () => `AbCdEfTrace${++traces}`;

/** The error body Graph sends for a status when a test scripts only the status. */
function defaultError(status: number): Omit<GraphErrorBody, "fbtrace_id"> {
  if (status === 401)
    return {
      message: "Error validating access token: Session has expired on Tuesday, 01-Dec-26 09:00:00 PST.",
      type: "OAuthException",
      code: 190,
      error_subcode: 463,
    };
  if (status === 403) return { message: "(#200) Permissions error", type: "OAuthException", code: 200 };
  if (status === 404)
    return {
      message:
        "Unsupported post request. Object with ID '1111_2222' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
    };
  if (status === 429) return { message: "(#4) Application request limit reached", type: "OAuthException", code: 4 };
  if (status >= 500)
    return {
      message: "An unexpected error has occurred. Please retry your request later.",
      type: "OAuthException",
      code: 2,
      is_transient: true,
    };
  return { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 };
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

export async function startFakeGraph(options: FakeGraphOptions = {}) {
  const pageId = options.pageId ?? "1111";
  const pageName = options.pageName ?? "Northwind Air";
  const pageToken = options.pageToken ?? "page-token";
  const igUserId = options.igUserId ?? "17841400000000001";
  const igUsername = options.igUsername ?? "northwind";
  const igToken = options.igToken ?? "ig-token";
  const foreign = new Set(options.foreignIgComments ?? []);
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const comments: FakeComment[] = [];
  const replies: FakeIgReply[] = [];
  const deleted = new Set<string>();
  const hanging = new Set<http.ServerResponse>();
  let nextId = 5000;
  let calls = 0;

  const usageHeaders = (owner: string, type: string): Record<string, string> => ({
    "x-app-usage": JSON.stringify({ call_count: ++calls, total_cputime: 1, total_time: 1 }),
    "x-business-use-case-usage": JSON.stringify({
      [owner]: [{ type, call_count: calls, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 }],
    }),
  });

  function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, {
      "content-type": "application/json; charset=UTF-8",
      "facebook-api-version": GRAPH_VERSION,
      "x-fb-trace-id": fbtrace(),
      ...headers,
    });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  const fail = (res: http.ServerResponse, status: number, error: Omit<GraphErrorBody, "fbtrace_id">) =>
    answer(res, status, { error: { ...error, fbtrace_id: fbtrace() } });

  /** Graph takes the token as a bearer header or as access_token (query or form). */
  function tokenOf(req: http.IncomingMessage, recorded: RecordedRequest): string | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) return auth.slice(7);
    const form = recorded.body as Record<string, unknown> | null;
    return recorded.query.access_token ?? (typeof form?.access_token === "string" ? form.access_token : null);
  }

  function badToken(res: http.ServerResponse) {
    const message = "Invalid OAuth access token - Cannot parse access token";
    res.setHeader("www-authenticate", `OAuth "Facebook Platform" "invalid_token" "${message}"`);
    fail(res, 400, { message, type: "OAuthException", code: 190 });
  }

  const missing = (res: http.ServerResponse, id: string, verb: "post" | "get") =>
    fail(res, 400, {
      message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
    });

  const messageOf = (body: unknown): string | null => {
    const value = (body as Record<string, unknown> | null)?.message;
    return typeof value === "string" && value.trim() !== "" ? value : null;
  };

  function postComment(objectId: string, body: unknown, res: http.ServerResponse) {
    if (deleted.has(objectId)) return missing(res, objectId, "post");
    const message = messageOf(body);
    if (!message)
      return fail(res, 400, { message: "(#100) Missing message or attachment", type: "OAuthException", code: 100 });
    // A comment's id is "<post id>_<comment id>", under the post whatever it answers.
    const id = `${objectId.split("_")[0]}_${++nextId}`;
    comments.push({
      id,
      parentId: objectId,
      message,
      from: { id: pageId, name: pageName },
      created_time: graphTime(new Date()),
    });
    answer(res, 200, { id }, usageHeaders(pageId, "pages"));
  }

  function listComments(objectId: string, query: Record<string, string>, res: http.ServerResponse) {
    if (deleted.has(objectId)) return missing(res, objectId, "get");
    const fields = (query.fields ?? "id,message,created_time").split(",");
    const own = comments.filter((c) => c.parentId === objectId);
    const ordered = query.order === "reverse_chronological" ? [...own].reverse() : own;
    const data = ordered.slice(0, Number(query.limit ?? 25)).map((c) => {
      const full: Record<string, unknown> = { ...c };
      return Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]]));
    });
    answer(
      res,
      200,
      { data, paging: { cursors: { before: "QVFIUmJl", after: "QVFIUmFm" } } },
      usageHeaders(pageId, "pages"),
    );
  }

  function postReply(commentId: string, body: unknown, res: http.ServerResponse) {
    if (deleted.has(commentId)) return missing(res, commentId, "post");
    if (foreign.has(commentId))
      return fail(res, 400, {
        message: "(#100) The comment is on media not owned by this Instagram business account",
        type: "OAuthException",
        code: 100,
      });
    const text = messageOf(body);
    if (!text)
      return fail(res, 400, { message: "(#100) The parameter message is required", type: "OAuthException", code: 100 });
    const id = `179000000000${++nextId}`;
    replies.push({ id, parentId: commentId, text, username: igUsername, timestamp: graphTime(new Date()) });
    answer(res, 200, { id }, usageHeaders(igUserId, "instagram"));
  }

  function listReplies(commentId: string, query: Record<string, string>, res: http.ServerResponse) {
    if (deleted.has(commentId)) return missing(res, commentId, "get");
    const fields = (query.fields ?? "id,text,timestamp").split(",");
    const data = replies
      .filter((r) => r.parentId === commentId)
      .map((r) => {
        const full: Record<string, unknown> = { ...r };
        return Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]]));
      });
    answer(res, 200, { data }, usageHeaders(igUserId, "instagram"));
  }

  function route(req: http.IncomingMessage, recorded: RecordedRequest, res: http.ServerResponse) {
    const { method, query } = recorded;
    const match = /^\/v\d+\.\d+\/([^/]+)(?:\/([^/]+))?$/.exec(recorded.path);
    if (!match) return fail(res, 400, { message: "Unknown path components", type: "OAuthException", code: 2500 });
    const [, rawId, edge] = match;
    const id = decodeURIComponent(rawId);
    const token = tokenOf(req, recorded);
    if (token !== pageToken && token !== igToken) return badToken(res);
    const asPage = token === pageToken;
    if (method === "GET" && id === "me" && !edge)
      return asPage
        ? answer(res, 200, { id: pageId, name: pageName }, usageHeaders(pageId, "pages"))
        : answer(res, 200, { id: "10160000000000001", name: "Ivy Owner" });
    if (edge === "comments" && asPage && method === "POST") return postComment(id, recorded.body, res);
    if (edge === "comments" && asPage && method === "GET") return listComments(id, query, res);
    if (edge === "replies" && !asPage && method === "POST") return postReply(id, recorded.body, res);
    if (edge === "replies" && !asPage && method === "GET") return listReplies(id, query, res);
    if (method === "GET" && !edge && id === igUserId && !asPage)
      return answer(res, 200, { id: igUserId, username: igUsername }, usageHeaders(igUserId, "instagram"));
    if (edge === "comments" || edge === "replies")
      return fail(res, 403, { message: "(#200) Permissions error", type: "OAuthException", code: 200 });
    missing(res, id, method === "GET" ? "get" : "post");
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
    /** The graphBase setting that reaches this fake. */
    graphBase: `${url}/${GRAPH_VERSION}`,
    requests,
    comments,
    replies,
    pageId,
    igUserId,
    igUsername,
    /**
     * The next request (on `path` when given) gets this status with a Graph error body: the
     * status's usual error unless `error` overrides fields, or `body` replaces it (e.g. HTML).
     */
    failNext(
      status: number,
      scripted: {
        error?: Partial<GraphErrorBody>;
        body?: unknown;
        headers?: Record<string, string>;
        path?: string;
        times?: number;
      } = {},
    ) {
      for (let i = 0; i < (scripted.times ?? 1); i++)
        script.push({
          status,
          body: scripted.body ?? { error: { ...defaultError(status), fbtrace_id: fbtrace(), ...scripted.error } },
          headers: scripted.headers ?? {},
          path: scripted.path,
        });
    },
    /** The next request (on `path` when given) is never answered. */
    hangNext(path?: string) {
      script.push({ status: 0, body: null, headers: {}, path, hang: true });
    },
    /** A comment already on the object (someone else's, or the Page's own from an earlier attempt). */
    addComment(comment: Partial<FakeComment> & { parentId: string; message: string }) {
      const full: FakeComment = {
        id: `${comment.parentId.split("_")[0]}_${++nextId}`,
        from: { id: pageId, name: pageName },
        created_time: graphTime(new Date()),
        ...comment,
      };
      comments.push(full);
      return full;
    },
    /** A reply already under an Instagram comment. */
    addReply(reply: Partial<FakeIgReply> & { parentId: string; text: string }) {
      const full: FakeIgReply = {
        id: `179000000000${++nextId}`,
        username: igUsername,
        timestamp: graphTime(new Date()),
        ...reply,
      };
      replies.push(full);
      return full;
    },
    /** The object is deleted: Graph answers 100/33 for it from now on. */
    deleteObject(id: string) {
      deleted.add(id);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
