import "server-only";
import { parseFormat, type FormatName } from "./formats";
import { isUnreadable, unreadableReason } from "./ingest";
import { ingestEvents, type IngestOptions, type IngestSummary } from "./pipeline";

export type IngestHttpResult =
  { status: 200; body: IngestSummary } | { status: 400; body: { error: string; rejected: IngestSummary["rejected"] } };

/** A body none of which could be read is a client error; otherwise the summary says what happened. */
export async function ingestHttpBody(
  workspaceId: string,
  format: FormatName,
  body: Uint8Array,
  options: IngestOptions = {},
): Promise<IngestHttpResult> {
  if (body.byteLength === 0) return { status: 400, body: { error: "The body is empty.", rejected: [] } };
  const parsed = parseFormat(format, body);
  if (isUnreadable(parsed)) {
    return { status: 400, body: { error: unreadableReason(format, parsed, "the body"), rejected: parsed.rejected } };
  }
  return { status: 200, body: await ingestEvents(workspaceId, parsed, options) };
}
