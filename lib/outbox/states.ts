// The outbox's states and how a reply's state reads in the conversation. Pure.

export const OUTBOX_STATES = [
  "draft",
  "pending_approval",
  "queued",
  "sending",
  "sent",
  "failed",
  "rejected",
  "cancelled",
] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What CaseMessage.deliveryStatus says for a state ("sent (sandbox)" when nothing left the building). */
export function deliveryLabel(state: OutboxState, sandbox: boolean): string {
  return state === "sent" && sandbox ? "sent (sandbox)" : state;
}

/** Replies in these states never reached the customer: they do not count as a response. */
export const UNDELIVERED_STATES: readonly string[] = ["failed", "rejected", "cancelled"];
