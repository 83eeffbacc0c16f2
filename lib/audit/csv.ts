// The audit log as CSV lines. Pure. Cells go through lib/util/csv's toCsvRow, which quotes
// them (RFC 4180) and defuses spreadsheet formulas: a cell starting with = + - @, a tab, a CR
// (or another character a spreadsheet trims before deciding) gets a leading apostrophe, so a
// member named "=HYPERLINK(…)" or a crafted detail opens as text, never as a formula.
import { toCsvRow } from "@/lib/util/csv";

export const AUDIT_CSV_HEADER = [
  "time",
  "actor_id",
  "actor_name",
  "action",
  "target_type",
  "target_id",
  "details",
] as const;

/** What the CSV shows for a row without an acting user. */
export const SYSTEM_ACTOR_NAME = "System";

export interface AuditCsvRow {
  createdAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
}

export function auditCsvHeader(): string {
  return toCsvRow([...AUDIT_CSV_HEADER]) + "\r\n";
}

/** One row as a CSV line (with its CRLF): time in ISO 8601 UTC, details as JSON. */
export function auditCsvLine(row: AuditCsvRow): string {
  return (
    toCsvRow([
      row.createdAt.toISOString(),
      row.actorUserId,
      row.actorUserId ? row.actorName : SYSTEM_ACTOR_NAME,
      row.action,
      row.targetType,
      row.targetId,
      JSON.stringify(row.details ?? {}),
    ]) + "\r\n"
  );
}
