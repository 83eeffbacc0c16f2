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
