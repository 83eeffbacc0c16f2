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
