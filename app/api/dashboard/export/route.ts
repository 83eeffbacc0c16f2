import { apiRoute } from "@/lib/api/handler";
import { streamedDownload } from "@/lib/api/download";
import { dashboardExport } from "@/lib/metrics/export";

// GET /api/dashboard/export?table=<name>&from&to&brand&network&queue&agent[&metric&target]:
// a dashboard table, or the mentions or cases behind a figure, as CSV under the same filter.
export const GET = apiRoute<Response>("AGENT", async ({ user, workspaceId, request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { filename, lines } = await dashboardExport(
    { id: user.id, role: user.role, workspaceId },
    params.table ?? "",
    params,
  );
  return streamedDownload(lines, filename, "text/csv");
});
