import "server-only";
import type { JsMsg } from "@nats-io/jetstream";
import { getBus, type Bus } from "./connection";
import { toBusError } from "./errors";
import {
  deadLetterHeaders,
  HEADER,
  readDeadLetterFacts,
  readDeliveryMeta,
  retryHeaders,
  type DeliveryMeta,
} from "./headers";
import { retryMessageId } from "./message-ids";
import { deadLetterSubject, shardSubject } from "./names";
import type { PublishedDelivery } from "./publish";
import { shardOf } from "./shards";

// Deliveries that failed every attempt, kept with their error in EARSHOT_DEADLETTER under
// one subject per workspace, for Admin → Channels to show, retry or discard. A dead letter's
// id is its sequence in that stream.

export type DeadLetter = Omit<DeliveryMeta, "workspaceId"> & {
  id: number;
  workspaceId: string;
  error: string;
  attempts: number;
  failedAt: Date;
  bodyBytes: number;
};

export class DeadLetterNotFoundError extends Error {
  constructor(id: number) {
    super(`No dead letter ${id}`);
    this.name = "DeadLetterNotFoundError";
  }
}

type Scope = { bus?: Bus; workspaceId?: string };

/** Stores a failed delivery with its error; the caller then terminates the original. */
export async function moveToDeadLetter(bus: Bus, msg: JsMsg, error: string, attempts: number): Promise<void> {
  let workspaceId = "unknown";
  try {
    workspaceId = readDeliveryMeta(msg.headers).workspaceId;
  } catch {
    // A delivery without its headers is still kept, under "unknown".
  }
  const messageId = msg.headers?.has(HEADER.messageId) ? msg.headers.get(HEADER.messageId) : `seq-${msg.seq}`;
  await bus.js.publish(deadLetterSubject(bus.names, workspaceId), msg.data, {
    headers: deadLetterHeaders(msg.headers, { error, attempts, failedAt: new Date(), originalSeq: msg.seq }),
    // A retry of this move (lost ack, crash before terminating) is dropped as a duplicate.
    msgID: `${messageId}~dead-${msg.seq}`,
    timeout: bus.requestTimeoutMs,
    expect: { streamName: bus.names.deadLetterStream },
  });
}

function toDeadLetter(
  sm: { seq: number; subject: string; header: Parameters<typeof readDeliveryMeta>[0]; data: Uint8Array },
  names: Bus["names"],
): DeadLetter {
  const facts = readDeadLetterFacts(sm.header);
  let meta: DeliveryMeta;
  try {
    meta = readDeliveryMeta(sm.header);
  } catch {
    const workspaceId = sm.subject.slice(names.deadLetterSubject.length + 1);
    meta = {
      deliveryId: `seq-${facts.originalSeq}`,
      messageId: `seq-${facts.originalSeq}`,
      workspaceId,
      format: "unknown",
      sourceId: null,
      brandId: null,
      receivedAt: new Date(0),
    };
  }
  return { ...meta, id: sm.seq, ...facts, bodyBytes: sm.data.byteLength };
}

async function loadStored(bus: Bus, id: number, workspaceId?: string) {
  if (!Number.isSafeInteger(id) || id < 1) throw new DeadLetterNotFoundError(id);
  const sm = await bus.jsm.streams.getMessage(bus.names.deadLetterStream, { seq: id }).catch((error) => {
    throw toBusError(error);
  });
  if (!sm) throw new DeadLetterNotFoundError(id);
  // A workspace sees only its own dead letters.
  if (workspaceId !== undefined && sm.subject !== deadLetterSubject(bus.names, workspaceId))
    throw new DeadLetterNotFoundError(id);
  return sm;
}

/** Oldest first, `limit` at a time; pass `nextAfterId` back as `afterId` for the next page. */
export async function listDeadLetters(
  options: Scope & { limit?: number; afterId?: number } = {},
): Promise<{ items: DeadLetter[]; nextAfterId: number | null }> {
  const bus = options.bus ?? (await getBus());
  const limit = Math.min(Math.max(1, options.limit ?? 50), 500);
  const filter =
    options.workspaceId !== undefined
      ? deadLetterSubject(bus.names, options.workspaceId)
      : `${bus.names.deadLetterSubject}.*`;
  const items: DeadLetter[] = [];
  let seq = Math.max(0, options.afterId ?? 0) + 1;
  try {
    while (items.length < limit) {
      // Direct get (the stream allows it) finds the next message on a subject in one request.
      const sm = await bus.jsm.direct.getMessage(bus.names.deadLetterStream, { seq, next_by_subj: filter });
      if (!sm) break;
      items.push(toDeadLetter(sm, bus.names));
      seq = sm.seq + 1;
    }
  } catch (error) {
    throw toBusError(error);
  }
  return { items, nextAfterId: items.length === limit ? items[items.length - 1].id : null };
}

export async function getDeadLetter(id: number, options: Scope = {}): Promise<DeadLetter & { body: Uint8Array }> {
  const bus = options.bus ?? (await getBus());
  const sm = await loadStored(bus, id, options.workspaceId);
  return { ...toDeadLetter(sm, bus.names), body: sm.data };
}

/**
 * Publishes the delivery again (with a new message id, so that it is not taken for a duplicate
 * of its first publish) and then removes the dead letter. Retrying twice within the duplicate
 * window stores it once.
 */
export async function retryDeadLetter(id: number, options: Scope = {}): Promise<PublishedDelivery> {
  const bus = options.bus ?? (await getBus());
  const sm = await loadStored(bus, id, options.workspaceId);
  const meta = readDeliveryMeta(sm.header);
  const shard = shardOf(meta.workspaceId);
  try {
    const ack = await bus.js.publish(shardSubject(bus.names, shard), sm.data, {
      headers: retryHeaders(sm.header),
      msgID: retryMessageId(meta.messageId, id),
      timeout: bus.requestTimeoutMs,
      expect: { streamName: bus.names.deliveriesStream },
    });
    await bus.jsm.streams.deleteMessage(bus.names.deadLetterStream, id, false);
    return { deliveryId: meta.deliveryId, shard, seq: ack.seq, duplicate: ack.duplicate };
  } catch (error) {
    throw toBusError(error);
  }
}

/** Removes a dead letter for good. False when it was already gone. */
export async function discardDeadLetter(id: number, options: Scope = {}): Promise<boolean> {
  const bus = options.bus ?? (await getBus());
  try {
    await loadStored(bus, id, options.workspaceId);
  } catch (error) {
    if (error instanceof DeadLetterNotFoundError) return false;
    throw error;
  }
  try {
    return await bus.jsm.streams.deleteMessage(bus.names.deadLetterStream, id, false);
  } catch (error) {
    throw toBusError(error);
  }
}
