// YouTube comment replies over plain HTTP (no googleapis SDK: its own HTTP client would bypass the
// pinned, SSRF-checked ctx.fetch and hide statuses and headers). YouTube Data API v3 endpoints:
// POST /youtube/v3/comments, GET /youtube/v3/comments, GET /youtube/v3/channels; Google's OAuth
// token endpoint for refreshing the access token.
import type { SafeResponse } from "@/lib/net/safe-fetch";
import type {
  AccountCredentials,
  NetworkTransport,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import { isSuccess, jsonOf, outcomeOfError, outcomeOfFailure, retryAtOf } from "./http-outcome";

const DEFAULT_API_BASE = "https://www.googleapis.com";
const DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
/** YouTube's limit on a comment's length (characters), shown to the composer. */
const COMMENT_LIMIT = 10_000;
/** Pages of replies read when looking for an earlier attempt (each page costs 1 quota unit). */
const MAX_PAGES = 5;

type FailedOutcome = Exclude<SendOutcome, { kind: "sent" }>;
type Settings = Record<string, string>;

const trimmedBase = (value: string | undefined, fallback: string) => (value?.trim() || fallback).replace(/\/+$/, "");
const apiUrl = (settings: Settings, path: string, query: Record<string, string>) =>
  `${trimmedBase(settings.apiBase, DEFAULT_API_BASE)}/youtube/v3/${path}?${new URLSearchParams(query)}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// ── Quota resets ────────────────────────────────────────────────────────────────────────────

const PACIFIC = "America/Los_Angeles";

/** Minutes the zone is ahead of UTC at `at` (negative in the Americas). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The next midnight in Pacific time after `now`: when YouTube resets every project's daily quota.
 * Daylight saving changes at 02:00, so the offset found an hour or so after midnight is midnight's own.
 */
export function nextPacificMidnight(now: Date): Date {
  const local = new Date(now.getTime() + zoneOffsetMinutes(now, PACIFIC) * 60_000);
  const wallMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  let guess = wallMidnight - zoneOffsetMinutes(now, PACIFIC) * 60_000;
  guess = wallMidnight - zoneOffsetMinutes(new Date(guess), PACIFIC) * 60_000;
  return new Date(guess);
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

/** {"error":{"code","message","errors":[{"reason","domain","message"}]}}: the reasons and message. */
function youTubeErrorOf(response: SafeResponse): { reasons: string[]; message: string | null } {
  const json = jsonOf(response);
  const error = isRecord(json) && isRecord(json.error) ? json.error : null;
  const errors = Array.isArray(error?.errors) ? error.errors.filter(isRecord) : [];
  const reasons = errors.map((e) => e.reason).filter((r): r is string => typeof r === "string");
  const raw =
    typeof error?.message === "string"
      ? error.message
      : typeof errors[0]?.message === "string"
        ? errors[0].message
        : null;
  // The quota message links its docs with an <a> tag: the text alone reads better in the console.
  return { reasons, message: raw ? raw.replace(/<[^>]*>/g, "") : null };
}

const QUOTA = new Set(["quotaExceeded", "dailyLimitExceeded"]);
const RATE = new Set(["rateLimitExceeded", "userRateLimitExceeded"]);
const GONE = new Set(["commentNotFound", "parentCommentNotFound", "videoNotFound"]);
const REAUTH = new Set(["authError", "insufficientPermissions", "ineligibleAccount"]);
const REFUSED = new Set(["commentsDisabled", "forbidden", "processingFailure"]);

/** The outcome of a failed Data API answer, by YouTube's error reason before its status. */
export function outcomeOfYouTubeFailure(response: SafeResponse, now: Date): FailedOutcome {
  const { reasons, message } = youTubeErrorOf(response);
  const has = (set: Set<string>) => reasons.find((r) => set.has(r));
  // "(403 quotaExceeded): The request cannot be completed because you have exceeded your quota."
  const said = (reason?: string) =>
    `(${[response.status, reason].filter(Boolean).join(" ")})${message ? `: ${message}` : ""}`;
  const quota = has(QUOTA);
  if (quota)
    return {
      kind: "retryable",
      reason: `YouTube's daily quota is spent ${said(quota)}`,
      retryAt: nextPacificMidnight(now),
    };
  const rate = has(RATE);
  if (rate)
    return { kind: "retryable", reason: `Rate limited by YouTube ${said(rate)}`, retryAt: retryAtOf(response, now) };
  const gone = has(GONE);
  if (gone) return { kind: "permanent", code: "gone", reason: `The comment replied to no longer exists ${said(gone)}` };
  const auth = has(REAUTH);
  if (auth || response.status === 401)
    return { kind: "permanent", code: "reauth", reason: `The account must be connected again ${said(auth)}` };
  const refused = has(REFUSED);
  if (refused) return { kind: "permanent", code: "invalid", reason: `YouTube refused the reply ${said(refused)}` };
  // Only non-2xx answers come here, which the shared mapping never calls sent.
  return outcomeOfFailure(response, now, message) as FailedOutcome;
}

// ── Access tokens ───────────────────────────────────────────────────────────────────────────

/**
 * A new access token from the refresh token, saved for the next calls (with the refresh token
 * when Google rotates it). A refused refresh (invalid_grant: revoked, expired, password changed)
 * means the account must be connected again.
 */
async function refreshAccessToken(
  account: AccountCredentials,
  ctx: TransportContext,
): Promise<{ token: string } | { outcome: FailedOutcome }> {
  const { settings, secrets } = account;
  const response = await ctx.fetch(trimmedBase(settings.tokenUrl, DEFAULT_TOKEN_URL), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      client_id: settings.clientId ?? "",
      client_secret: secrets.clientSecret ?? "",
      refresh_token: secrets.refreshToken ?? "",
      grant_type: "refresh_token",
    }).toString(),
  });
  const json = jsonOf(response);
  const body = isRecord(json) ? json : {};
  if (isSuccess(response) && typeof body.access_token === "string") {
    const changed: Record<string, string> = { accessToken: body.access_token };
    if (typeof body.refresh_token === "string" && body.refresh_token !== secrets.refreshToken)
      changed.refreshToken = body.refresh_token;
    await ctx.saveSecrets(changed);
    return { token: body.access_token };
  }
  const error = typeof body.error === "string" ? body.error : null;
  const said = [error, typeof body.error_description === "string" ? body.error_description : null]
    .filter(Boolean)
    .join(": ");
  if (response.status === 400 || response.status === 401 || error === "invalid_grant" || error === "invalid_client")
    return {
      outcome: {
        kind: "permanent",
        code: "reauth",
        reason: `Google refused to refresh the access token (${response.status})${said ? `: ${said}` : ""}`,
      },
    };
  return {
    outcome: outcomeOfFailure(response, ctx.now(), said || null) as FailedOutcome,
  };
}

const isAuthFailure = (response: SafeResponse) =>
  response.status === 401 || youTubeErrorOf(response).reasons.includes("authError");

/**
 * Calls the Data API with the cached access token; without one, or when it is refused (expired
 * after its hour), refreshes once and calls again. The second answer is returned whatever it is.
 */
async function withAccessToken(
  account: AccountCredentials,
  ctx: TransportContext,
  call: (token: string) => Promise<SafeResponse>,
): Promise<{ response: SafeResponse } | { outcome: FailedOutcome }> {
  const cached = account.secrets.accessToken?.trim();
  if (cached) {
    const response = await call(cached);
    if (!isAuthFailure(response)) return { response };
  }
  const refreshed = await refreshAccessToken(account, ctx);
  if ("outcome" in refreshed) return refreshed;
  return { response: await call(refreshed.token) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: "application/json" });

// ── Send ────────────────────────────────────────────────────────────────────────────────────

/** Replies hang under the top-level comment: a reply's id is "<top-level id>.<suffix>". */
export const topLevelIdOf = (commentId: string) => commentId.split(".")[0];

/** The video's id from the target's link (watch?v=…), for the reply's own link. */
function videoIdOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams.get("v");
  } catch {
    return null;
  }
}

const commentUrl = (videoId: string | null, id: string) =>
  videoId ? `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(id)}` : null;

async function insertReply(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const { account } = request;
  const answer = await withAccessToken(account, ctx, (token) =>
    ctx.fetch(apiUrl(account.settings, "comments", { part: "snippet" }), {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({
        snippet: { parentId: topLevelIdOf(request.target.externalId), textOriginal: request.body },
      }),
    }),
  );
  if ("outcome" in answer) return answer.outcome;
  const { response } = answer;
  if (!isSuccess(response)) return outcomeOfYouTubeFailure(response, ctx.now());
  const json = jsonOf(response);
  const id = isRecord(json) && typeof json.id === "string" ? json.id : null;
  // A 200 without an id gives nothing to link to; retrying lets findExisting settle it.
  if (!id) return { kind: "retryable", reason: "YouTube accepted the reply but returned no id" };
  const snippet = isRecord(json) && isRecord(json.snippet) ? json.snippet : {};
  const videoId = videoIdOf(request.target.url) ?? (typeof snippet.videoId === "string" ? snippet.videoId : null);
  return { kind: "sent", externalId: id, url: commentUrl(videoId, id) };
}

async function send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  try {
    return await insertReply(request, ctx);
  } catch (error) {
    return outcomeOfError(error);
  }
}

// ── Who am I, find an earlier reply ─────────────────────────────────────────────────────────

async function myChannel(
  account: AccountCredentials,
  ctx: TransportContext,
): Promise<{ ok: true; id: string; title: string } | { ok: false; outcome: FailedOutcome }> {
  const answer = await withAccessToken(account, ctx, (token) =>
    ctx.fetch(apiUrl(account.settings, "channels", { part: "snippet", mine: "true" }), { headers: bearer(token) }),
  );
  if ("outcome" in answer) return { ok: false, outcome: answer.outcome };
  if (!isSuccess(answer.response)) return { ok: false, outcome: outcomeOfYouTubeFailure(answer.response, ctx.now()) };
  const json = jsonOf(answer.response);
  const channel = isRecord(json) && Array.isArray(json.items) && isRecord(json.items[0]) ? json.items[0] : null;
  if (!channel || typeof channel.id !== "string")
    return {
      ok: false,
      outcome: { kind: "permanent", code: "reauth", reason: "The Google account has no YouTube channel" },
    };
  const title = isRecord(channel.snippet) && typeof channel.snippet.title === "string" ? channel.snippet.title : "";
  return { ok: true, id: channel.id, title: title || channel.id };
}

async function whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI> {
  try {
    const channel = await myChannel(account, ctx);
    if (!channel.ok)
      return {
        ok: false,
        reason: channel.outcome.reason,
        reauth: channel.outcome.kind === "permanent" && channel.outcome.code === "reauth",
      };
    const expected = account.settings.channelId?.trim();
    if (expected && expected !== channel.id)
      return {
        ok: false,
        reason: `The credentials post as ${channel.title} (${channel.id}), not as the channel ${expected}`,
        reauth: true,
      };
    return { ok: true, id: channel.id, name: channel.title, limit: COMMENT_LIMIT };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), reauth: false };
  }
}

async function channelIdOf(account: AccountCredentials, ctx: TransportContext): Promise<string> {
  const configured = account.settings.channelId?.trim();
  if (configured) return configured;
  const channel = await myChannel(account, ctx);
  if (!channel.ok) throw new Error(`Could not read the account's channel: ${channel.outcome.reason}`);
  return channel.id;
}

// The network may trim a comment or turn CRLF into LF; neither makes it a different reply.
const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

function isMyReply(item: unknown, channelId: string, body: string, since: Date): item is { id: string } {
  if (!isRecord(item) || typeof item.id !== "string" || !isRecord(item.snippet)) return false;
  const s = item.snippet;
  const author = isRecord(s.authorChannelId) ? s.authorChannelId.value : null;
  const at = typeof s.publishedAt === "string" ? Date.parse(s.publishedAt) : NaN;
  return (
    author === channelId &&
    typeof s.textOriginal === "string" &&
    sameText(s.textOriginal, body) &&
    (Number.isNaN(at) || at >= since.getTime())
  );
}

async function findExisting(request: SendRequest, ctx: TransportContext) {
  const { account } = request;
  const channelId = await channelIdOf(account, ctx);
  const since = new Date(request.queuedAt.getTime() - 60_000);
  const parentId = topLevelIdOf(request.target.externalId);
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { part: "snippet", parentId, maxResults: "50", textFormat: "plainText" };
    if (pageToken) query.pageToken = pageToken;
    const answer = await withAccessToken(account, ctx, (token) =>
      ctx.fetch(apiUrl(account.settings, "comments", query), { headers: bearer(token) }),
    );
    // Throwing (not null) when the list cannot be read: null would let the reply be posted twice.
    if ("outcome" in answer) throw new Error(`Could not list the replies: ${answer.outcome.reason}`);
    if (!isSuccess(answer.response))
      throw new Error(`Could not list the replies: ${outcomeOfYouTubeFailure(answer.response, ctx.now()).reason}`);
    const json = jsonOf(answer.response);
    const items: unknown[] = isRecord(json) && Array.isArray(json.items) ? json.items : [];
    const mine = items.find((item) => isMyReply(item, channelId, request.body, since));
    if (mine) return { externalId: mine.id, url: commentUrl(videoIdOf(request.target.url), mine.id) };
    pageToken = isRecord(json) && typeof json.nextPageToken === "string" ? json.nextPageToken : null;
    if (!pageToken) break;
  }
  return null;
}

export const youtubeTransport: NetworkTransport = {
  network: "youtube",
  library: "fetch",
  fields: [
    {
      name: "clientId",
      label: "OAuth client ID",
      secret: false,
      required: true,
      placeholder: "1234567890-abc.apps.googleusercontent.com",
      help: "Google Cloud console → APIs & Services → Credentials → OAuth 2.0 Client IDs.",
    },
    {
      name: "channelId",
      label: "Channel ID",
      secret: false,
      required: false,
      placeholder: "UCxxxxxxxxxxxxxxxxxxxxxx",
      help: "The channel replies are posted as (checked by Test connection; found from the token when empty).",
    },
    {
      name: "apiBase",
      label: "API base URL",
      secret: false,
      required: false,
      placeholder: DEFAULT_API_BASE,
      help: "Leave empty for YouTube; set it to reach a test server.",
    },
    {
      name: "tokenUrl",
      label: "OAuth token URL",
      secret: false,
      required: false,
      placeholder: DEFAULT_TOKEN_URL,
    },
    { name: "clientSecret", label: "OAuth client secret", secret: true, required: true },
    {
      name: "refreshToken",
      label: "Refresh token",
      secret: true,
      required: true,
      help: "From an offline-access consent for the youtube.force-ssl scope.",
    },
    {
      name: "accessToken",
      label: "Access token",
      secret: true,
      required: false,
      help: "Optional: Earshot refreshes it from the refresh token and keeps it here.",
    },
  ],
  whoAmI,
  send,
  findExisting,
};
