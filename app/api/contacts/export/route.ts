import { apiRoute } from "@/lib/api/handler";
import { ExpectedError } from "@/lib/actions/errors";
import { exportContactsCsv, exportContactsJson } from "@/lib/contacts/export";

// GET /api/contacts/export?format=csv|json: every live contact with its identities, streamed.
export const GET = apiRoute<Response>("MANAGER", async ({ workspaceId, user, request }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") throw new ExpectedError("format must be csv or json.");
  const chunks = format === "csv" ? exportContactsCsv(workspaceId) : exportContactsJson(workspaceId);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="contacts-${user.workspace.slug}-${date}.${format}"`,
      "cache-control": "no-store",
    },
  });
});
