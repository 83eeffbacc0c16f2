import "server-only";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { db } from "@/lib/db/client";
import { DATE_RULE, isLocalDate, localDateOf } from "@/lib/time/dates";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { CASE_METRICS, SLA_TARGETS } from "./case-metric";
import { exportCaseMetricCsv } from "./case-export";
import type { CaseMetric } from "./filters";
import { makePeriod } from "./period";
import { refreshCaseMetrics } from "./refresh";

// earshot export cases: the per-case CSV (the dashboard's "Per-case CSV") for BI tools.

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const EXPORT_CASES_USAGE = `Usage: earshot export cases --workspace <slug> [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--metric ${CASE_METRICS.join("|")}] [--target ${SLA_TARGETS.join("|")}] [--out FILE]
  Dates are local to the workspace's time zone, both included. Without --since: from the first case. Without --until: today.
  --metric created (default) gives one row per case created in the period, with its metrics.\n`;

export async function runExportCasesCommand(
  args: { workspace?: string; since?: string; until?: string; metric?: string; target?: string; out?: string },
  io: Io,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`${message}\n${EXPORT_CASES_USAGE}`);
    return 2;
  };
  if (!args.workspace) return fail("export cases needs --workspace.");
  for (const [flag, value] of [
    ["--since", args.since],
    ["--until", args.until],
  ] as const) {
    if (value !== undefined && !isLocalDate(value)) return fail(`${flag} "${value}" ${DATE_RULE}.`);
  }
  const metric = (args.metric ?? "created") as CaseMetric;
  if (!CASE_METRICS.includes(metric)) return fail(`--metric must be one of ${CASE_METRICS.join(", ")}.`);
  if (args.target && !(SLA_TARGETS as readonly string[]).includes(args.target))
    return fail(`--target must be one of ${SLA_TARGETS.join(", ")}.`);
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    io.stderr.write(`No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  const ws = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { timeZone: true } });
  const now = new Date();
  const first = await db().case.findFirst({
    where: { workspaceId: workspace.id },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const from = args.since ?? localDateOf(first?.createdAt ?? now, ws.timeZone);
  const to = args.until ?? localDateOf(now, ws.timeZone);
  if (from > to) return fail(`--since ${from} is after --until ${to}.`);
  await refreshCaseMetrics(workspace.id);
  const period = makePeriod({ from, to }, ws.timeZone);
  const out = args.out ? createWriteStream(args.out) : io.stdout;
  let rows = -1; // the header is not a row
  for await (const line of exportCaseMetricCsv(workspace.id, period, {}, metric, now, args.target ?? null)) {
    rows++;
    if (!out.write(line)) await once(out, "drain");
  }
  if (args.out)
    await new Promise<void>((resolve, reject) =>
      (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  io.stderr.write(
    `${rows} rows (${metric}, ${from} to ${to}, ${ws.timeZone})${args.out ? ` written to ${args.out}` : ""}.\n`,
  );
  return 0;
}
