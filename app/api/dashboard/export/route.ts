import { apiRoute } from "@/lib/api/handler";
import { dashboardExport } from "@/lib/metrics/export";

// GET /api/dashboard/export?table=<name>&from&to&brand&network&queue&agent[&metric&target]:
// a dashboard table, or the mentions or cases behind a figure, as CSV under the same filter.
export const GET = apiRoute<Response>("AGENT", async ({ user, workspaceId, request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { filename, lines } = await dashboardExport({ id: user.id, role: user.role, workspaceId }, params.table ?? "", params);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
