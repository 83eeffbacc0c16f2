import { apiRoute } from "@/lib/api/handler";
import { streamedDownload } from "@/lib/api/download";
import { ExpectedError } from "@/lib/actions/errors";
import { startAuditExport } from "@/lib/audit/viewer";

// GET /api/admin/audit/export?actor&action&objectType&objectId&from&to: every audit row the
// filter matches (the viewer's filter, all pages), newest first, as CSV streamed in pages of
// 5,000 rows. Admins only; the export itself is audited ("audit.exported").
export type AuditExportResponse = ReadableStream<Uint8Array>;

export const GET = apiRoute<Response>("ADMIN", async ({ user, workspaceId, request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const started = await startAuditExport(workspaceId, user.id, params);
  if (!started.ok) throw new ExpectedError(started.problems.join(" "));
  const date = new Date().toISOString().slice(0, 10);
  return streamedDownload(started.lines, `audit-${user.workspace.slug}-${date}.csv`, "text/csv");
});
