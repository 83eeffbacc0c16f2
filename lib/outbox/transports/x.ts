// X replies through plain fetch on API v2 (OAuth 2.0 user context), not an SDK: SDKs bring their own HTTP
// client, which would bypass our SSRF-safe pinned resolver and hide the status codes and headers the outbox
// needs. Endpoints: POST /2/tweets, GET /2/users/me, GET /2/users/:id/tweets, POST /2/oauth2/token (refresh).
import type { SafeFetchOptions, SafeResponse } from "@/lib/net/safe-fetch";
import type {
  AccountCredentials,
  AccountField,
  NetworkTransport,
  ReplyEligibility,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import { isSuccess, jsonOf, outcomeOfError, outcomeOfFailure } from "./http-outcome";

const DEFAULT_API_BASE = "https://api.x.com";
const DEFAULT_TOKEN_URL = "https://api.x.com/2/oauth2/token";

export const X_NOT_ALLOWED_REASON =
  "X only lets the brand reply by API where the author mentioned or quoted it. Reply on x.com instead.";

// X's own words for the refusals that are not about the token (matched loosely: X rewords its details).
const NOT_ALLOWED = /reply to this conversation is not allowed|not been mentioned or otherwise engaged/i;
const DUPLICATE = /duplicate content/i;
const TARGET_GONE = /deleted or not visible/i;

/** X handles are 1–15 letters, digits or underscores; a mention is "@" not preceded by a word character. */
const MENTION = /(?<![\w@])@(\w{1,15})(?!\w)/g;

const normalHandle = (handle: string) => handle.trim().replace(/^@/, "").toLowerCase();

/**
 * Whether the brand may answer this mention by API: since 2025 X refuses programmatic replies
 * unless the author mentioned or quoted the brand. The composer asks before the agent types.
 */
export function xReplyEligibility(input: {
  addressedTo: string[];
  text: string;
  brandHandles: string[];
}): ReplyEligibility {
  const brand = new Set(input.brandHandles.map(normalHandle).filter(Boolean));
  const mentioned = [...input.text.matchAll(MENTION)].map((m) => m[1].toLowerCase());
  const addressed = input.addressedTo.map(normalHandle);
  if ([...mentioned, ...addressed].some((handle) => brand.has(handle))) return { allowed: true };
  return { allowed: false, reason: X_NOT_ALLOWED_REASON };
}

interface XSettings {
  apiBase: string;
  tokenUrl: string;
  clientId: string;
  username: string;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

function settingsOf(account: AccountCredentials): XSettings {
  const s = account.settings;
  return {
    apiBase: withoutTrailingSlash(s.apiBase?.trim() || DEFAULT_API_BASE),
    tokenUrl: s.tokenUrl?.trim() || DEFAULT_TOKEN_URL,
    clientId: s.clientId?.trim() ?? "",
    username: normalHandle(s.username ?? ""),
  };
}

/** The public link X's web UI uses; /i/web/status/<id> works without knowing the handle. */
const tweetUrl = (username: string, id: string) => `https://x.com/${username || "i/web"}/status/${id}`;

/** The tokens one call works with: a refresh replaces them for the rest of that call, once. */
interface Session {
  account: AccountCredentials;
  ctx: TransportContext;
  accessToken: string;
  refreshToken: string;
  refreshed: boolean;
}

const sessionOf = (account: AccountCredentials, ctx: TransportContext): Session => ({
  account,
  ctx,
  accessToken: account.secrets.accessToken ?? "",
  refreshToken: account.secrets.refreshToken ?? "",
  refreshed: false,
});

/** What a call ends with when it did not post: the outcomes other than "sent". */
type Unsent = Exclude<SendOutcome, { kind: "sent" }>;

/** A refresh that did not give a new token; carries the outcome the call ends with. */
class RefreshFailed extends Error {
  constructor(readonly outcome: Unsent) {
    super(outcome.reason);
  }
}

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});
const stringOf = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** Every text X put in an error body: the errors' messages, then detail, then title. */
function errorTexts(body: unknown): string[] {
  const json = objectOf(body);
  const errors = Array.isArray(json.errors) ? json.errors.map(objectOf) : [];
  const fromErrors = errors.flatMap((e) => [stringOf(e.message), stringOf(e.detail)]);
  return [...fromErrors, stringOf(json.detail), stringOf(json.title)].filter((t): t is string => t !== null);
}

/** X's message for a failure: the most specific text it gave. */
const messageOf = (body: unknown): string | null => errorTexts(body)[0] ?? null;

async function refresh(session: Session): Promise<void> {
  const { tokenUrl, clientId } = settingsOf(session.account);
  const clientSecret = session.account.secrets.clientSecret ?? "";
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: session.refreshToken });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  // Confidential clients authenticate with HTTP Basic; public clients name themselves in the form.
  if (clientSecret) headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
  else form.set("client_id", clientId);
  const response = await session.ctx.fetch(tokenUrl, { method: "POST", headers, body: form.toString() });
  const json = objectOf(jsonOf(response));
  const accessToken = stringOf(json.access_token);
  if (!isSuccess(response) || !accessToken) throw new RefreshFailed(refreshFailure(response, json, session.ctx));
  // X's refresh tokens are single-use: the new one must be kept or the account is lost at the next refresh.
  const refreshToken = stringOf(json.refresh_token) ?? session.refreshToken;
  await session.ctx.saveSecrets({ accessToken, refreshToken });
  Object.assign(session, { accessToken, refreshToken, refreshed: true });
}

function refreshFailure(response: SafeResponse, json: Json, ctx: TransportContext): Unsent {
  const said = stringOf(json.error_description) ?? stringOf(json.error) ?? messageOf(json);
  const status = response.status;
  // A refresh token X no longer accepts (revoked, already used, expired) only a new authorization fixes.
  if (status === 400 || status === 401 || status === 403 || (isSuccess(response) && said))
    return {
      kind: "permanent",
      code: "reauth",
      reason: `X refused to refresh the access token (${status})${said ? `: ${said}` : ""}`,
    };
  if (isSuccess(response))
    return { kind: "retryable", reason: `X's token endpoint answered ${status} without a token` };
  return outcomeOfFailure(response, ctx.now(), said) as Unsent; // not 2xx: never "sent"
}

/** A request with the account's bearer token; on a 401, refreshes once and repeats it. */
async function authorized(
  session: Session,
  url: string,
  options: Pick<SafeFetchOptions, "method" | "headers" | "body"> = {},
): Promise<SafeResponse> {
  const call = () =>
    session.ctx.fetch(url, {
      ...options,
      headers: { ...options.headers, authorization: `Bearer ${session.accessToken}` },
    });
  const response = await call();
  if (response.status !== 401 || session.refreshed || !session.refreshToken) return response;
  await refresh(session);
  return call();
}

const secondsPrecision = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * A tweet's text as comparable to what we sent: X answers with &, < and > escaped, links
 * replaced by t.co links, and a reply's leading @mentions prepended.
 */
function comparableText(text: string): string {
  return text
    .replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity])
    .replace(/https?:\/\/\S+/g, "<link>")
    .replace(/^(?:@\w{1,15}\s+)+/, "")
    .trim();
}

interface TimelineTweet {
  id: string;
  text: string;
  repliesTo: string[];
}

function timelineTweets(body: unknown): TimelineTweet[] {
  const data = objectOf(body).data;
  return (Array.isArray(data) ? data.map(objectOf) : []).map((t) => ({
    id: String(t.id ?? ""),
    text: String(t.text ?? ""),
    repliesTo: (Array.isArray(t.referenced_tweets) ? t.referenced_tweets.map(objectOf) : [])
      .filter((r) => r.type === "replied_to")
      .map((r) => String(r.id)),
  }));
}

function checked(response: SafeResponse, what: string): unknown {
  const json = jsonOf(response);
  if (!isSuccess(response))
    throw new Error(`X answered ${response.status} to ${what}: ${messageOf(json) ?? "no message"}`);
  return json;
}

/** Our earlier reply to the same post with the same text, among the account's tweets since it was queued. */
async function findExistingWith(session: Session, request: SendRequest) {
  const { apiBase, username } = settingsOf(session.account);
  const me = objectOf(objectOf(checked(await authorized(session, `${apiBase}/2/users/me`), "users/me")).data);
  const query = new URLSearchParams({
    max_results: "20",
    start_time: secondsPrecision(new Date(request.queuedAt.getTime() - 60_000)),
    "tweet.fields": "referenced_tweets,created_at",
  });
  const url = `${apiBase}/2/users/${encodeURIComponent(String(me.id ?? ""))}/tweets?${query}`;
  const tweets = timelineTweets(checked(await authorized(session, url), "the user's tweets"));
  const wanted = comparableText(request.body);
  const found = tweets.find(
    (t) => t.repliesTo.includes(request.target.externalId) && comparableText(t.text) === wanted,
  );
  const handle = username || normalHandle(String(me.username ?? ""));
  return found ? { externalId: found.id, url: tweetUrl(handle, found.id) } : null;
}

async function failureOutcome(response: SafeResponse, request: SendRequest, session: Session): Promise<SendOutcome> {
  const json = jsonOf(response);
  const texts = errorTexts(json);
  const said = (pattern: RegExp) => texts.find((t) => pattern.test(t));
  if (response.status >= 400 && response.status < 500) {
    const notAllowed = said(NOT_ALLOWED);
    if (notAllowed) return { kind: "permanent", code: "not_allowed", reason: notAllowed };
    const gone = said(TARGET_GONE);
    if (gone) return { kind: "permanent", code: "gone", reason: `The post replied to no longer exists: ${gone}` };
    const duplicate = said(DUPLICATE);
    // An earlier attempt may have posted it after all: then that post is the reply.
    if (duplicate) {
      const existing = await findExistingWith(session, request);
      if (existing) return { kind: "sent", ...existing };
      return { kind: "permanent", code: "invalid", reason: `X refused the reply: ${duplicate}` };
    }
  }
  return outcomeOfFailure(response, session.ctx.now(), messageOf(json));
}

function sentOutcome(response: SafeResponse, username: string): SendOutcome {
  const id = stringOf(objectOf(objectOf(jsonOf(response)).data).id);
  if (!id) return { kind: "retryable", reason: `X answered ${response.status} without the new post's id` };
  return { kind: "sent", externalId: id, url: tweetUrl(username, id) };
}

/** A thrown error as an outcome: a failed refresh carries its own; the rest are fetch errors. */
const failed = (error: unknown): Unsent =>
  error instanceof RefreshFailed ? error.outcome : (outcomeOfError(error) as Unsent); // never "sent"

const needsReauth = (outcome: Unsent) => outcome.kind === "permanent" && outcome.code === "reauth";

const fields: AccountField[] = [
  {
    name: "clientId",
    label: "OAuth 2.0 Client ID",
    secret: false,
    required: true,
    help: "developer.x.com → Projects & Apps → your app → Keys and tokens → OAuth 2.0 Client ID and Client Secret.",
  },
  {
    name: "username",
    label: "Username (without @)",
    secret: false,
    required: false,
    placeholder: "northwind",
    help: "Builds the reply's link; without it the link is x.com/i/web/status/<id>.",
  },
  {
    name: "apiBase",
    label: "API base URL",
    secret: false,
    required: false,
    placeholder: DEFAULT_API_BASE,
    help: "Leave empty for X; another host only for a sandbox or a test server.",
  },
  {
    name: "tokenUrl",
    label: "Token URL",
    secret: false,
    required: false,
    placeholder: DEFAULT_TOKEN_URL,
    help: "Where expired access tokens are refreshed. Leave empty for X.",
  },
  {
    name: "accessToken",
    label: "Access token",
    secret: true,
    required: true,
    help: "From the OAuth 2.0 authorization code flow (PKCE) with scopes tweet.read tweet.write users.read offline.access.",
  },
  {
    name: "refreshToken",
    label: "Refresh token",
    secret: true,
    required: true,
    help: "Given with the access token when offline.access is granted. X replaces it at every refresh; Earshot keeps the new one.",
  },
  {
    name: "clientSecret",
    label: "Client secret",
    secret: true,
    required: false,
    help: "Only for confidential clients (Web App, Automated App or Bot). Leave empty for a public (Native App) client.",
  },
];

export const xTransport: NetworkTransport = {
  network: "x",
  fields,
  library: "fetch",

  async whoAmI(account, ctx): Promise<WhoAmI> {
    const session = sessionOf(account, ctx);
    try {
      const response = await authorized(session, `${settingsOf(account).apiBase}/2/users/me`);
      const json = jsonOf(response);
      const user = objectOf(objectOf(json).data);
      if (isSuccess(response) && stringOf(user.id))
        return { ok: true, id: String(user.id), name: `@${String(user.username ?? user.name ?? user.id)}` };
      const reason = messageOf(json) ?? `X answered ${response.status}`;
      return { ok: false, reason, reauth: needsReauth(outcomeOfFailure(response, ctx.now(), null) as Unsent) };
    } catch (error) {
      const outcome = failed(error);
      return { ok: false, reason: outcome.reason, reauth: needsReauth(outcome) };
    }
  },

  async send(request, ctx): Promise<SendOutcome> {
    // The outbox knows from ingestion that the author did not address the brand: X would refuse.
    if (request.target.ref?.addressedBrand === "no")
      return { kind: "permanent", code: "not_allowed", reason: X_NOT_ALLOWED_REASON };
    const session = sessionOf(request.account, ctx);
    const { apiBase, username } = settingsOf(request.account);
    try {
      const response = await authorized(session, `${apiBase}/2/tweets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: request.body, reply: { in_reply_to_tweet_id: request.target.externalId } }),
      });
      if (isSuccess(response)) return sentOutcome(response, username);
      return await failureOutcome(response, request, session);
    } catch (error) {
      return failed(error);
    }
  },

  async findExisting(request, ctx) {
    return findExistingWith(sessionOf(request.account, ctx), request);
  },
};
