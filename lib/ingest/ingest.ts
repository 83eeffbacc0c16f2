import "server-only";
import { parseFormat, type FormatName } from "./formats";
import { ingestEvents, type IngestOptions, type IngestSummary } from "./pipeline";

/** Parse one document and run it through the pipeline: what every entrance calls. */
export async function ingestDocument(workspaceId: string, format: FormatName, body: Uint8Array | string, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestEvents(workspaceId, parseFormat(format, body), options);
}
