// One webhook delivery attempt: POST the signed event to the endpoint and say what happened in
// the outbox's three words (sent, retryable, permanent), with the endpoint's answer for the
// delivery log. Pure: no database, no secrets store; the outbox worker loads the endpoint,
// opens its secret, calls this and records the outcome.
//
// The outcome types mirror lib/outbox/transport.ts's SendOutcome (deliver.test.ts checks they
// stay assignable) instead of importing it: the outbox worker imports this module, so an
// import back into lib/outbox would tie the two feature folders in a cycle.
import { FetchRefusedError, type SafeFetchOptions, type SafeResponse } from "@/lib/net/safe-fetch";
import { cleanText } from "@/lib/util/params";
import { signWebhook } from "./sign";

/** How much of the endpoint's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_CHARS = 2_000;
/** How long an endpoint has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
// Read at most this much of an answer (a large 200 page must not fail the delivery).
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface WebhookDeliveryInput {
  url: string;
  /** The endpoint's signing secret, opened. */
  secret: string;
  /** The event name (the OutboxItem payload's `event`). */
  event: string;
  /** The OutboxItem's idempotencyKey (`whd_…`): the same on every attempt and redelivery. */
  deliveryId: string;
  /** The OutboxItem's payload: `{ event, data, createdAt }`. */
  payload: unknown;
  /** This attempt's number, 1 for the first. */
  attempt: number;
}

export interface WebhookDeliveryContext {
  fetch(url: string, options?: SafeFetchOptions): Promise<SafeResponse>;
  now(): Date;
}

/** SendOutcome's shape (lib/outbox/transport.ts), with the codes a webhook can give. */
export type WebhookSendOutcome =
  | { kind: "sent"; externalId: string; url: string | null }
  | { kind: "retryable"; reason: string; retryAt?: Date }
  | { kind: "permanent"; code: "gone" | "invalid"; reason: string };

export type WebhookDeliveryOutcome = WebhookSendOutcome & { responseStatus?: number; responseBody?: string };

/** The JSON body every delivery carries: the event, with its delivery id. */
export function webhookBody(deliveryId: string, event: string, payload: unknown, now: Date): string {
  const stored = (payload && typeof payload === "object" ? payload : {}) as { data?: unknown; createdAt?: unknown };
  const createdAt = typeof stored.createdAt === "string" ? stored.createdAt : now.toISOString();
  return JSON.stringify({ id: deliveryId, event, createdAt, data: stored.data ?? {} });
}

/** The request headers of one attempt, signed at the time of sending (a retry is signed afresh). */
export function webhookHeaders(input: WebhookDeliveryInput, body: string, now: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "Earshot-Event": input.event,
    "Earshot-Delivery": input.deliveryId,
    "Earshot-Signature": signWebhook(input.secret, Math.floor(now.getTime() / 1000), body),
    "Earshot-Attempt": String(input.attempt),
  };
}

export async function deliverWebhook(
  input: WebhookDeliveryInput,
  ctx: WebhookDeliveryContext,
): Promise<WebhookDeliveryOutcome> {
  const now = ctx.now();
  const body = webhookBody(input.deliveryId, input.event, input.payload, now);
  let response: SafeResponse;
  try {
    response = await ctx.fetch(input.url, {
      method: "POST",
      body,
      headers: webhookHeaders(input, body, now),
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    return outcomeOfNoAnswer(error);
  }
  const answered = { responseStatus: response.status, responseBody: excerptOf(response.body) };
  if (response.status >= 200 && response.status < 300)
    return { kind: "sent", externalId: input.deliveryId, url: null, ...answered };
  return { ...outcomeOfStatus(response, now), ...answered };
}

/**
 * A non-2xx answer: 429, 408 and 5xx are tried again (at Retry-After when the endpoint says);
 * 410 Gone means the receiver asks never to be called again (the worker disables the
 * endpoint); any other status, a redirect included (deliveries are never redirected), is final.
 */
export function outcomeOfStatus(response: SafeResponse, now: Date): WebhookSendOutcome {
  const status = response.status;
  if (status === 429 || status === 408 || status >= 500)
    return { kind: "retryable", reason: `The endpoint answered ${status}`, retryAt: retryAfterOf(response, now) };
  if (status === 410)
    return {
      kind: "permanent",
      code: "gone",
      reason: "The endpoint answered 410 Gone: it asks not to be called again",
    };
  const hint = status >= 300 && status < 400 ? " (redirects are not followed: register the final URL)" : "";
  return { kind: "permanent", code: "invalid", reason: `The endpoint refused the delivery (${status})${hint}` };
}

/** No answer: a host the fetcher refuses (a private address not allowlisted) is final; timeouts and connection errors are retried. */
export function outcomeOfNoAnswer(error: unknown): WebhookSendOutcome {
  if (error instanceof FetchRefusedError) return { kind: "permanent", code: "invalid", reason: error.message };
  return { kind: "retryable", reason: error instanceof Error ? error.message : String(error) };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterOf(response: SafeResponse, now: Date): Date | undefined {
  const raw = response.headers["retry-after"];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return new Date(now.getTime() + Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** The first characters of an answer as storable text: no NUL or control characters, no half emoji. */
export function excerptOf(body: Buffer): string {
  // Decode no more bytes than the excerpt can use (4 per character at most).
  const text = body.subarray(0, RESPONSE_EXCERPT_CHARS * 4).toString("utf8");
  return cleanText(text.slice(0, RESPONSE_EXCERPT_CHARS));
}
