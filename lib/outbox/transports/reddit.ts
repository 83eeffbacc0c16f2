// Reddit replies through plain fetch on Reddit's OAuth API, not an SDK (snoowrap, PRAW): SDKs bring their own
// HTTP client, which would bypass our SSRF-safe pinned resolver and hide the status codes and headers the outbox
// needs. Endpoints: POST /api/comment, GET /api/v1/me, GET /user/:name/comments, POST /api/v1/access_token.
import type { SafeFetchOptions, SafeResponse } from "@/lib/net/safe-fetch";
import type {
  AccountCredentials,
  AccountField,
  NetworkTransport,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import { isSuccess, jsonOf, outcomeOfError, outcomeOfFailure, retryAtOf } from "./http-outcome";

const DEFAULT_API_BASE = "https://oauth.reddit.com";
const DEFAULT_TOKEN_URL = "https://www.reddit.com/api/v1/access_token";
/** Reddit's limit on a comment's length, in characters. */
const COMMENT_LIMIT = 10_000;

interface RedditSettings {
  apiBase: string;
  tokenUrl: string;
  clientId: string;
  username: string;
  userAgent: string;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

function settingsOf(account: AccountCredentials): RedditSettings {
  const s = account.settings;
  const username = (s.username ?? "").trim().replace(/^\/?u\//, "");
  return {
    apiBase: withoutTrailingSlash(s.apiBase?.trim() || DEFAULT_API_BASE),
    tokenUrl: s.tokenUrl?.trim() || DEFAULT_TOKEN_URL,
    clientId: s.clientId?.trim() ?? "",
    username,
    // Reddit throttles generic user agents hard: it asks for <platform>:<app id>:<version> (by /u/<name>).
    userAgent: s.userAgent?.trim() || `web:earshot:1.0 (by /u/${username})`,
  };
}

/** The tokens one call works with: a refresh replaces the access token for the rest of that call, once. */
interface Session {
  account: AccountCredentials;
  ctx: TransportContext;
  settings: RedditSettings;
  accessToken: string;
  refreshToken: string;
  refreshed: boolean;
}

const sessionOf = (account: AccountCredentials, ctx: TransportContext): Session => ({
  account,
  ctx,
  settings: settingsOf(account),
  accessToken: account.secrets.accessToken ?? "",
  refreshToken: account.secrets.refreshToken ?? "",
  refreshed: false,
});

/** What a call ends with when it did not post: the outcomes other than "sent". */
type Unsent = Exclude<SendOutcome, { kind: "sent" }>;

/** A token request that did not give an access token; carries the outcome the call ends with. */
class RefreshFailed extends Error {
  constructor(readonly outcome: Unsent) {
    super(outcome.reason);
  }
}

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});
const stringOf = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** Reddit's message in a non-2xx body: {"message": "Forbidden", "error": 403, "reason": "private"}. */
function messageOf(body: unknown): string | null {
  const json = objectOf(body);
  const parts = [stringOf(json.message) ?? stringOf(json.error), stringOf(json.reason), stringOf(json.explanation)];
  const said = parts.filter((p): p is string => p !== null);
  return said.length ? said.join(": ") : null;
}

const basicAuth = (clientId: string, clientSecret: string) =>
  `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;

async function refresh(session: Session): Promise<void> {
  const { tokenUrl, clientId, userAgent } = session.settings;
  if (!session.refreshToken)
    throw new RefreshFailed({ kind: "permanent", code: "reauth", reason: "No Reddit refresh token is stored" });
  // Installed apps have no secret: Reddit still wants HTTP Basic, with an empty password.
  const response = await session.ctx.fetch(tokenUrl, {
    method: "POST",
    headers: {
      authorization: basicAuth(clientId, session.account.secrets.clientSecret ?? ""),
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": userAgent,
    },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: session.refreshToken }).toString(),
  });
  const json = objectOf(jsonOf(response));
  const accessToken = stringOf(json.access_token);
  if (!isSuccess(response) || !accessToken) throw new RefreshFailed(refreshFailure(response, json, session.ctx));
  // Reddit keeps refresh tokens today, but a rotated one must be kept or the account is lost.
  const rotated = stringOf(json.refresh_token);
  const changed: Record<string, string> =
    rotated && rotated !== session.refreshToken ? { accessToken, refreshToken: rotated } : { accessToken };
  await session.ctx.saveSecrets(changed);
  Object.assign(session, { accessToken, refreshToken: rotated ?? session.refreshToken, refreshed: true });
}

function refreshFailure(response: SafeResponse, json: Json, ctx: TransportContext): Unsent {
  const said = stringOf(json.error_description) ?? messageOf(json);
  const status = response.status;
  // Reddit answers a revoked refresh token with {"error": "invalid_grant"}, at times with a 200.
  if (status === 400 || status === 401 || status === 403 || (isSuccess(response) && said))
    return {
      kind: "permanent",
      code: "reauth",
      reason: `Reddit refused to refresh the access token (${status})${said ? `: ${said}` : ""}`,
    };
  if (isSuccess(response))
    return { kind: "retryable", reason: `Reddit's token endpoint answered ${status} without a token` };
  return outcomeOfFailure(response, ctx.now(), said) as Unsent; // not 2xx: never "sent"
}

/**
 * A request with the account's bearer token and user agent: gets a token first when none is
 * cached; on a 401, refreshes once and repeats the request.
 */
async function authorized(
  session: Session,
  url: string,
  options: Pick<SafeFetchOptions, "method" | "headers" | "body"> = {},
): Promise<SafeResponse> {
  if (!session.accessToken) await refresh(session);
  const call = () =>
    session.ctx.fetch(url, {
      ...options,
      headers: {
        ...options.headers,
        authorization: `Bearer ${session.accessToken}`,
        "user-agent": session.settings.userAgent,
      },
    });
  const response = await call();
  if (response.status !== 401 || session.refreshed || !session.refreshToken) return response;
  await refresh(session);
  return call();
}

/** One of Reddit's in-body errors: [code, message, field]. */
interface RedditError {
  code: string;
  message: string;
}

function bodyErrors(json: Json): RedditError[] {
  const errors = objectOf(json.json).errors;
  return (Array.isArray(errors) ? errors : []).map((e) => {
    const [code, message] = Array.isArray(e) ? e : [e];
    return { code: String(code ?? "UNKNOWN"), message: String(message ?? code ?? "") };
  });
}

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** "Take a break for 5 minutes before trying again." → now + 5 min; else Reddit's `ratelimit` seconds or its headers. */
function rateLimitRetryAt(message: string, json: Json, response: SafeResponse, now: Date): Date | undefined {
  const said = /(\d+(?:\.\d+)?)\s*(millisecond|second|minute|hour)s?\b/i.exec(message);
  if (said) return new Date(now.getTime() + Number(said[1]) * UNIT_MS[said[2].toLowerCase()]);
  const seconds = Number(objectOf(json.json).ratelimit);
  if (Number.isFinite(seconds) && seconds > 0) return new Date(now.getTime() + Math.ceil(seconds * 1000));
  return retryAtOf(response, now);
}

const GONE = new Set(["DELETED_COMMENT", "DELETED_LINK"]);
// Locked and archived (TOO_OLD) threads take no new comments: the reply itself is refused.
const CLOSED = new Set(["THREAD_LOCKED", "TOO_OLD"]);

/** Reddit answers 200 to a comment it refuses; the refusal is in json.errors. */
function outcomeOfBodyErrors(errors: RedditError[], json: Json, response: SafeResponse, now: Date): Unsent {
  const described = errors.map((e) => `${e.message} (${e.code})`).join("; ");
  const rateLimited = errors.find((e) => e.code === "RATELIMIT");
  if (rateLimited)
    return {
      kind: "retryable",
      reason: `Rate limited by Reddit: ${rateLimited.message}`,
      retryAt: rateLimitRetryAt(rateLimited.message, json, response, now),
    };
  if (errors.some((e) => GONE.has(e.code)))
    return { kind: "permanent", code: "gone", reason: `The post replied to no longer exists: ${described}` };
  if (errors.some((e) => e.code === "USER_REQUIRED"))
    return { kind: "permanent", code: "reauth", reason: `The account must be connected again: ${described}` };
  const closed = errors.some((e) => CLOSED.has(e.code)) ? "the thread takes no new comments: " : "";
  return { kind: "permanent", code: "invalid", reason: `Reddit refused the reply: ${closed}${described}` };
}

const permalinkUrl = (permalink: unknown) => {
  const path = stringOf(permalink);
  return path ? `https://www.reddit.com${path}` : null;
};

function outcomeOfAnswer(response: SafeResponse, now: Date): SendOutcome {
  const json = objectOf(jsonOf(response));
  if (!isSuccess(response)) return outcomeOfFailure(response, now, messageOf(json));
  const errors = bodyErrors(json);
  if (errors.length) return outcomeOfBodyErrors(errors, json, response, now);
  const things = objectOf(objectOf(json.json).data).things;
  const comment = objectOf(objectOf(Array.isArray(things) ? things[0] : null).data);
  const name = stringOf(comment.name);
  if (!name) return { kind: "retryable", reason: `Reddit answered ${response.status} without the new comment` };
  return { kind: "sent", externalId: name, url: permalinkUrl(comment.permalink) };
}

interface ListedComment {
  name: string;
  parentId: string;
  body: string;
  createdUtc: number;
  permalink: unknown;
}

function listedComments(body: unknown): ListedComment[] {
  const children = objectOf(objectOf(body).data).children;
  return (Array.isArray(children) ? children : []).map((child) => {
    const c = objectOf(objectOf(child).data);
    return {
      name: String(c.name ?? ""),
      parentId: String(c.parent_id ?? ""),
      body: String(c.body ?? ""),
      createdUtc: Number(c.created_utc ?? 0),
      permalink: c.permalink,
    };
  });
}

/** Our earlier comment on the same post with the same text, among the account's newest comments. */
async function findExistingWith(session: Session, request: SendRequest) {
  const { apiBase, username } = session.settings;
  // raw_json=1: without it Reddit answers bodies with &, < and > escaped as HTML entities.
  const query = new URLSearchParams({ limit: "25", sort: "new", raw_json: "1" });
  const response = await authorized(session, `${apiBase}/user/${encodeURIComponent(username)}/comments?${query}`);
  const json = jsonOf(response);
  if (!isSuccess(response))
    throw new Error(`Reddit answered ${response.status} to the account's comments: ${messageOf(json) ?? "no message"}`);
  const since = (request.queuedAt.getTime() - 60_000) / 1000;
  const wanted = request.body.trim();
  const found = listedComments(json).find(
    (c) => c.parentId === request.target.externalId && c.body.trim() === wanted && c.createdUtc >= since,
  );
  return found ? { externalId: found.name, url: permalinkUrl(found.permalink) } : null;
}

/** A thrown error as an outcome: a failed token request carries its own; the rest are fetch errors. */
const failed = (error: unknown): Unsent =>
  error instanceof RefreshFailed ? error.outcome : (outcomeOfError(error) as Unsent); // never "sent"

const needsReauth = (outcome: SendOutcome) => outcome.kind === "permanent" && outcome.code === "reauth";

const fields: AccountField[] = [
  {
    name: "clientId",
    label: "Client ID",
    secret: false,
    required: true,
    help: "reddit.com/prefs/apps → create an app (web app or script) → the id under its name.",
  },
  {
    name: "username",
    label: "Username (without u/)",
    secret: false,
    required: true,
    placeholder: "northwind_support",
    help: "The Reddit account that posts the replies.",
  },
  {
    name: "userAgent",
    label: "User-Agent",
    secret: false,
    required: false,
    placeholder: "web:earshot:1.0 (by /u/<username>)",
    help: "Reddit throttles generic user agents; leave empty for the default built from the username.",
  },
  {
    name: "apiBase",
    label: "API base URL",
    secret: false,
    required: false,
    placeholder: DEFAULT_API_BASE,
    help: "Leave empty for Reddit; another host only for a sandbox or a test server.",
  },
  {
    name: "tokenUrl",
    label: "Token URL",
    secret: false,
    required: false,
    placeholder: DEFAULT_TOKEN_URL,
    help: "Where access tokens are obtained with the refresh token. Leave empty for Reddit.",
  },
  {
    name: "clientSecret",
    label: "Client secret",
    secret: true,
    required: false,
    help: "The app's secret. Empty for an installed app, which has none.",
  },
  {
    name: "refreshToken",
    label: "Refresh token",
    secret: true,
    required: true,
    help: "From Reddit's authorization code flow with duration=permanent and scopes identity submit history read.",
  },
];

export const redditTransport: NetworkTransport = {
  network: "reddit",
  fields,
  library: "fetch",

  async whoAmI(account, ctx): Promise<WhoAmI> {
    const session = sessionOf(account, ctx);
    try {
      const response = await authorized(session, `${session.settings.apiBase}/api/v1/me`);
      const json = objectOf(jsonOf(response));
      const name = stringOf(json.name);
      if (isSuccess(response) && name)
        return { ok: true, id: String(json.id ?? name), name: `u/${name}`, limit: COMMENT_LIMIT };
      const reason = messageOf(json) ?? `Reddit answered ${response.status}`;
      return { ok: false, reason, reauth: needsReauth(outcomeOfFailure(response, ctx.now(), null)) };
    } catch (error) {
      const outcome = failed(error);
      return { ok: false, reason: outcome.reason, reauth: needsReauth(outcome) };
    }
  },

  async send(request, ctx): Promise<SendOutcome> {
    const session = sessionOf(request.account, ctx);
    try {
      const response = await authorized(session, `${session.settings.apiBase}/api/comment`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          thing_id: request.target.externalId,
          text: request.body,
          api_type: "json",
        }).toString(),
      });
      return outcomeOfAnswer(response, ctx.now());
    } catch (error) {
      return failed(error);
    }
  },

  async findExisting(request, ctx) {
    return findExistingWith(sessionOf(request.account, ctx), request);
  },
};
