import type { ServiceFilter } from "./service";

// A small parameterised SQL builder for the metrics queries: values always travel as
// parameters, never as text. Instants are sent as UTC wall time and cast to timestamp, which is
// how Prisma stores DateTime, whatever the session's time zone.

export class Sql {
  readonly params: unknown[] = [];
  /** A placeholder for a value. */
  p(value: unknown, cast?: string): string {
    this.params.push(value);
    return `$${this.params.length}${cast ? `::${cast}` : ""}`;
  }
  ts(at: Date): string {
    return this.p(at.toISOString().slice(0, 23), "timestamp");
  }
  tsArray(ats: Date[]): string {
    return this.p(ats.map((a) => a.toISOString().slice(0, 23)), "timestamp[]");
  }
}

/** Local wall time ("YYYY-MM-DD HH:MM:SS") of a local date's midnight, for the rollups' keys. */
export const localMidnight = (date: string) => `${date} 00:00:00`;

/**
 * The dashboard filter's case conditions, each as " AND …", on a table with the case's brand,
 * network, queue and assignee columns. `networkIsText`: the per-day counts keep the network as
 * text ('' when none), the facts as the enum.
 */
export function caseFilterSql(p: (value: unknown, cast?: string) => string, f: ServiceFilter, alias: string, networkIsText = false): string {
  const parts: string[] = [];
  if (f.brandId) parts.push(`${alias}."brandId" = ${p(f.brandId)}`);
  if (f.network) parts.push(`${alias}."network" = ${p(f.network)}${networkIsText ? "" : `::"Network"`}`);
  if (f.queueId) parts.push(`${alias}."queueId" = ${p(f.queueId)}`);
  if (f.agentId) parts.push(`${alias}."assigneeId" = ${p(f.agentId)}`);
  return parts.map((x) => ` AND ${x}`).join("");
}
