// Instagram business-account replies over plain HTTP (no SDK: its own HTTP client would bypass
// the pinned, SSRF-checked ctx.fetch and hide the status and usage headers). Instagram Graph API
// endpoints on the Facebook Graph host: POST /{ig-comment-id}/replies, GET /{ig-comment-id}/replies,
// GET /{ig-user-id}.
import type {
  AccountCredentials,
  NetworkTransport,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import {
  DEFAULT_GRAPH_BASE,
  graphHeaders,
  graphUrl,
  isAuthError,
  readGraphAnswer,
  sameText,
  writtenSince,
} from "./graph-errors";
import { outcomeOfError } from "./http-outcome";

/** Instagram's published limits on a comment: longer or busier ones are not posted. */
export const INSTAGRAM_LIMITS = { characters: 2200, hashtags: 30, mentions: 5 } as const;

// A hashtag or mention starts a word: "a@b.com" and "&#38;" are neither. Repeats count once.
const HASHTAG = /(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu;
const MENTION = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9._]+/gu;
const distinct = (text: string, pattern: RegExp) =>
  new Set([...text.matchAll(pattern)].map((m) => m[0].toLowerCase())).size;

/** Why Instagram would refuse the text, or null. Checked before calling: a refused comment costs a call. */
export function instagramRefusal(body: string): string | null {
  const characters = [...body].length;
  if (characters > INSTAGRAM_LIMITS.characters)
    return `Instagram comments are limited to ${INSTAGRAM_LIMITS.characters} characters (this reply has ${characters})`;
  const hashtags = distinct(body, HASHTAG);
  if (hashtags > INSTAGRAM_LIMITS.hashtags)
    return `Instagram comments may hold at most ${INSTAGRAM_LIMITS.hashtags} hashtags (this reply has ${hashtags})`;
  const mentions = distinct(body, MENTION);
  if (mentions > INSTAGRAM_LIMITS.mentions)
    return `Instagram comments may mention at most ${INSTAGRAM_LIMITS.mentions} accounts (this reply mentions ${mentions})`;
  return null;
}

// Instagram gives a comment no public URL of its own: the media's permalink is the best link.
const urlOf = (request: SendRequest) => request.target.url ?? null;

async function postReply(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const { settings, secrets } = request.account;
  const response = await ctx.fetch(graphUrl(settings, request.target.externalId, "replies"), {
    method: "POST",
    headers: { ...graphHeaders(secrets.accessToken), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ message: request.body }).toString(),
  });
  const answer = readGraphAnswer(response, ctx.now());
  if (!answer.ok) return answer.outcome;
  const id = typeof answer.json.id === "string" ? answer.json.id : null;
  // A 200 without an id gives nothing to link to; retrying lets findExisting settle it.
  if (!id) return { kind: "retryable", reason: "The Graph API accepted the reply but returned no id" };
  return { kind: "sent", externalId: id, url: urlOf(request) };
}

async function send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const refusal = instagramRefusal(request.body);
  if (refusal) return { kind: "permanent", code: "invalid", reason: refusal };
  try {
    return await postReply(request, ctx);
  } catch (error) {
    return outcomeOfError(error);
  }
}

async function readAccount(account: AccountCredentials, ctx: TransportContext) {
  const response = await ctx.fetch(
    `${graphUrl(account.settings, account.settings.igUserId ?? "")}?fields=id,username`,
    {
      headers: graphHeaders(account.secrets.accessToken),
    },
  );
  return readGraphAnswer(response, ctx.now());
}

async function whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI> {
  try {
    const answer = await readAccount(account, ctx);
    if (!answer.ok)
      return answer.error
        ? { ok: false, reason: answer.error.message, reauth: isAuthError(answer.error) }
        : { ok: false, reason: answer.outcome.reason, reauth: false };
    const id = String(answer.json.id ?? "");
    return { ok: true, id, name: String(answer.json.username ?? id), limit: INSTAGRAM_LIMITS.characters };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), reauth: false };
  }
}

/** The account's username: from the settings, else asked of the Graph API (replies are listed by username). */
async function usernameOf(account: AccountCredentials, ctx: TransportContext): Promise<string> {
  if (account.settings.username?.trim()) return account.settings.username.trim().replace(/^@/, "");
  const answer = await readAccount(account, ctx);
  if (!answer.ok || typeof answer.json.username !== "string")
    throw new Error(`Could not read the account's username: ${answer.ok ? "none given" : answer.outcome.reason}`);
  return answer.json.username;
}

interface IgComment {
  id?: unknown;
  text?: unknown;
  username?: unknown;
  timestamp?: unknown;
}

async function findExisting(request: SendRequest, ctx: TransportContext) {
  const { account } = request;
  const username = await usernameOf(account, ctx);
  const response = await ctx.fetch(
    `${graphUrl(account.settings, request.target.externalId, "replies")}?fields=id,text,username,timestamp`,
    { headers: graphHeaders(account.secrets.accessToken) },
  );
  const answer = readGraphAnswer(response, ctx.now());
  // Throwing (not null) when the list cannot be read: null would let the reply be posted twice.
  if (!answer.ok) throw new Error(`Could not list the comment's replies: ${answer.outcome.reason}`);
  const since = new Date(request.queuedAt.getTime() - 60_000);
  const replies = (Array.isArray(answer.json.data) ? answer.json.data : []) as IgComment[];
  const mine = replies.find(
    (r) =>
      typeof r.id === "string" &&
      r.username === username &&
      typeof r.text === "string" &&
      sameText(r.text, request.body) &&
      writtenSince(r.timestamp, since),
  );
  return mine ? { externalId: mine.id as string, url: urlOf(request) } : null;
}

export const instagramTransport: NetworkTransport = {
  network: "instagram",
  library: "fetch",
  fields: [
    {
      name: "igUserId",
      label: "Instagram business account ID",
      secret: false,
      required: true,
      placeholder: "17841400000000000",
      help: "The IG User ID linked to your Facebook Page (GET /{page-id}?fields=instagram_business_account).",
    },
    { name: "username", label: "Instagram username", secret: false, required: false, placeholder: "northwind" },
    {
      name: "graphBase",
      label: "Graph API base URL",
      secret: false,
      required: false,
      placeholder: DEFAULT_GRAPH_BASE,
      help: "Leave empty for the Facebook Graph host; set it to reach a test server.",
    },
    {
      name: "accessToken",
      label: "Access token",
      secret: true,
      required: true,
      help: "A long-lived token with instagram_basic, instagram_manage_comments and pages_read_engagement.",
    },
  ],
  whoAmI,
  send,
  findExisting,
};
