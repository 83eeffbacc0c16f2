import { createHash } from "node:crypto";

// JetStream message ids (header Nats-Msg-Id) and delivery ids. Pure.
//
// JetStream drops a publish whose message id it has already stored within the stream's
// duplicate window, so a retried HTTP request or a connector that re-reads the same post after
// a reconnect is stored once. The id always includes the workspace: the same post can rightly
// reach two workspaces. When the caller names the post (network + external id) that is the id;
// `version` must tell apart an edit or a deletion of the same post (edit time, "deleted"),
// otherwise an edit arriving within the window would be dropped as a duplicate. Otherwise the
// id is a hash of the content, so only a byte-identical delivery is a duplicate.

export type ExternalRef = { network: string; externalId: string; version?: string };

export type MessageIdInput = {
  workspaceId: string;
  format: string;
  sourceId?: string | null;
  brandId?: string | null;
  body: Uint8Array;
  externalIds?: ExternalRef[];
};

const MAX_READABLE_ID = 200;
const READABLE = /^[\x21-\x7e]+$/; // printable ASCII, no spaces: safe as a header value

function sha256Hex(parts: Array<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    // Length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

function refKey(ref: ExternalRef): string {
  return ref.version ? `${ref.network}:${ref.externalId}:${ref.version}` : `${ref.network}:${ref.externalId}`;
}

export function deliveryMessageId(input: MessageIdInput): string {
  const refs = [...new Set((input.externalIds ?? []).map(refKey))].sort();
  if (refs.length === 1) {
    const readable = `${input.workspaceId}:${refs[0]}`;
    if (readable.length <= MAX_READABLE_ID && READABLE.test(readable)) return readable;
    return `${input.workspaceId}:ref:${sha256Hex(refs)}`;
  }
  if (refs.length > 1) return `${input.workspaceId}:refs:${sha256Hex(refs)}`;
  return `${input.workspaceId}:body:${sha256Hex([input.format, input.sourceId ?? "", input.brandId ?? "", input.body])}`;
}

/** Derived from the message id, so a duplicate publish answers with the same delivery id. */
export function deliveryIdFor(messageId: string): string {
  return `dlv_${sha256Hex([messageId]).slice(0, 32)}`;
}

/** A retried dead letter must not be dropped as a duplicate of its first publish. */
export function retryMessageId(originalMessageId: string, deadLetterSeq: number): string {
  return `${originalMessageId}~retry-${deadLetterSeq}`;
}
