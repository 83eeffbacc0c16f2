import "server-only";
import { ExpectedError } from "@/lib/actions/errors";
import { exportMentionsCsv } from "@/lib/mentions/list";
import { parseMentionQueryWithProblems } from "@/lib/mentions/query";
import { cleanText } from "@/lib/util/params";
import { toCsvRow } from "@/lib/util/csv";
import { CASE_METRICS, SLA_TARGETS } from "./case-metric";
import { exportCaseMetricCsv } from "./case-export";
import { loadDashboard, resolveDashboardFilter, type Viewer } from "./dashboard";
import type { CaseMetric } from "./filters";
import { refreshCaseMetrics } from "./refresh";
import { LISTENING_TABLES, SERVICE_TABLES, listeningTables, serviceTables, type Table, type TableId } from "./tables";

// CSV exports of the dashboard: every table as shown, the mentions behind the listening
// figures, and the cases behind the service figures, all under the same filter.

export type ExportName = TableId | "mentions" | "cases";

export function tableCsv(table: Table): string {
  return [table.columns, ...table.rows.map((r) => r.cells)].map((cells) => toCsvRow(cells) + "\r\n").join("");
}

/** A page's "…; it was ignored." notice as a file's refusal: a file can't show what it left out. */
function asRefusal(message: string): string {
  return message.replace(/; it was ignored\.$/, ".").replace(/: showing the last \d+ days\.$/, ".");
}

async function* once(text: string) {
  yield text;
}

export async function dashboardExport(
  viewer: Viewer,
  name: string,
  params: Record<string, string | string[] | undefined>,
  now = new Date(),
): Promise<{ filename: string; lines: AsyncGenerator<string> }> {
  const listening = (LISTENING_TABLES as readonly string[]).includes(name) || name === "mentions";
  const service = (SERVICE_TABLES as readonly string[]).includes(name) || name === "cases";
  if (!listening && !service) {
    const shown = cleanText(name).slice(0, 60);
    throw new ExpectedError(
      `There is no export called "${shown}${name.length > 60 ? "…" : ""}". Choose one of: ${[...LISTENING_TABLES, ...SERVICE_TABLES, "mentions", "cases"].join(", ")}.`,
    );
  }
  const { filter, ownOnly, period, timeZone, errors } = await resolveDashboardFilter(viewer, params, now);
  if (errors.length) throw new ExpectedError(errors.map(asRefusal).join(" "));
  if (listening && ownOnly) throw new ExpectedError("Listening figures are for managers and admins.", "FORBIDDEN");
  const stamp = `${filter.range.from}_${filter.range.to}`;
  if (name === "mentions") {
    const { query: q, problems } = parseMentionQueryWithProblems({
      ...params,
      from: filter.range.from,
      to: filter.range.to,
      network: filter.network ?? undefined,
    });
    // A file is not a page that can show what was ignored: a filter it can't apply is refused.
    if (problems.length) throw new ExpectedError(problems.map(asRefusal).join(" "));
    return { filename: `mentions-${stamp}.csv`, lines: exportMentionsCsv(viewer.workspaceId, timeZone, q) };
  }
  if (name === "cases") {
    const metric = (typeof params.metric === "string" ? params.metric : "created") as CaseMetric;
    if (!CASE_METRICS.includes(metric)) throw new ExpectedError(`metric must be one of ${CASE_METRICS.join(", ")}.`);
    const target = typeof params.target === "string" && params.target ? params.target : null;
    if (target && !(SLA_TARGETS as readonly string[]).includes(target))
      throw new ExpectedError(`target must be one of ${SLA_TARGETS.join(", ")}.`);
    await refreshCaseMetrics(viewer.workspaceId);
    return {
      filename: `cases-${metric}-${stamp}.csv`,
      lines: exportCaseMetricCsv(
        viewer.workspaceId,
        period,
        { brandId: filter.brandId, network: filter.network, queueId: filter.queueId, agentId: filter.agentId },
        metric,
        now,
        target,
      ),
    };
  }
  const data = await loadDashboard(viewer, params, now);
  const tables: Record<string, Table> = {
    ...(data.listening ? listeningTables(data.listening, data.period, data.filter, data.names) : {}),
    ...serviceTables(data.service, data.period, data.filter, data.names),
  };
  return { filename: `${name}-${stamp}.csv`, lines: once(tableCsv(tables[name])) };
}
