import { apiRoute } from "@/lib/api/handler";
import { streamedDownload } from "@/lib/api/download";
import { ExpectedError } from "@/lib/actions/errors";
import { startSubjectExport } from "@/lib/privacy/export";
import { subjectFromParams } from "@/lib/privacy/subject";

// GET /api/privacy/export?contact=ID | ?identity=NETWORK:ACCOUNT_ID [&format=json|html]: everything
// Earshot holds about one person, streamed as a download (docs/privacy.md). Managers and admins;
// each export is audited ("privacy.exported") and recorded as the person's privacy request.

/** The response: a JSON document or an HTML page, as an attachment (not read through SWR). */
export type PrivacyExportResponse = Response;

export const GET = apiRoute<PrivacyExportResponse>("MANAGER", async ({ user, workspaceId, request }) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "html") throw new ExpectedError("format must be json or html.");
  const subject = subjectFromParams({ contact: params.get("contact"), identity: params.get("identity") });
  const started = await startSubjectExport(
    { id: workspaceId, slug: user.workspace.slug },
    { userId: user.id, via: "console" },
    subject,
    format,
  );
  const response = streamedDownload(started.chunks, started.filename, started.contentType);
  // The page shows other people's words: nothing in it may run or load, whatever slipped through.
  response.headers.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  response.headers.set("x-content-type-options", "nosniff");
  return response;
});
