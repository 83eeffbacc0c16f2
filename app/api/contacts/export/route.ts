import { apiRoute } from "@/lib/api/handler";
import { streamedDownload } from "@/lib/api/download";
import { ExpectedError } from "@/lib/actions/errors";
import { exportContactsCsv, exportContactsJson } from "@/lib/contacts/export";

// GET /api/contacts/export?format=csv|json: every live contact with its identities, streamed.
export const GET = apiRoute<Response>("MANAGER", async ({ workspaceId, user, request }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") throw new ExpectedError("format must be csv or json.");
  const chunks = format === "csv" ? exportContactsCsv(workspaceId) : exportContactsJson(workspaceId);
  const date = new Date().toISOString().slice(0, 10);
  return streamedDownload(
    chunks,
    `contacts-${user.workspace.slug}-${date}.${format}`,
    format === "csv" ? "text/csv" : "application/json",
  );
});
