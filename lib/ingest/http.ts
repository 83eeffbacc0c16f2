import "server-only";
import { parseFormat, type FormatName } from "./formats";
import { ingestEvents, type IngestOptions, type IngestSummary } from "./pipeline";

export type IngestHttpResult =
  | { status: 200; body: IngestSummary }
  | { status: 400; body: { error: string; rejected: IngestSummary["rejected"] } };

/** A body none of which could be read is a client error; otherwise the summary says what happened. */
export async function ingestHttpBody(workspaceId: string, format: FormatName, body: Uint8Array, options: IngestOptions = {}): Promise<IngestHttpResult> {
  if (body.byteLength === 0) return { status: 400, body: { error: "The body is empty.", rejected: [] } };
  const parsed = parseFormat(format, body);
  if (parsed.events.length === 0 && parsed.ignored === 0 && parsed.rejected.length > 0) {
    const first = parsed.rejected[0];
    return { status: 400, body: { error: `Nothing in the body could be read as ${format}: ${first.where}: ${first.reason}`, rejected: parsed.rejected } };
  }
  return { status: 200, body: await ingestEvents(workspaceId, parsed, options) };
}
