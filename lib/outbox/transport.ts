// How a reply leaves Earshot: one transport per network, each a small module that speaks the
// network's HTTP API (lib/outbox/transports/<network>.ts). No Next or Prisma here: a transport
// gets the account's decrypted credentials and the post replied to, and answers with what
// happened in the outbox's three words: sent, retryable, permanent. The outbox worker
// (lib/outbox/worker.ts) owns states, retries, rate limits and storage.
import type { SafeFetchOptions, SafeResponse } from "@/lib/net/safe-fetch";

export type ReplyNetwork = "x" | "mastodon" | "bluesky" | "reddit" | "facebook" | "instagram" | "youtube";
export const REPLY_NETWORKS: readonly ReplyNetwork[] = [
  "mastodon",
  "bluesky",
  "x",
  "facebook",
  "instagram",
  "youtube",
  "reddit",
];

/** A connected account's fields: `settings` are shown to admins, `secrets` never leave the server. */
export interface AccountCredentials {
  network: ReplyNetwork;
  /** Non-secret fields, e.g. { instanceUrl, handle, apiBase, clientId, pageId, igUserId, username }. */
  settings: Record<string, string>;
  /** Decrypted secret fields, e.g. { accessToken, refreshToken, appPassword, clientSecret }. */
  secrets: Record<string, string>;
}

/** The post a reply answers, as ingestion stored it. */
export interface ReplyTarget {
  /** In the network's id space: a status id, an at:// uri, a tweet id, a Reddit fullname (t1_…/t3_…). */
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  authorAccountId: string | null;
  /** What a reply needs beyond the id, kept at ingestion (Bluesky { cid, rootUri, rootCid }; Mastodon { visibility }). */
  ref: Record<string, string>;
  /** The conversation root and the parent, in the network's id space (null when unknown). */
  threadKey: string | null;
  inReplyToId: string | null;
}

export interface SendRequest {
  /** Stable for the reply across every attempt: the network's idempotency key where it has one. */
  idempotencyKey: string;
  body: string;
  target: ReplyTarget;
  account: AccountCredentials;
  /** When the reply was first queued: a lower bound when looking for an earlier attempt's post. */
  queuedAt: Date;
}

export type PermanentCode =
  | "reauth" // 401/403: the account must be connected again
  | "gone" // 404/410: the post replied to no longer exists
  | "invalid" // the network refused the content (its message in `reason`)
  | "not_allowed"; // the network's rules forbid this reply (X: author did not mention the brand)

export type SendOutcome =
  | { kind: "sent"; externalId: string; url: string | null }
  | { kind: "retryable"; reason: string; retryAt?: Date }
  | { kind: "permanent"; code: PermanentCode; reason: string };

export type WhoAmI =
  { ok: true; id: string; name: string; limit?: number } | { ok: false; reason: string; reauth: boolean };

/** What a transport may use: the one safe HTTP client, a clock, and a way to keep refreshed tokens. */
export interface TransportContext {
  fetch(url: string, options?: SafeFetchOptions): Promise<SafeResponse>;
  now(): Date;
  /** Stores changed secret fields (a refreshed access token, a rotated refresh token) encrypted. */
  saveSecrets(changed: Record<string, string>): Promise<void>;
}

/** One field of the "Connected accounts" form for a network. */
export interface AccountField {
  name: string;
  label: string;
  /** Secret fields are encrypted at rest and never sent back to the browser. */
  secret: boolean;
  required: boolean;
  placeholder?: string;
  help?: string;
}

export interface NetworkTransport {
  network: ReplyNetwork;
  /** The form's fields, non-secret first. Optional non-secret `apiBase`-style fields point at another host (a sandbox, a test server). */
  fields: AccountField[];
  /** What speaks to the network, for the docs: "fetch" or an SDK's package name. */
  library: string;
  /** Who the credentials post as (the "Test connection" button), with the instance's limit where it has one. */
  whoAmI(account: AccountCredentials, ctx: TransportContext): Promise<WhoAmI>;
  /** Posts the reply once. Never throws for the network's answers: maps them to an outcome. */
  send(request: SendRequest, ctx: TransportContext): Promise<SendOutcome>;
  /**
   * After an attempt whose outcome is unknown (the worker died between the network's answer and
   * storing it), finds the reply among the account's recent posts so it is not posted twice.
   * Absent where the network's idempotency key already makes a repeat harmless.
   */
  findExisting?(
    request: SendRequest,
    ctx: TransportContext,
  ): Promise<{ externalId: string; url: string | null } | null>;
}

/** Why a reply cannot go out on this network before the agent types (X's reply restriction). */
export interface ReplyEligibility {
  allowed: boolean;
  reason?: string;
}
