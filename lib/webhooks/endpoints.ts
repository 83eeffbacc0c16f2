import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { isAllowlisted, isPrivateAddress } from "@/lib/net/address-policy";
import { hintOf } from "@/lib/secrets/envelope";
import { sealText } from "@/lib/secrets/store";
import { decodeCursor, encodeCursor } from "@/lib/util/cursor";
import { newDeliveryId } from "./events";
import { TEST_EVENT, type CreateEndpointInput, type UpdateEndpointInput, type WebhookEvent } from "./schemas";

// Webhook endpoints (admins register them per workspace) and their delivery log, which is the
// outbox's webhook rows. The signing secret is sealed at rest; its plaintext leaves the server
// once, in the answer to the create or rotate that made it.

/** Enough for any integration; each one adds a row per event to every ingestion batch. */
export const MAX_ENDPOINTS = 20;
export const DELIVERY_PAGE = 50;

export interface WebhookEndpointRow {
  id: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  secretHint: string;
  createdAt: string;
  lastDelivery: { state: string; responseStatus: number | null; at: string } | null;
}

export interface WebhookDeliveryRow {
  /** The delivery id (the Earshot-Delivery header). */
  id: string;
  event: string;
  state: string;
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  errorCode: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

type Tx = Prisma.TransactionClient;

const ENDPOINT = "That webhook endpoint";
const DELIVERY = "That webhook delivery";

const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

function rowOf(e: {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  secretHint: string;
  createdAt: Date;
  deliveries?: { state: string; responseStatus: number | null; createdAt: Date }[];
}): WebhookEndpointRow {
  const last = e.deliveries?.[0];
  return {
    id: e.id,
    url: e.url,
    events: e.events as WebhookEvent[],
    enabled: e.enabled,
    secretHint: e.secretHint,
    createdAt: e.createdAt.toISOString(),
    lastDelivery: last
      ? { state: last.state, responseStatus: last.responseStatus, at: last.createdAt.toISOString() }
      : null,
  };
}

const LAST_DELIVERY = {
  where: { kind: "webhook" },
  orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  take: 1,
  select: { state: true, responseStatus: true, createdAt: true },
} satisfies Prisma.WebhookEndpoint$deliveriesArgs;

/** The workspace's endpoints, oldest first, each with its latest delivery; never the secret. */
export async function listEndpoints(workspaceId: string): Promise<WebhookEndpointRow[]> {
  const endpoints = await db().webhookEndpoint.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      url: true,
      events: true,
      enabled: true,
      secretHint: true,
      createdAt: true,
      deliveries: LAST_DELIVERY,
    },
  });
  return endpoints.map(rowOf);
}

async function fetchAllowlistOf(workspaceId: string): Promise<string[]> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return ((ws?.settings ?? {}) as { fetchAllowlist?: string[] }).fetchAllowlist ?? [];
}

/**
 * The URL as it will be stored, or an ExpectedError saying why not: https (http only for a
 * host the workspace's fetch allowlist names, such as an intranet or a test receiver), no
 * credentials in it, and no private address unless allowlisted (deliveries would be refused).
 */
export function checkEndpointUrl(input: string, allowlist: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ExpectedError("That is not a URL.");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowlisted = isAllowlisted(host, host, allowlist);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowlisted))
    throw new ExpectedError(
      url.protocol === "http:"
        ? "Webhook URLs must use https (http only for a host in the workspace's fetch allowlist)."
        : "Webhook URLs must use https.",
    );
  if (url.username || url.password) throw new ExpectedError("Put no user name or password in the URL.");
  const literal = /^[\d.]+$/.test(host) || host.includes(":");
  if (!allowlisted && (host === "localhost" || host.endsWith(".localhost") || (literal && isPrivateAddress(host))))
    throw new ExpectedError(`${host} is a private address: an admin must add it to the fetch allowlist first.`);
  return url.toString();
}

async function findEndpoint(workspaceId: string, endpointId: string) {
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId } });
  if (!endpoint) throw notFound(ENDPOINT);
  return endpoint;
}

const audit = (tx: Tx, workspaceId: string, actorUserId: string, action: string, targetId: string, details = {}) =>
  writeAudit(tx, { workspaceId, actorUserId, action, targetType: "webhookEndpoint", targetId, details });

/** Registers an endpoint; `secret` is the only time its signing secret is shown. */
export async function createEndpoint(
  workspaceId: string,
  actorUserId: string,
  input: CreateEndpointInput,
): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const url = checkEndpointUrl(input.url, await fetchAllowlistOf(workspaceId));
  const secret = newSecret();
  const created = await db().$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { workspaceId } })) >= MAX_ENDPOINTS)
      throw new ExpectedError(`A workspace can have up to ${MAX_ENDPOINTS} webhook endpoints.`, "CONFLICT");
    const row = await tx.webhookEndpoint.create({
      data: { workspaceId, url, events: input.events, secret: sealText(secret), secretHint: hintOf(secret) },
    });
    await audit(tx, workspaceId, actorUserId, "webhook.created", row.id, { url, events: input.events });
    return row;
  });
  return { endpoint: rowOf(created), secret };
}

/** Changes an endpoint's URL, events or enabled flag (what is absent stays). */
export async function updateEndpoint(
  workspaceId: string,
  actorUserId: string,
  input: UpdateEndpointInput,
): Promise<WebhookEndpointRow> {
  const endpoint = await findEndpoint(workspaceId, input.endpointId);
  const url = input.url === undefined ? undefined : checkEndpointUrl(input.url, await fetchAllowlistOf(workspaceId));
  const data = { url, events: input.events, enabled: input.enabled };
  const changes = Object.fromEntries(
    Object.entries({
      url: [endpoint.url, url],
      events: [endpoint.events, data.events],
      enabled: [endpoint.enabled, data.enabled],
    })
      .filter(([, [from, to]]) => to !== undefined && JSON.stringify(from) !== JSON.stringify(to))
      .map(([field, [from, to]]) => [field, { from, to }]),
  );
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data });
    if (Object.keys(changes).length > 0)
      await audit(tx, workspaceId, actorUserId, "webhook.updated", endpoint.id, { changes });
    return row;
  });
  return rowOf(updated);
}

/** A new signing secret, shown this once; the old one stops signing at once. */
export async function rotateSecret(
  workspaceId: string,
  actorUserId: string,
  endpointId: string,
): Promise<{ secret: string; secretHint: string }> {
  const endpoint = await findEndpoint(workspaceId, endpointId);
  const secret = newSecret();
  const secretHint = hintOf(secret);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: sealText(secret), secretHint } });
    await audit(tx, workspaceId, actorUserId, "webhook.secret_rotated", endpoint.id, { url: endpoint.url });
  });
  return { secret, secretHint };
}

/** Removes an endpoint and its delivery log (queued deliveries go with it). */
export async function deleteEndpoint(workspaceId: string, actorUserId: string, endpointId: string): Promise<void> {
  const endpoint = await findEndpoint(workspaceId, endpointId);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await audit(tx, workspaceId, actorUserId, "webhook.deleted", endpoint.id, {
      url: endpoint.url,
      events: endpoint.events,
    });
  });
}

function requireEnabled(endpoint: { enabled: boolean }): void {
  if (!endpoint.enabled) throw new ExpectedError("This endpoint is disabled: enable it first.", "CONFLICT");
}

/** Queues a "webhook.test" delivery to this endpoint alone, whatever it subscribes to. */
export async function sendTestEvent(
  workspaceId: string,
  actorUserId: string,
  endpointId: string,
  now = new Date(),
): Promise<{ deliveryId: string }> {
  const endpoint = await findEndpoint(workspaceId, endpointId);
  requireEnabled(endpoint);
  const deliveryId = newDeliveryId();
  await db().$transaction(async (tx) => {
    await tx.outboxItem.create({
      data: {
        id: deliveryId,
        idempotencyKey: deliveryId,
        workspaceId,
        kind: "webhook",
        state: "queued",
        endpointId: endpoint.id,
        payload: {
          event: TEST_EVENT,
          data: { test: true, message: "A test delivery from Earshot." },
          createdAt: now.toISOString(),
        },
        nextAttemptAt: now,
        createdAt: now,
        createdById: actorUserId,
      },
    });
    await audit(tx, workspaceId, actorUserId, "webhook.test_sent", endpoint.id, { deliveryId });
  });
  return { deliveryId };
}

/** An endpoint's deliveries, newest first, DELIVERY_PAGE at a time; `after` is the previous page's `next`. */
export async function listDeliveries(
  workspaceId: string,
  endpointId: string,
  after?: string,
): Promise<{ deliveries: WebhookDeliveryRow[]; next: string | null }> {
  await findEndpoint(workspaceId, endpointId);
  const cursor = decodeCursor(after);
  const rows = await db().outboxItem.findMany({
    where: {
      workspaceId,
      endpointId,
      kind: "webhook",
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: new Date(cursor.at) } },
              { createdAt: new Date(cursor.at), idempotencyKey: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { idempotencyKey: "desc" }],
    take: DELIVERY_PAGE + 1,
    select: {
      idempotencyKey: true,
      payload: true,
      state: true,
      attempts: true,
      responseStatus: true,
      responseBody: true,
      lastError: true,
      errorCode: true,
      createdAt: true,
      sentAt: true,
      nextAttemptAt: true,
    },
  });
  const shown = rows.slice(0, DELIVERY_PAGE);
  const last = shown[shown.length - 1];
  return {
    deliveries: shown.map((r) => ({
      id: r.idempotencyKey,
      event: String((r.payload as { event?: unknown } | null)?.event ?? ""),
      state: r.state,
      attempts: r.attempts,
      responseStatus: r.responseStatus,
      responseBody: r.responseBody,
      lastError: r.lastError,
      errorCode: r.errorCode,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
    })),
    next:
      rows.length > DELIVERY_PAGE ? encodeCursor({ at: last.createdAt.toISOString(), id: last.idempotencyKey }) : null,
  };
}

const REDELIVERABLE = ["sent", "failed"];

/**
 * Sends a finished delivery again, with the same delivery id (a receiver that deduplicates on
 * it sees a repeat) and its attempts kept: it is queued for now and the worker takes it.
 */
export async function redeliver(
  workspaceId: string,
  actorUserId: string,
  deliveryId: string,
  now = new Date(),
): Promise<void> {
  const delivery = await db().outboxItem.findFirst({
    where: { idempotencyKey: deliveryId, workspaceId, kind: "webhook" },
    select: { id: true, state: true, endpoint: { select: { id: true, enabled: true } } },
  });
  if (!delivery?.endpoint) throw notFound(DELIVERY);
  const endpoint = delivery.endpoint;
  requireEnabled(endpoint);
  if (!REDELIVERABLE.includes(delivery.state))
    throw new ExpectedError(
      `Only sent or failed deliveries can be sent again; this one is ${delivery.state}.`,
      "CONFLICT",
    );
  await db().$transaction(async (tx) => {
    // Conditional on the state read above, so a delivery the worker is sending is not queued twice.
    const { count } = await tx.outboxItem.updateMany({
      where: { id: delivery.id, state: delivery.state },
      data: { state: "queued", nextAttemptAt: now, claimedUntil: null, claimedBy: null },
    });
    if (count === 0) throw new ExpectedError("That delivery changed meanwhile; reload and try again.", "CONFLICT");
    await audit(tx, workspaceId, actorUserId, "webhook.redelivered", endpoint.id, {
      deliveryId,
      previousState: delivery.state,
    });
  });
}
