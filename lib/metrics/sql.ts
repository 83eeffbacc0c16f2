import { empty, join, sql, typed, type Sql } from "@/lib/db/sql";
import type { ServiceFilter } from "./service";

// SQL fragments shared by the metrics queries (lib/db/sql.ts: values always travel as
// parameters). Instants are sent as UTC wall time and cast to timestamp, which is how Prisma
// stores DateTime, whatever the session's time zone.

const utcWallTime = (at: Date) => at.toISOString().slice(0, 23);

/** An instant as a `timestamp` parameter. */
export function ts(at: Date): Sql {
  return typed(utcWallTime(at), "timestamp");
}

/** A local date as a `date` parameter. */
export const date = (day: string): Sql => typed(day, "date");

/** Local wall time ("YYYY-MM-DD HH:MM:SS") of a local date's midnight, for the rollups' keys. */
export const localMidnight = (date: string) => `${date} 00:00:00`;

/** The table aliases the metrics queries filter on. */
export type TableAlias = "c" | "cc" | "o" | "s";
const ALIASES: Record<TableAlias, Sql> = { c: sql`c`, cc: sql`cc`, o: sql`o`, s: sql`s` };

/** The conditions' fragments joined by AND, each preceded by it (" AND a AND b"); empty when none. */
function andEach(conditions: Sql[]): Sql {
  return conditions.length ? sql` AND ${join(conditions, " AND ")}` : empty;
}

/**
 * The dashboard filter's case conditions, each as " AND …", on a table with the case's brand,
 * network, queue and assignee columns. `networkIsText`: the per-day counts keep the network as
 * text ('' when none), the facts as the enum.
 */
export function caseFilterSql(f: ServiceFilter, alias: TableAlias, networkIsText = false): Sql {
  const parts: Sql[] = [];
  const t = ALIASES[alias];
  if (f.brandId) parts.push(sql`${t}."brandId" = ${f.brandId}`);
  if (f.network)
    parts.push(
      networkIsText ? sql`${t}."network" = ${f.network}` : sql`${t}."network" = ${typed(f.network, '"Network"')}`,
    );
  if (f.queueId) parts.push(sql`${t}."queueId" = ${f.queueId}`);
  if (f.agentId) parts.push(sql`${t}."assigneeId" = ${f.agentId}`);
  return andEach(parts);
}
