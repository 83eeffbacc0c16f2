// Facebook Page replies over plain HTTP (no SDK: its own HTTP client would bypass the pinned,
// SSRF-checked ctx.fetch and hide the status and usage headers). Graph API endpoints:
// POST /{object-id}/comments, GET /{object-id}/comments, GET /me.
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

/** Facebook's limit on a comment's length (in characters), shown to the composer. */
const COMMENT_LIMIT = 8000;

/** Comments link as facebook.com/<post id>_<comment id>, as ingestion stores them. */
export const facebookUrlOf = (id: string) => `https://www.facebook.com/${id}`;

async function postComment(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  const { settings, secrets } = request.account;
  const response = await ctx.fetch(graphUrl(settings, request.target.externalId, "comments"), {
    method: "POST",
    headers: { ...graphHeaders(secrets.pageAccessToken), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ message: request.body }).toString(),
  });
  const answer = readGraphAnswer(response, ctx.now());
  if (!answer.ok) return answer.outcome;
  const id = typeof answer.json.id === "string" ? answer.json.id : null;
  // A 200 without an id gives nothing to link to; retrying lets findExisting settle it.
  if (!id) return { kind: "retryable", reason: "The Graph API accepted the comment but returned no id" };
  return { kind: "sent", externalId: id, url: facebookUrlOf(id) };
}

async function send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome> {
  try {
    return await postComment(request, ctx);
  } catch (error) {
    return outcomeOfError(error);
  }
}

interface GraphComment {
  id?: unknown;
  message?: unknown;
  from?: { id?: unknown };
  created_time?: unknown;
}

async function findExisting(request: SendRequest, ctx: TransportContext) {
  const { settings, secrets } = request.account;
  const query = new URLSearchParams({
    filter: "stream",
    order: "reverse_chronological",
    fields: "id,message,from,created_time",
    limit: "25",
  });
  const response = await ctx.fetch(`${graphUrl(settings, request.target.externalId, "comments")}?${query}`, {
    headers: graphHeaders(secrets.pageAccessToken),
  });
  const answer = readGraphAnswer(response, ctx.now());
  // Throwing (not null) when the list cannot be read: null would let the reply be posted twice.
  if (!answer.ok) throw new Error(`Could not list the Page's comments: ${answer.outcome.reason}`);
  const since = new Date(request.queuedAt.getTime() - 60_000);
  const comments = (Array.isArray(answer.json.data) ? answer.json.data : []) as GraphComment[];
  const mine = comments.find(
    (c) =>
      typeof c.id === "string" &&
      c.from?.id === settings.pageId &&
      typeof c.message === "string" &&
      sameText(c.message, request.body) &&
      writtenSince(c.created_time, since),
  );
  return mine ? { externalId: mine.id as string, url: facebookUrlOf(mine.id as string) } : null;
}

async function whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI> {
  try {
    const response = await ctx.fetch(`${graphUrl(account.settings, "me", "")}?fields=id,name`, {
      headers: graphHeaders(account.secrets.pageAccessToken),
    });
    const answer = readGraphAnswer(response, ctx.now());
    if (!answer.ok)
      return answer.error
        ? { ok: false, reason: answer.error.message, reauth: isAuthError(answer.error) }
        : { ok: false, reason: answer.outcome.reason, reauth: false };
    const id = String(answer.json.id ?? "");
    const name = String(answer.json.name ?? id);
    // With a user token /me is the person, not the Page: replies would not come from the Page.
    if (account.settings.pageId && id !== account.settings.pageId)
      return {
        ok: false,
        reason: `The token belongs to ${name} (${id}), not to the Page ${account.settings.pageId}: use a Page access token`,
        reauth: true,
      };
    return { ok: true, id, name, limit: COMMENT_LIMIT };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), reauth: false };
  }
}

export const facebookTransport: NetworkTransport = {
  network: "facebook",
  library: "fetch",
  fields: [
    {
      name: "pageId",
      label: "Page ID",
      secret: false,
      required: true,
      placeholder: "104857600000000",
      help: "The Page's numeric ID (Page → About → Page transparency, or GET /me with the Page token).",
    },
    { name: "pageName", label: "Page name", secret: false, required: false, placeholder: "Northwind Air" },
    {
      name: "graphBase",
      label: "Graph API base URL",
      secret: false,
      required: false,
      placeholder: DEFAULT_GRAPH_BASE,
      help: "Leave empty for Facebook's Graph API; set it to reach a test server.",
    },
    {
      name: "pageAccessToken",
      label: "Page access token",
      secret: true,
      required: true,
      help: "A long-lived Page token with pages_manage_engagement and pages_read_engagement.",
    },
  ],
  whoAmI,
  send,
  findExisting,
};
