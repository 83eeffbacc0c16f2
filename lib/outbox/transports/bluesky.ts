// Bluesky replies through the AT Protocol's XRPC endpoints with plain HTTP (ctx.fetch), not
// @atproto/api: its own HTTP client would bypass our SSRF-safe pinned resolver and hide the status
// codes and headers the outbox needs. Endpoints (on the account's PDS): com.atproto.server.
// createSession / refreshSession / getSession, com.atproto.repo.createRecord / getRecord,
// com.atproto.identity.resolveHandle.
import type { SafeFetchOptions, SafeResponse } from "@/lib/net/safe-fetch";
import type {
  AccountCredentials,
  NetworkTransport,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import { BLUESKY_MAX_GRAPHEMES, facetsOf, findMentions, graphemeCount, type Facet } from "./bluesky-facets";
import { replyTid } from "./bluesky-tid";
import { isSuccess, jsonOf, outcomeOfError, outcomeOfFailure } from "./http-outcome";

export const BLUESKY_DEFAULT_SERVICE = "https://bsky.social";
const POST = "app.bsky.feed.post";

interface Pds {
  service: string;
  handle: string;
  appPassword: string;
}

interface Session {
  accessJwt: string;
  refreshJwt: string;
  did: string;
}

interface StrongRef {
  uri: string;
  cid: string;
}

/** A step that either gives a value or ends the send with an outcome (and the network's own words). */
type Step<T> = { ok: true; value: T } | { ok: false; outcome: SendOutcome; message: string | null };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** XRPC errors are {"error": "ExpiredToken", "message": "Token has expired"}. */
function errorOf(response: SafeResponse): { error: string | null; message: string | null } {
  const json = jsonOf(response);
  return isObject(json)
    ? { error: stringOf(json.error), message: stringOf(json.message) }
    : { error: null, message: null };
}

const messageOf = (response: SafeResponse): string | null => {
  const { error, message } = errorOf(response);
  return message ?? error;
};

/** An access token the PDS no longer takes: 401, or 400 ExpiredToken / InvalidToken. */
function isTokenRejected(response: SafeResponse): boolean {
  if (response.status === 401) return true;
  const { error } = errorOf(response);
  return response.status === 400 && (error === "ExpiredToken" || error === "InvalidToken");
}

const failed = <T>(outcome: SendOutcome, message: string | null): Step<T> => ({ ok: false, outcome, message });
const failedWith = <T>(response: SafeResponse, now: Date): Step<T> =>
  failed(outcomeOfFailure(response, now, messageOf(response)), messageOf(response));
const reauth = <T>(message: string | null): Step<T> =>
  failed(
    {
      kind: "permanent",
      code: "reauth",
      reason: `The account must be connected again${message ? `: ${message}` : ""}`,
    },
    message,
  );

function pdsOf(account: AccountCredentials): Pds | string {
  const handle = account.settings.handle?.trim().replace(/^@/, "");
  if (!handle) return "The Bluesky account has no handle";
  const appPassword = account.secrets.appPassword?.trim();
  if (!appPassword) return "The Bluesky account has no app password";
  const raw = account.settings.service?.trim() || BLUESKY_DEFAULT_SERVICE;
  try {
    return { service: new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`).origin, handle, appPassword };
  } catch {
    return `The PDS URL is not a URL: ${raw}`;
  }
}

const xrpc = (pds: Pds, method: string, params?: Record<string, string>) =>
  `${pds.service}/xrpc/${method}${params ? `?${new URLSearchParams(params)}` : ""}`;

const postJson = (body: unknown, token?: string): SafeFetchOptions => ({
  method: "POST",
  headers: {
    accept: "application/json",
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
});

function sessionOf(response: SafeResponse): Session | null {
  const json = jsonOf(response);
  if (!isObject(json)) return null;
  const [accessJwt, refreshJwt, did] = [stringOf(json.accessJwt), stringOf(json.refreshJwt), stringOf(json.did)];
  return accessJwt && refreshJwt && did ? { accessJwt, refreshJwt, did } : null;
}

/**
 * The account's session, kept in its secrets: createSession is rate-limited by the network
 * (30 per 5 minutes per account), so a session is created once and refreshed when it expires.
 */
class SessionKeeper {
  private session: Session | null;

  constructor(
    private readonly pds: Pds,
    secrets: Record<string, string>,
    private readonly ctx: TransportContext,
  ) {
    const { accessJwt, refreshJwt, did } = secrets;
    this.session = accessJwt && refreshJwt && did ? { accessJwt, refreshJwt, did } : null;
  }

  private async keep(session: Session): Promise<Step<Session>> {
    this.session = session;
    await this.ctx.saveSecrets({ ...session });
    return { ok: true, value: session };
  }

  private async create(): Promise<Step<Session>> {
    const response = await this.ctx.fetch(
      xrpc(this.pds, "com.atproto.server.createSession"),
      postJson({ identifier: this.pds.handle, password: this.pds.appPassword }),
    );
    const session = isSuccess(response) ? sessionOf(response) : null;
    if (session) return this.keep(session);
    // 401 AuthenticationRequired (a wrong or revoked app password), 400 AccountTakedown and the like.
    if (response.status === 400 || response.status === 401 || response.status === 403)
      return reauth(messageOf(response));
    return failedWith(response, this.ctx.now());
  }

  private async refresh(current: Session): Promise<Step<Session>> {
    const response = await this.ctx.fetch(xrpc(this.pds, "com.atproto.server.refreshSession"), {
      method: "POST",
      headers: { accept: "application/json", authorization: `Bearer ${current.refreshJwt}` },
    });
    const session = isSuccess(response) ? sessionOf(response) : null;
    if (session) return this.keep(session);
    // The refresh token expired or was revoked: the app password can still open a new session.
    if (response.status === 400 || response.status === 401) return this.create();
    return failedWith(response, this.ctx.now());
  }

  async current(): Promise<Step<Session>> {
    return this.session ? { ok: true, value: this.session } : this.create();
  }

  /**
   * Runs an authenticated call; when the PDS no longer takes the access token, renews the session
   * once (refresh, else a new one) and runs it again. A token rejected twice means reauth.
   */
  async authed(call: (session: Session) => Promise<SafeResponse>): Promise<Step<SafeResponse>> {
    const first = await this.current();
    if (!first.ok) return first;
    const response = await call(first.value);
    if (!isTokenRejected(response)) return { ok: true, value: response };
    const renewed = await this.refresh(first.value);
    if (!renewed.ok) return renewed;
    const again = await call(renewed.value);
    return isTokenRejected(again) ? reauth(messageOf(again)) : { ok: true, value: again };
  }
}

/** at://did/collection/rkey */
function partsOfAtUri(uri: string): { repo: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  return match ? { repo: match[1], collection: match[2], rkey: match[3] } : null;
}

const strongRefOf = (value: unknown): StrongRef | null => {
  if (!isObject(value)) return null;
  const [uri, cid] = [stringOf(value.uri), stringOf(value.cid)];
  return uri && cid ? { uri, cid } : null;
};

/** A record by its at:// uri (public: no session needed). Null when the PDS does not have it. */
async function getRecord(ctx: TransportContext, pds: Pds, uri: string): Promise<Step<Record<string, unknown> | null>> {
  const parts = partsOfAtUri(uri);
  if (!parts) return failed({ kind: "permanent", code: "gone", reason: `Not an at:// post uri: ${uri}` }, null);
  const response = await ctx.fetch(xrpc(pds, "com.atproto.repo.getRecord", parts), {
    headers: { accept: "application/json" },
  });
  if (isSuccess(response)) {
    const json = jsonOf(response);
    return { ok: true, value: isObject(json) ? json : null };
  }
  // A missing record is 400 RecordNotFound on the PDS (404 on some).
  if (response.status === 404 || errorOf(response).error === "RecordNotFound") return { ok: true, value: null };
  return failedWith(response, ctx.now());
}

/**
 * The reply's root and parent. Ingestion keeps the post's cid and its thread's root; when they
 * are missing, the post is read from the network (its record names its own root when it is a reply).
 */
async function replyRefs(
  ctx: TransportContext,
  pds: Pds,
  request: SendRequest,
): Promise<Step<{ root: StrongRef; parent: StrongRef }>> {
  const { externalId, ref } = request.target;
  if (ref.cid && (!ref.rootUri || ref.rootCid)) {
    const parent = { uri: externalId, cid: ref.cid };
    return { ok: true, value: { parent, root: ref.rootUri ? { uri: ref.rootUri, cid: ref.rootCid } : parent } };
  }
  const record = await getRecord(ctx, pds, externalId);
  if (!record.ok) return record;
  const cid = stringOf(record.value?.cid);
  if (!record.value || !cid)
    return failed(
      { kind: "permanent", code: "gone", reason: `The post replied to no longer exists: ${externalId}` },
      null,
    );
  const parent = { uri: externalId, cid };
  const value = isObject(record.value.value) ? record.value.value : {};
  const root = strongRefOf(isObject(value.reply) ? value.reply.root : null) ?? parent;
  return { ok: true, value: { parent, root } };
}

/** The dids of the handles the text mentions; one the network cannot resolve is left out. */
async function mentionedDids(ctx: TransportContext, pds: Pds, text: string): Promise<Map<string, string>> {
  const dids = new Map<string, string>();
  for (const handle of new Set(findMentions(text).map((m) => m.handle))) {
    try {
      const response = await ctx.fetch(xrpc(pds, "com.atproto.identity.resolveHandle", { handle }), {
        headers: { accept: "application/json" },
      });
      const json = isSuccess(response) ? jsonOf(response) : null;
      const did = isObject(json) ? stringOf(json.did) : null;
      if (did) dids.set(handle, did);
    } catch {
      // Unresolvable now: the mention stays plain text rather than holding the reply back.
    }
  }
  return dids;
}

const postUrl = (handle: string, rkey: string) =>
  `https://bsky.app/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`;

interface Draft {
  rkey: string;
  record: {
    $type: typeof POST;
    text: string;
    createdAt: string;
    reply: { root: StrongRef; parent: StrongRef };
    facets?: Facet[];
  };
}

/**
 * After createRecord failed: is our record there anyway? A repeat of a reply that went out is
 * refused because its rkey exists (400 InvalidRequest on bsky.social; a 5xx may also hide a commit).
 */
async function earlierAttempt(ctx: TransportContext, pds: Pds, did: string, draft: Draft): Promise<SendOutcome | null> {
  const uri = `at://${did}/${POST}/${draft.rkey}`;
  const existing = await getRecord(ctx, pds, uri);
  if (!existing.ok || !existing.value) return null;
  const value = isObject(existing.value.value) ? existing.value.value : {};
  const parent = isObject(value.reply) ? strongRefOf(value.reply.parent) : null;
  if (value.text === draft.record.text && parent?.uri === draft.record.reply.parent.uri)
    return { kind: "sent", externalId: uri, url: postUrl(pds.handle, draft.rkey) };
  return {
    kind: "permanent",
    code: "invalid",
    reason: `Another post already holds this reply's record key (${draft.rkey})`,
  };
}

async function createPost(ctx: TransportContext, pds: Pds, keeper: SessionKeeper, draft: Draft): Promise<SendOutcome> {
  let did = "";
  const answer = await keeper.authed((session) => {
    did = session.did;
    return ctx.fetch(
      xrpc(pds, "com.atproto.repo.createRecord"),
      postJson({ repo: session.did, collection: POST, rkey: draft.rkey, record: draft.record }, session.accessJwt),
    );
  });
  if (!answer.ok) return answer.outcome;
  const response = answer.value;
  if (isSuccess(response)) {
    const json = jsonOf(response);
    const uri = (isObject(json) ? stringOf(json.uri) : null) ?? `at://${did}/${POST}/${draft.rkey}`;
    return { kind: "sent", externalId: uri, url: postUrl(pds.handle, partsOfAtUri(uri)?.rkey ?? draft.rkey) };
  }
  if (response.status === 400 || response.status === 409 || response.status >= 500) {
    const earlier = await earlierAttempt(ctx, pds, did, draft);
    if (earlier) return earlier;
  }
  return outcomeOfFailure(response, ctx.now(), messageOf(response));
}

async function send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const pds = pdsOf(request.account);
  if (typeof pds === "string") return { kind: "permanent", code: "reauth", reason: pds };
  const graphemes = graphemeCount(request.body);
  if (graphemes > BLUESKY_MAX_GRAPHEMES)
    return {
      kind: "permanent",
      code: "invalid",
      reason: `Bluesky posts hold ${BLUESKY_MAX_GRAPHEMES} characters; this reply has ${graphemes}`,
    };
  try {
    const refs = await replyRefs(ctx, pds, request);
    if (!refs.ok) return refs.outcome;
    const dids = await mentionedDids(ctx, pds, request.body);
    const facets = facetsOf(request.body, (handle) => dids.get(handle));
    const draft: Draft = {
      // The same rkey on every attempt: the PDS refuses a second record under it.
      rkey: replyTid(request.idempotencyKey, request.queuedAt),
      record: {
        $type: POST,
        text: request.body,
        createdAt: ctx.now().toISOString(),
        reply: refs.value,
        ...(facets.length ? { facets } : {}),
      },
    };
    return await createPost(ctx, pds, new SessionKeeper(pds, request.account.secrets, ctx), draft);
  } catch (error) {
    return outcomeOfError(error);
  }
}

async function whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI> {
  const pds = pdsOf(account);
  if (typeof pds === "string") return { ok: false, reason: pds, reauth: true };
  try {
    const keeper = new SessionKeeper(pds, account.secrets, ctx);
    const answer = await keeper.authed((session) =>
      ctx.fetch(xrpc(pds, "com.atproto.server.getSession"), {
        headers: { accept: "application/json", authorization: `Bearer ${session.accessJwt}` },
      }),
    );
    if (!answer.ok) {
      const { outcome, message } = answer;
      const reason = message ?? (outcome.kind === "sent" ? "Unexpected outcome" : outcome.reason);
      return { ok: false, reason, reauth: outcome.kind === "permanent" && outcome.code === "reauth" };
    }
    const json = isSuccess(answer.value) ? jsonOf(answer.value) : null;
    const did = isObject(json) ? stringOf(json.did) : null;
    if (!isObject(json) || !did)
      return {
        ok: false,
        reason: messageOf(answer.value) ?? `Bluesky answered ${answer.value.status}`,
        reauth: answer.value.status === 401 || answer.value.status === 403,
      };
    return { ok: true, id: did, name: `@${stringOf(json.handle) ?? pds.handle}`, limit: BLUESKY_MAX_GRAPHEMES };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), reauth: false };
  }
}

export const blueskyTransport: NetworkTransport = {
  network: "bluesky",
  library: "fetch",
  fields: [
    {
      name: "handle",
      label: "Handle",
      secret: false,
      required: true,
      placeholder: "brand.bsky.social",
    },
    {
      name: "service",
      label: "PDS URL",
      secret: false,
      required: false,
      placeholder: BLUESKY_DEFAULT_SERVICE,
      help: "Only for an account hosted on another PDS than bsky.social.",
    },
    {
      name: "appPassword",
      label: "App password",
      secret: true,
      required: true,
      help: "Settings → Privacy and security → App passwords → Add App Password. Never the account's own password.",
    },
  ],
  whoAmI,
  send,
};
