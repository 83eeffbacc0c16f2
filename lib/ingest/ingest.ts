import "server-only";
import { parseFormat, type FormatName } from "./formats";
import type { ParseOutput } from "./mention";
import { ingestEvents, type IngestOptions, type IngestSummary } from "./pipeline";

/** Parse one document and run it through the pipeline: what every entrance calls. */
export async function ingestDocument(
  workspaceId: string,
  format: FormatName,
  body: Uint8Array | string,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  return ingestEvents(workspaceId, parseFormat(format, body), options);
}

/** Nothing in the document could be read: no post, no deletion, nothing understood, only rejections. */
export function isUnreadable(parsed: ParseOutput): boolean {
  return parsed.events.length === 0 && parsed.ignored === 0 && parsed.rejected.length > 0;
}

/**
 * Why an unreadable document was refused, in one line: the wrong format or a binary file is one
 * mistake, not one per line (the first reasons show what the parser met).
 */
export function unreadableReason(format: FormatName, parsed: ParseOutput, subject = "it"): string {
  const shown = parsed.rejected.slice(0, 3).map((r) => `${r.where}: ${r.reason}`);
  const more = parsed.rejected.length - shown.length;
  return `Nothing in ${subject} could be read as ${format}: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}
