// Mastodon replies through its REST API with plain HTTP (ctx.fetch), not an SDK: an SDK's own HTTP
// client would bypass our SSRF-safe pinned resolver and hide the status codes and headers the outbox
// needs. Endpoints: POST /api/v1/statuses, GET /api/v2/search (a post from another server),
// GET /api/v1/accounts/verify_credentials, GET /api/v2/instance, GET /api/v1/accounts/:id/statuses,
// GET /api/v1/statuses/:id/source.
import type { SafeResponse } from "@/lib/net/safe-fetch";
import type {
  AccountCredentials,
  NetworkTransport,
  ReplyTarget,
  SendOutcome,
  SendRequest,
  TransportContext,
  WhoAmI,
} from "../transport";
import { isSuccess, jsonOf, outcomeOfError, outcomeOfFailure } from "./http-outcome";

/** What Mastodon allows when the instance does not say (GET /api/v2/instance). */
export const MASTODON_DEFAULT_LIMIT = 500;
const PAGE_SIZE = 40;
const MAX_PAGES = 5;
const LOOKBACK_MS = 60_000;

type Visibility = "public" | "unlisted" | "private" | "direct";

interface Instance {
  origin: string;
  host: string;
  token: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; outcome: SendOutcome };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | null =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `body` already mentions `@handle` as a whole handle (not "@amy" inside "@amy2" or "@amy@elsewhere"). */
function mentions(body: string, handle: string): boolean {
  return new RegExp(`(^|[^\\w@/.])@${escapeRegExp(handle)}(?![\\w@]|[.-]\\w)`, "i").test(body);
}

/**
 * The reply's text with the author's @mention first: Mastodon only notifies accounts a status
 * mentions, so a reply without it would go unseen. Pure, for the composer's preview too.
 */
export function withMention(body: string, handle: string | null | undefined): string {
  const bare = handle?.trim().replace(/^@/, "");
  if (!bare || mentions(body, bare)) return body;
  return `@${bare} ${body}`;
}

const hostOfUrl = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * The author's handle as the account's instance must read it. Ingestion keeps Mastodon's `acct`,
 * which has no domain for an account local to the server it was read from: seen from another
 * instance, "amy" would be someone else, so it gets the post's server ("amy@fosstodon.org").
 */
export function mentionHandleFor(target: ReplyTarget, instanceHost: string): string | null {
  const bare = target.authorHandle?.trim().replace(/^@/, "");
  if (!bare) return null;
  if (bare.includes("@")) return bare;
  const postHost = hostOfUrl(target.url);
  return postHost && postHost !== instanceHost.toLowerCase() ? `${bare}@${new URL(target.url!).hostname}` : bare;
}

/** The reply is as visible as the mention: a followers-only or direct conversation stays so. */
export function replyVisibility(mentionVisibility: string | undefined): Visibility {
  return mentionVisibility === "direct" || mentionVisibility === "private" || mentionVisibility === "unlisted"
    ? mentionVisibility
    : "public";
}

function instanceOf(account: AccountCredentials): Instance | string {
  const raw = account.settings.instanceUrl?.trim();
  if (!raw) return "The Mastodon account has no instance URL";
  const token = account.secrets.accessToken?.trim();
  if (!token) return "The Mastodon account has no access token";
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    return { origin: url.origin, host: url.host.toLowerCase(), token };
  } catch {
    return `The instance URL is not a URL: ${raw}`;
  }
}

/** Mastodon's errors are {"error": "…"} (OAuth ones add error_description). */
function messageOf(response: SafeResponse): string | null {
  const json = jsonOf(response);
  if (!isObject(json)) return null;
  return stringOf(json.error_description) ?? stringOf(json.error);
}

function get(ctx: TransportContext, instance: Instance, path: string): Promise<SafeResponse> {
  return ctx.fetch(`${instance.origin}${path}`, {
    headers: { authorization: `Bearer ${instance.token}`, accept: "application/json" },
  });
}

/**
 * The replied-to status's id on the account's instance. Ids are local to each server: a post read
 * from another server is looked up by its URL (resolve=true fetches it into this instance).
 */
async function localStatusId(ctx: TransportContext, instance: Instance, target: ReplyTarget): Promise<Step<string>> {
  const postHost = hostOfUrl(target.url);
  if (!postHost || postHost === instance.host) return { ok: true, value: target.externalId };
  const query = new URLSearchParams({ q: target.url!, resolve: "true", type: "statuses", limit: "1" });
  const response = await get(ctx, instance, `/api/v2/search?${query}`);
  if (!isSuccess(response)) return { ok: false, outcome: outcomeOfFailure(response, ctx.now(), messageOf(response)) };
  const json = jsonOf(response);
  const first = isObject(json) && Array.isArray(json.statuses) ? json.statuses[0] : null;
  const id = isObject(first) ? stringOf(first.id) : null;
  if (id) return { ok: true, value: id };
  return {
    ok: false,
    outcome: {
      kind: "permanent",
      code: "gone",
      reason: `${instance.host} cannot find the post replied to (${target.url}): it was deleted, or it is not visible to this account`,
    },
  };
}

function sentOf(response: SafeResponse): SendOutcome {
  const json = jsonOf(response);
  const id = isObject(json) ? stringOf(json.id) : null;
  // Without an id we cannot know the status; the same Idempotency-Key makes asking again harmless.
  if (!id) return { kind: "retryable", reason: `Mastodon answered ${response.status} without a status id` };
  return { kind: "sent", externalId: id, url: isObject(json) ? (stringOf(json.url) ?? stringOf(json.uri)) : null };
}

/** What the reply's status will say, exactly as sent (for send and for findExisting). */
const statusTextOf = (request: SendRequest, instance: Instance) =>
  withMention(request.body, mentionHandleFor(request.target, instance.host));

async function send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const instance = instanceOf(request.account);
  if (typeof instance === "string") return { kind: "permanent", code: "reauth", reason: instance };
  try {
    const replyTo = await localStatusId(ctx, instance, request.target);
    if (!replyTo.ok) return replyTo.outcome;
    const response = await ctx.fetch(`${instance.origin}/api/v1/statuses`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${instance.token}`,
        accept: "application/json",
        "content-type": "application/json",
        // Mastodon returns the first status for a repeated key (for an hour): a retry cannot post twice.
        "idempotency-key": request.idempotencyKey,
      },
      body: JSON.stringify({
        status: statusTextOf(request, instance),
        in_reply_to_id: replyTo.value,
        visibility: replyVisibility(request.target.ref.visibility),
      }),
    });
    if (isSuccess(response)) return sentOf(response);
    return outcomeOfFailure(response, ctx.now(), messageOf(response));
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** A failed lookup in findExisting: the worker cannot tell whether the reply went out, so it asks again later. */
function lookupFailed(what: string, response: SafeResponse): Error {
  return new Error(
    `Mastodon ${what} answered ${response.status}${messageOf(response) ? `: ${messageOf(response)}` : ""}`,
  );
}

async function ownAccountId(ctx: TransportContext, instance: Instance): Promise<string> {
  const response = await get(ctx, instance, "/api/v1/accounts/verify_credentials");
  const json = isSuccess(response) ? jsonOf(response) : null;
  const id = isObject(json) ? stringOf(json.id) : null;
  if (!id) throw lookupFailed("verify_credentials", response);
  return id;
}

interface ListedStatus {
  id: string;
  url: string | null;
  inReplyToId: string | null;
  createdAt: number;
}

const listedStatusOf = (value: unknown): ListedStatus | null => {
  if (!isObject(value)) return null;
  const id = stringOf(value.id);
  const createdAt = Date.parse(String(value.created_at ?? ""));
  if (!id || Number.isNaN(createdAt)) return null;
  return {
    id,
    url: stringOf(value.url) ?? stringOf(value.uri),
    inReplyToId: stringOf(value.in_reply_to_id),
    createdAt,
  };
};

/** The account's statuses since `since`, newest first, a few pages at most. */
async function statusesSince(
  ctx: TransportContext,
  instance: Instance,
  accountId: string,
  since: number,
): Promise<ListedStatus[]> {
  const found: ListedStatus[] = [];
  let maxId: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), exclude_reblogs: "true" });
    if (maxId) query.set("max_id", maxId);
    const response = await get(ctx, instance, `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query}`);
    const json = isSuccess(response) ? jsonOf(response) : null;
    if (!Array.isArray(json)) throw lookupFailed("account statuses", response);
    const statuses = json.map(listedStatusOf).filter((s): s is ListedStatus => s !== null);
    found.push(...statuses.filter((s) => s.createdAt >= since));
    if (statuses.length < PAGE_SIZE || statuses.some((s) => s.createdAt < since)) break;
    maxId = statuses[statuses.length - 1].id;
  }
  return found;
}

/** A status's text as it was written (the API's `content` is rendered HTML). */
async function sourceTextOf(ctx: TransportContext, instance: Instance, id: string): Promise<string | null> {
  const response = await get(ctx, instance, `/api/v1/statuses/${encodeURIComponent(id)}/source`);
  if (response.status === 404) return null; // deleted since it was listed
  const json = isSuccess(response) ? jsonOf(response) : null;
  if (!isObject(json)) throw lookupFailed("status source", response);
  return typeof json.text === "string" ? json.text : null;
}

/**
 * The Idempotency-Key covers an hour; a reply whose outcome is unknown for longer is looked for
 * among the account's statuses since it was queued: same post replied to, same text.
 */
async function findExisting(
  request: SendRequest,
  ctx: TransportContext,
): Promise<{ externalId: string; url: string | null } | null> {
  const instance = instanceOf(request.account);
  if (typeof instance === "string") throw new Error(instance);
  const replyTo = await localStatusId(ctx, instance, request.target);
  if (!replyTo.ok) {
    const { outcome } = replyTo;
    if (outcome.kind === "permanent" && outcome.code === "gone") return null;
    throw new Error(outcome.kind === "sent" ? "Unexpected outcome" : outcome.reason);
  }
  const accountId = await ownAccountId(ctx, instance);
  const since = request.queuedAt.getTime() - LOOKBACK_MS;
  const text = statusTextOf(request, instance);
  for (const status of await statusesSince(ctx, instance, accountId, since)) {
    if (status.inReplyToId !== replyTo.value) continue;
    if ((await sourceTextOf(ctx, instance, status.id)) === text) return { externalId: status.id, url: status.url };
  }
  return null;
}

async function characterLimit(ctx: TransportContext, instance: Instance): Promise<number> {
  const response = await get(ctx, instance, "/api/v2/instance");
  const json = isSuccess(response) ? jsonOf(response) : null;
  const configuration = isObject(json) && isObject(json.configuration) ? json.configuration : null;
  const statuses = configuration && isObject(configuration.statuses) ? configuration.statuses : null;
  const max = statuses?.max_characters;
  return typeof max === "number" && max > 0 ? max : MASTODON_DEFAULT_LIMIT;
}

async function whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI> {
  const instance = instanceOf(account);
  if (typeof instance === "string") return { ok: false, reason: instance, reauth: true };
  try {
    const response = await get(ctx, instance, "/api/v1/accounts/verify_credentials");
    const json = isSuccess(response) ? jsonOf(response) : null;
    const id = isObject(json) ? stringOf(json.id) : null;
    if (!isObject(json) || !id) {
      const reauth = response.status === 401 || response.status === 403;
      return { ok: false, reason: messageOf(response) ?? `Mastodon answered ${response.status}`, reauth };
    }
    const username = stringOf(json.username) ?? stringOf(json.acct) ?? id;
    const display = stringOf(json.display_name);
    const name = `${display ? `${display} ` : ""}@${username}@${new URL(instance.origin).hostname}`;
    return { ok: true, id, name, limit: await characterLimit(ctx, instance).catch(() => MASTODON_DEFAULT_LIMIT) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), reauth: false };
  }
}

export const mastodonTransport: NetworkTransport = {
  network: "mastodon",
  library: "fetch",
  fields: [
    {
      name: "instanceUrl",
      label: "Instance URL",
      secret: false,
      required: true,
      placeholder: "https://mastodon.social",
      help: "The server the brand's account lives on.",
    },
    {
      name: "handle",
      label: "Account handle",
      secret: false,
      required: false,
      placeholder: "brand@mastodon.social",
    },
    {
      name: "accessToken",
      label: "Access token",
      secret: true,
      required: true,
      help: "Preferences → Development → New application with the scopes read and write:statuses; copy “Your access token”.",
    },
  ],
  whoAmI,
  send,
  findExisting,
};
