import "server-only";
import { randomBytes } from "node:crypto";
import { execute, jsonRecords, query, sql, typed, type RawClient } from "@/lib/db/sql";
import { cleanText } from "@/lib/util/params";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./schemas";

// Webhook events enter the outbox in the transaction of the change they describe: one
// OutboxItem per (enabled endpoint subscribed to the event) × event, delivered later by the
// outbox worker with retries. Event data is small and never holds secrets: ids, numbers,
// names and the post's text, so a receiver can fetch more through the API if it needs to.

export { WEBHOOK_EVENTS, type WebhookEvent };

/** How much of a post's text a mention.created event carries. */
export const EVENT_TEXT_CHARS = 4_000;

export type MentionCreatedData = {
  id: string;
  network: string;
  externalId: string;
  url: string | null;
  text: string;
  author: { handle: string; displayName: string | null } | null;
  postedAt: string;
  brandId: string | null;
  sentiment: string | null;
};

/** A field's value before and after a case.updated change. */
export type CaseChange = { from: unknown; to: unknown };

export type CaseEventData = {
  number: number;
  status: string;
  priority: string;
  assignee: { id: string; name: string | null } | null;
  subject: string;
  /** case.updated: the fields that changed (status, priority, assignee, subject, …). */
  changes?: Record<string, CaseChange>;
};

export type ReplyEventData = {
  caseNumber: number;
  messageId: string;
  network: string | null;
  /** The post's id and link on the network (reply.sent). */
  externalId: string | null;
  url: string | null;
  /** Why it failed (reply.failed). */
  error: string | null;
};

export type WebhookEventInput =
  | { event: "mention.created"; data: MentionCreatedData }
  | { event: "case.created" | "case.updated"; data: CaseEventData }
  | { event: "reply.sent" | "reply.failed"; data: ReplyEventData };

/** A mention.created event's data, the text cut to EVENT_TEXT_CHARS. */
export function mentionCreatedEvent(mention: {
  id: string;
  network: string;
  externalId: string;
  url: string | null;
  text: string;
  author?: { handle: string; displayName: string | null } | null;
  postedAt: Date;
  brandId: string | null;
  sentiment: string | null;
}): WebhookEventInput {
  return {
    event: "mention.created",
    data: {
      id: mention.id,
      network: mention.network,
      externalId: mention.externalId,
      url: mention.url,
      text: Array.from(mention.text).slice(0, EVENT_TEXT_CHARS).join(""),
      author: mention.author ? { handle: mention.author.handle, displayName: mention.author.displayName } : null,
      postedAt: mention.postedAt.toISOString(),
      brandId: mention.brandId,
      sentiment: mention.sentiment,
    },
  };
}

/** Event data as JSON text PostgreSQL's jsonb takes: no NUL, no lone surrogates (it refuses both). */
function storableJson(data: Record<string, unknown>): string {
  return JSON.stringify(data, (_key, value: unknown) => (typeof value === "string" ? cleanText(value) : value));
}

/**
 * Queues the events for every enabled endpoint of the workspace subscribed to them, in one
 * statement (one cheap indexed query when the workspace has no endpoints; none for no events).
 * Call it with the transaction that makes the change, so an event is queued exactly when its
 * change commits. Returns the number of deliveries queued.
 */
export async function enqueueWebhookEvents(
  tx: RawClient,
  workspaceId: string,
  events: readonly { event: WebhookEvent; data: Record<string, unknown> }[],
  now = new Date(),
): Promise<number> {
  if (events.length === 0) return 0;
  const records = jsonRecords(
    events.map((e, i) => [i, e.event, storableJson(e.data)]),
    [
      ["ord", "int"],
      ["event", "text"],
      ["data", "jsonb", true],
    ],
    "ev",
  );
  const at = typed(now, "timestamp");
  // The subquery draws each delivery id once (a volatile select list is never inlined), so
  // the row's id and its idempotency key (the Earshot-Delivery header) are the same `whd_…`.
  return execute(
    tx,
    sql`INSERT INTO "OutboxItem" ("id","workspaceId","kind","state","endpointId","idempotencyKey","payload","attempts","nextAttemptAt","createdAt","updatedAt")
      SELECT d."id", ${workspaceId}, 'webhook', 'queued', d."endpointId", d."id", d."payload", 0, ${at}, ${at}, ${at}
      FROM (
        SELECT 'whd_' || replace(gen_random_uuid()::text, '-', '') AS "id", e."id" AS "endpointId",
          jsonb_build_object('event', ev."event", 'data', ev."data", 'createdAt', ${typed(now.toISOString(), "text")}) AS "payload"
        FROM "WebhookEndpoint" e JOIN ${records} ON ev."event" = ANY(e."events")
        WHERE e."workspaceId" = ${workspaceId} AND e."enabled"
        ORDER BY ev."ord", e."createdAt"
      ) d`,
  );
}

/** The new delivery id of one event (test events are queued one at a time, through Prisma). */
export function newDeliveryId(): string {
  return `whd_${randomBytes(16).toString("hex")}`;
}

/** The events at least one enabled endpoint of the workspace wants (empty for most workspaces). */
export async function subscribedEvents(client: RawClient, workspaceId: string): Promise<Set<WebhookEvent>> {
  const rows = await query<{ event: WebhookEvent }>(
    client,
    sql`SELECT DISTINCT unnest("events") AS "event" FROM "WebhookEndpoint" WHERE "workspaceId" = ${workspaceId} AND "enabled"`,
  );
  return new Set(rows.map((r) => r.event));
}
