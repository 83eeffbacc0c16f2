import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { empty, execute, query, sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { backoffDelay, MAX_ATTEMPTS } from "./rate-policy";
import type { SendOutcome } from "./transport";

type Tx = Prisma.TransactionClient;

// The durable delivery loop shared by replies and webhooks. A due row is claimed (state
// "sending", a claim that expires) with FOR UPDATE SKIP LOCKED, so two workers never take the
// same row; it is sent outside any transaction; the outcome is recorded only while the claim is
// still this worker's. A claim that expired means a worker died mid-send: the row is queued
// again marked "unknown outcome", and its handler checks the network before sending again (or
// relies on the network's idempotency key).

export interface ClaimedItem {
  id: string;
  workspaceId: string;
  kind: string;
  accountId: string | null;
  endpointId: string | null;
  caseMessageId: string | null;
  network: string | null;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

export type DeliveryOutcome = SendOutcome & { responseStatus?: number; responseBody?: string };

/** A delivery that could not start yet (an account's rate limit): back to the queue, not an attempt. */
export interface Deferral {
  kind: "deferred";
  until: Date;
  reason: string;
}

export interface DeliveryHandler {
  send(item: ClaimedItem): Promise<DeliveryOutcome | Deferral>;
  /** Inside the transaction that records the outcome: the handler's own rows (messages, events, accounts). */
  record?(tx: Tx, item: ClaimedItem, outcome: DeliveryOutcome, final: boolean): Promise<void>;
}

export interface DeliverOptions {
  handlers: Record<string, DeliveryHandler>;
  now?: () => Date;
  limit?: number;
  workerId?: string;
  /** How long a claim lasts: longer than any send takes (the transports' timeouts are 20 s). */
  claimMs?: number;
  random?: () => number;
  /** Only this workspace's rows (tests that share a database; a per-tenant worker). */
  workspaceId?: string;
}

export interface DeliverySummary {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
  recovered: number;
}

/** Rows whose worker died mid-send go back to the queue, marked so the handler checks before resending. */
async function recoverExpiredClaims(now: Date, workspaceId?: string): Promise<number> {
  return execute(
    db(),
    sql`UPDATE "OutboxItem" SET "state" = 'queued', "claimedBy" = NULL, "claimedUntil" = NULL,
          "payload" = "payload" || '{"unknownOutcome": true}'::jsonb,
          "lastError" = 'The worker stopped while sending; the network is checked before any new attempt.',
          "updatedAt" = ${now}
        WHERE "state" = 'sending' AND "claimedUntil" < ${now}
          ${workspaceId ? sql`AND "workspaceId" = ${workspaceId}` : empty}`,
  );
}

async function claimDue(
  now: Date,
  workerId: string,
  limit: number,
  claimMs: number,
  workspaceId?: string,
): Promise<ClaimedItem[]> {
  const until = new Date(now.getTime() + claimMs);
  return query<ClaimedItem>(
    db(),
    sql`WITH due AS (
          SELECT o."id" FROM "OutboxItem" o
          LEFT JOIN "ConnectedAccount" a ON a."id" = o."accountId"
          WHERE o."state" = 'queued' AND o."nextAttemptAt" <= ${now}
            AND (a."pausedUntil" IS NULL OR a."pausedUntil" <= ${now})
            ${workspaceId ? sql`AND o."workspaceId" = ${workspaceId}` : empty}
          ORDER BY o."nextAttemptAt" LIMIT ${limit}
          FOR UPDATE OF o SKIP LOCKED)
        UPDATE "OutboxItem" o SET "state" = 'sending', "claimedBy" = ${workerId}, "claimedUntil" = ${until},
          "attempts" = o."attempts" + 1, "updatedAt" = ${now}
        FROM due WHERE o."id" = due."id"
        RETURNING o."id", o."workspaceId", o."kind", o."accountId", o."endpointId", o."caseMessageId",
          o."network"::text AS "network", o."idempotencyKey", o."payload", o."attempts", o."createdAt"`,
  );
}

/** The row's next state after an outcome: sent, failed for good, or queued again after a backoff. */
function nextState(item: ClaimedItem, outcome: DeliveryOutcome, now: Date, random: () => number) {
  if (outcome.kind === "sent") return { state: "sent" as const, final: true };
  if (outcome.kind === "permanent" || item.attempts >= MAX_ATTEMPTS) return { state: "failed" as const, final: true };
  const backoff = new Date(now.getTime() + backoffDelay(item.attempts, random));
  const at = outcome.retryAt && outcome.retryAt > backoff ? outcome.retryAt : backoff;
  return { state: "queued" as const, final: false, nextAttemptAt: at };
}

/** Records an outcome, fenced on this worker's claim; false when the claim was lost meanwhile. */
async function record(
  item: ClaimedItem,
  outcome: DeliveryOutcome,
  handler: DeliveryHandler,
  workerId: string,
  now: Date,
  random: () => number,
): Promise<boolean> {
  const next = nextState(item, outcome, now, random);
  const sent = outcome.kind === "sent" ? outcome : null;
  const error = outcome.kind === "sent" ? null : outcome.reason;
  return db().$transaction(async (tx) => {
    const changed = await execute(
      tx,
      sql`UPDATE "OutboxItem" SET "state" = ${next.state}, "claimedBy" = NULL, "claimedUntil" = NULL,
            "nextAttemptAt" = ${next.nextAttemptAt ?? now},
            "externalId" = COALESCE(${sent?.externalId ?? null}, "externalId"),
            "externalUrl" = COALESCE(${sent?.url ?? null}, "externalUrl"),
            "sentAt" = ${sent ? now : null},
            "lastError" = ${error}, "errorCode" = ${outcome.kind === "permanent" ? outcome.code : null},
            "responseStatus" = ${outcome.responseStatus ?? null},
            "responseBody" = ${outcome.responseBody?.slice(0, 2000) ?? null},
            "payload" = "payload" - 'unknownOutcome', "updatedAt" = ${now}
          WHERE "id" = ${item.id} AND "state" = 'sending' AND "claimedBy" = ${workerId}`,
    );
    if (!changed) return false;
    await handler.record?.(tx, item, outcome, next.final);
    return true;
  });
}

async function release(item: ClaimedItem, deferral: Deferral, workerId: string, now: Date): Promise<void> {
  await execute(
    db(),
    sql`UPDATE "OutboxItem" SET "state" = 'queued', "claimedBy" = NULL, "claimedUntil" = NULL,
          "attempts" = GREATEST(0, "attempts" - 1), "nextAttemptAt" = ${deferral.until},
          "lastError" = ${deferral.reason}, "updatedAt" = ${now}
        WHERE "id" = ${item.id} AND "state" = 'sending' AND "claimedBy" = ${workerId}`,
  );
}

const NO_HANDLER: DeliveryHandler = {
  send: async () => ({ kind: "permanent", code: "invalid", reason: "No handler." }),
};

/** One pass: recover dead claims, claim what is due, send each, record each outcome. */
export async function deliverDue(options: DeliverOptions): Promise<DeliverySummary> {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  const random = options.random ?? Math.random;
  const summary: DeliverySummary = { claimed: 0, sent: 0, retrying: 0, failed: 0, deferred: 0, recovered: 0 };
  summary.recovered = await recoverExpiredClaims(now(), options.workspaceId);
  const items = await claimDue(now(), workerId, options.limit ?? 50, options.claimMs ?? 120_000, options.workspaceId);
  summary.claimed = items.length;
  for (const item of items) {
    const handler = options.handlers[item.kind];
    const result: DeliveryOutcome | Deferral = handler
      ? await handler.send(item).catch((error: unknown): DeliveryOutcome => ({
          kind: "retryable",
          reason: (error as Error).message ?? String(error),
        }))
      : { kind: "permanent", code: "invalid", reason: `No handler for ${item.kind} deliveries.` };
    if (result.kind === "deferred") {
      await release(item, result, workerId, now());
      summary.deferred++;
      continue;
    }
    if (!(await record(item, result, handler ?? NO_HANDLER, workerId, now(), random))) continue;
    if (result.kind === "sent") summary.sent++;
    else if (result.kind === "permanent" || item.attempts >= MAX_ATTEMPTS) summary.failed++;
    else summary.retrying++;
  }
  return summary;
}
