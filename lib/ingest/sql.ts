// Multi-row VALUES lists with positional parameters, so a batch is one statement.

export interface Values {
  sql: string;
  params: unknown[];
}

/** `($1::text, $2::int), ($3::text, $4::int)` for rows of values with the given casts. */
export function valuesList(rows: unknown[][], casts: string[], offset = 0): Values {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = row.map((value, i) => {
      params.push(value);
      return `$${offset + params.length}::${casts[i]}`;
    });
    return `(${cells.join(", ")})`;
  });
  return { sql: tuples.join(", "), params };
}

/**
 * `unnest($1::text[], $2::int[])` with one array parameter per column: far fewer parameters
 * than a VALUES list, and measurably faster for large batches.
 */
export function unnestColumns(rows: unknown[][], casts: string[], offset = 0): Values {
  const params = casts.map((_, j) => rows.map((row) => row[j]));
  return { sql: `unnest(${casts.map((cast, j) => `$${offset + j + 1}::${cast}[]`).join(", ")})`, params };
}

/** A column of `jsonRecords`: its name, its SQL type, and whether its values are JSON text already (for json/jsonb columns). */
export type RecordColumn = readonly [name: string, type: string, jsonText?: boolean];

/**
 * `jsonb_to_recordset($1::jsonb) AS alias("a" text, "b" int, …)` with the rows as one JSON text
 * parameter. For wide batches this is the cheapest way through the driver: one string instead
 * of an array per column, each element of which the client would otherwise convert and escape
 * twice (Prisma's parameter encoding, then the driver's array literal). Values that are JSON
 * already (a payload serialised once, where its errors could be told apart per post) go in as
 * they are, and reach their jsonb column without being parsed again. Dates become ISO instants;
 * undefined becomes null. A lone surrogate in a text (a cut through an emoji) becomes U+FFFD,
 * as the driver's UTF-8 encoding of a text parameter would make it: JSON would carry it as an
 * escape the server refuses.
 */
export function jsonRecords(rows: unknown[][], columns: readonly RecordColumn[], alias: string, offset = 0): Values {
  const keys = columns.map(([name], c) => `${c ? "," : ""}${JSON.stringify(name)}:`);
  const parts: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let out = "{";
    for (let c = 0; c < columns.length; c++) out += keys[c] + (columns[c][2] ? ((row[c] as string | null | undefined) ?? "null") : jsonValue(row[c]));
    parts[r] = `${out}}`;
  }
  const definitions = columns.map(([name, type]) => `${JSON.stringify(name)} ${type}`).join(", ");
  return { sql: `jsonb_to_recordset($${offset + 1}::jsonb) AS ${alias}(${definitions})`, params: [`[${parts.join(",")}]`] };
}

/** One value as JSON, as JSON.stringify would write it (the common types without its generic path). */
function jsonValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(wellFormed(value));
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return value instanceof Date ? (Number.isNaN(value.getTime()) ? "null" : `"${value.toISOString()}"`) : JSON.stringify(value);
  }
}

// String.prototype.isWellFormed and toWellFormed (Node 20; not yet in this TypeScript's lib).
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (text: string): string => ((text as Es2024String).isWellFormed() ? text : (text as Es2024String).toWellFormed());
