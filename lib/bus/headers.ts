import { headers, type MsgHdrs } from "@nats-io/transport-node";

// What a delivery carries besides its body, as NATS headers. Pure.

export const HEADER = {
  messageId: "Nats-Msg-Id",
  deliveryId: "Earshot-Delivery-Id",
  workspaceId: "Earshot-Workspace",
  format: "Earshot-Format",
  sourceId: "Earshot-Source",
  brandId: "Earshot-Brand",
  receivedAt: "Earshot-Received-At",
  // Added when a delivery is moved to the dead-letter stream.
  error: "Earshot-Error",
  attempts: "Earshot-Attempts",
  failedAt: "Earshot-Failed-At",
  originalSeq: "Earshot-Original-Seq",
} as const;

const DEAD_LETTER_ONLY: string[] = [HEADER.error, HEADER.attempts, HEADER.failedAt, HEADER.originalSeq];

export type DeliveryMeta = {
  deliveryId: string;
  messageId: string;
  workspaceId: string;
  format: string;
  sourceId: string | null;
  brandId: string | null;
  receivedAt: Date;
};

export class MalformedDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedDeliveryError";
  }
}

/** Header values are one line of text: CR, LF and NUL become spaces; long text is cut. */
export function headerSafe(text: string, maxLength = 1_000): string {
  const oneLine = text.replace(/[\r\n\0]+/g, " ").trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

export function deliveryHeaders(meta: Omit<DeliveryMeta, "messageId">): MsgHdrs {
  const h = headers();
  h.set(HEADER.deliveryId, meta.deliveryId);
  h.set(HEADER.workspaceId, meta.workspaceId);
  h.set(HEADER.format, meta.format);
  if (meta.sourceId) h.set(HEADER.sourceId, meta.sourceId);
  if (meta.brandId) h.set(HEADER.brandId, meta.brandId);
  h.set(HEADER.receivedAt, meta.receivedAt.toISOString());
  return h;
}

export function readDeliveryMeta(h: MsgHdrs | undefined): DeliveryMeta {
  const read = (name: string) => (h?.has(name) ? h.get(name) : "") || null;
  const deliveryId = read(HEADER.deliveryId);
  const workspaceId = read(HEADER.workspaceId);
  const format = read(HEADER.format);
  if (!deliveryId || !workspaceId || !format) {
    throw new MalformedDeliveryError(
      `Delivery is missing its ${!deliveryId ? HEADER.deliveryId : !workspaceId ? HEADER.workspaceId : HEADER.format} header`,
    );
  }
  const receivedAt = new Date(read(HEADER.receivedAt) ?? "");
  return {
    deliveryId,
    messageId: read(HEADER.messageId) ?? deliveryId,
    workspaceId,
    format,
    sourceId: read(HEADER.sourceId),
    brandId: read(HEADER.brandId),
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date(0) : receivedAt,
  };
}

export type DeadLetterFacts = { error: string; attempts: number; failedAt: Date; originalSeq: number };

/** The delivery's own headers plus why and when it failed. */
export function deadLetterHeaders(original: MsgHdrs | undefined, facts: DeadLetterFacts): MsgHdrs {
  const h = headers();
  for (const [name, values] of original ?? []) {
    if (name === HEADER.messageId || DEAD_LETTER_ONLY.includes(name)) continue;
    for (const value of values) h.append(name, value);
  }
  if (original?.has(HEADER.messageId)) h.set(HEADER.messageId, original.get(HEADER.messageId));
  h.set(HEADER.error, headerSafe(facts.error) || "unknown error");
  h.set(HEADER.attempts, String(facts.attempts));
  h.set(HEADER.failedAt, facts.failedAt.toISOString());
  h.set(HEADER.originalSeq, String(facts.originalSeq));
  return h;
}

export function readDeadLetterFacts(h: MsgHdrs | undefined): DeadLetterFacts {
  const read = (name: string) => (h?.has(name) ? h.get(name) : "");
  return {
    error: read(HEADER.error),
    attempts: Number(read(HEADER.attempts)) || 0,
    failedAt: new Date(read(HEADER.failedAt) || 0),
    originalSeq: Number(read(HEADER.originalSeq)) || 0,
  };
}

/** The headers to republish a dead letter with: the delivery's own, without the failure. */
export function retryHeaders(deadLetter: MsgHdrs | undefined): MsgHdrs {
  const h = headers();
  for (const [name, values] of deadLetter ?? []) {
    if (name === HEADER.messageId || DEAD_LETTER_ONLY.includes(name)) continue;
    for (const value of values) h.append(name, value);
  }
  return h;
}
