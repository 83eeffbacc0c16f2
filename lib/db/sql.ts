// The one way this app writes raw SQL: statements are Prisma.Sql fragments, composed with the
// `sql` tag and `join`, and run with `query`/`execute` (Prisma's $queryRaw/$executeRaw, never
// the Unsafe variants). Every interpolated value becomes a positional parameter ($1, $2, …
// numbered in the order the values appear in the final statement); the only text that is not a
// literal of this source is a cast, an identifier or an integer from the closed sets below.
// Pure: no database access of its own (the caller passes its client or transaction).
//
// What the pg driver adapter does with values (verified in tests/integration/sql-layer.test.ts):
// an array is one PostgreSQL array parameter; a bigint stays exact; a Date is sent as UTC wall
// time without an offset and a timestamptz is read back as if the session were in UTC, so
// connections must keep the server's TimeZone at UTC. A jsonb cell of a VALUES list or an
// unnest column must be JSON text: a JS array there would become a nested SQL array.
import { Prisma } from "@/lib/generated/prisma/client";

export type Sql = Prisma.Sql;

/** The tag for statements and fragments: `sql\`SELECT … WHERE "id" = ${id}\``. A nested fragment is spliced in, anything else is a parameter (an array is one array parameter). */
export const sql = Prisma.sql;

/** The empty fragment (an absent optional condition). */
export const empty: Sql = Prisma.empty;

/** How fragments may be joined: fixed separators only. */
const SEPARATORS = [", ", ",", " AND ", " OR ", " UNION ALL ", " UNION "] as const;
export type Separator = (typeof SEPARATORS)[number];
const separatorSet = new Set<string>(SEPARATORS);

/** Fragments (or values, each a parameter) joined by a fixed separator. Throws on an empty list, as Prisma.join does. */
export function join(parts: readonly unknown[], separator: Separator = ", "): Sql {
  if (!separatorSet.has(separator)) throw new Error(`Not an allowed SQL separator: ${JSON.stringify(separator)}`);
  return Prisma.join(parts, separator);
}

/** The types a parameter may be cast to: the built-in types the app uses and the schema's enums. */
export const CASTS = [
  "text",
  "int",
  "bigint",
  "float8",
  "boolean",
  "date",
  "timestamp",
  "timestamptz",
  "jsonb",
  "uuid",
  '"Network"',
  '"Sentiment"',
  '"Intent"',
  '"CaseStatus"',
  '"Priority"',
  '"MessageKind"',
  '"Role"',
  '"SuggestionStatus"',
] as const;
export type Cast = (typeof CASTS)[number];
const castSet = new Set<string>(CASTS);

function checkedCast(type: Cast): Cast {
  // The type system already says so; this keeps an `as` or untyped caller from widening it.
  if (!castSet.has(type)) throw new Error(`Not an allowed SQL cast: ${JSON.stringify(type)}`);
  return type;
}

/** `::type`, for a cast after an expression. */
export function cast(type: Cast): Sql {
  return Prisma.raw(`::${checkedCast(type)}`);
}

/** A parameter with a cast: `$n::type`. */
export function typed(value: unknown, type: Cast): Sql {
  return Prisma.sql`${value}${cast(type)}`;
}

/** An array parameter with an array cast: `$n::type[]`. */
export function typedArray(values: readonly unknown[], type: Cast): Sql {
  return Prisma.sql`${values}${Prisma.raw(`::${checkedCast(type)}[]`)}`;
}

// Identifiers: the schema's models and their columns, as the generated client lists them.
type ScalarFieldEnumKey = {
  [K in keyof typeof Prisma]: K extends `${string}ScalarFieldEnum` ? K : never;
}[keyof typeof Prisma];
type ColumnOf<K extends ScalarFieldEnumKey> = (typeof Prisma)[K] extends Record<string, infer V> ? V : never;
export type ColumnName = { [K in ScalarFieldEnumKey]: ColumnOf<K> }[ScalarFieldEnumKey];
export type TableName = Prisma.ModelName;
export type Identifier = TableName | ColumnName;

const identifiers = new Set<string>([
  ...Object.values(Prisma.ModelName),
  ...Object.entries(Prisma)
    .filter(([key]) => key.endsWith("ScalarFieldEnum"))
    .flatMap(([, fields]) => Object.values(fields as Record<string, string>)),
]);

/** A quoted table or column name of the schema: `"name"`. */
export function ident(name: Identifier): Sql {
  if (!identifiers.has(name)) throw new Error(`Not a table or column of the schema: ${JSON.stringify(name)}`);
  return Prisma.raw(`"${name}"`);
}

/** A whole number written into the statement (a LIMIT the code fixes), where a parameter would change its text. */
export function intLiteral(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new Error(`Not a whole number: ${String(n)}`);
  return Prisma.raw(String(n));
}

/** A jsonb cell must already be JSON text (or NULL); anything else is a caller's bug, said plainly. */
function checkJsonCells(rows: readonly (readonly unknown[])[], casts: readonly Cast[]): void {
  casts.forEach((type, j) => {
    if (type !== "jsonb") return;
    const bad = rows.findIndex((row) => row[j] !== null && row[j] !== undefined && typeof row[j] !== "string");
    if (bad >= 0)
      throw new Error(
        `Row ${bad}, column ${j} (jsonb): pass JSON text (JSON.stringify(value)), not a ${Array.isArray(rows[bad][j]) ? "array" : typeof rows[bad][j]}`,
      );
  });
}

/** `($1::text, $2::int), ($3::text, $4::int)`: rows of values with one cast per column. */
export function valuesList(rows: readonly (readonly unknown[])[], casts: readonly Cast[]): Sql {
  checkJsonCells(rows, casts);
  const types = casts.map((c) => cast(c));
  return join(rows.map((row) => Prisma.sql`(${join(row.map((value, i) => Prisma.sql`${value}${types[i]}`))})`));
}

/**
 * `unnest($1::text[], $2::int[])`, one array parameter per column: far fewer parameters than a
 * VALUES list, and measurably faster for large batches. Use as `INSERT … SELECT * FROM ${…}`.
 */
export function unnestColumns(rows: readonly (readonly unknown[])[], casts: readonly Cast[]): Sql {
  checkJsonCells(rows, casts);
  return Prisma.sql`unnest(${join(
    casts.map((type, j) =>
      typedArray(
        rows.map((row) => row[j]),
        type,
      ),
    ),
  )})`;
}

/** The raw-query part of a client or an interactive transaction. */
export type RawClient = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** Rows of a statement. */
export function query<T>(client: RawClient, statement: Sql): Prisma.PrismaPromise<T[]> {
  return client.$queryRaw<T[]>(statement);
}

/** Runs a statement; the number of rows it changed. */
export function execute(client: RawClient, statement: Sql): Prisma.PrismaPromise<number> {
  return client.$executeRaw(statement);
}

/** A column of `jsonRecords`: its name, its SQL type, and whether its values are JSON text already (for jsonb columns). */
export type RecordColumn = readonly [name: string, type: Cast, jsonText?: boolean];

// Record columns and aliases are names the calling code writes (often short aliases such as
// "fr", not schema columns): plain identifiers only, so they can be quoted without escaping.
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function checkedName(name: string): string {
  if (!PLAIN_NAME.test(name)) throw new Error(`Not a plain SQL name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * `jsonb_to_recordset($n::jsonb) AS alias("a" text, "b" int, …)` with the rows as one JSON text
 * parameter. For wide batches this is the cheapest way through the driver: one string instead
 * of an array per column, each element of which the client would otherwise convert and escape
 * twice (Prisma's parameter encoding, then the driver's array literal). Values that are JSON
 * already (a payload serialised once, where its errors could be told apart per post) go in as
 * they are, and reach their jsonb column without being parsed again. Dates become ISO instants;
 * undefined becomes null. A lone surrogate in a text (a cut through an emoji) becomes U+FFFD,
 * as the driver's UTF-8 encoding of a text parameter would make it: JSON would carry it as an
 * escape the server refuses.
 */
export function jsonRecords(
  rows: readonly (readonly unknown[])[],
  columns: readonly RecordColumn[],
  alias: string,
): Sql {
  const keys = columns.map(([name], c) => `${c ? "," : ""}${JSON.stringify(checkedName(name))}:`);
  const definitions = columns.map(([name, type]) => `"${name}" ${checkedCast(type)}`).join(", ");
  const parts: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let out = "{";
    for (let c = 0; c < columns.length; c++)
      out += keys[c] + (columns[c][2] ? jsonText(row[c], r, c) : jsonValue(row[c]));
    parts[r] = `${out}}`;
  }
  return Prisma.sql`jsonb_to_recordset(${`[${parts.join(",")}]`}::jsonb) AS ${Prisma.raw(`${checkedName(alias)}(${definitions})`)}`;
}

/** A cell declared as JSON text: a string (spliced in as it is) or null. */
function jsonText(value: unknown, row: number, column: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "string")
    throw new Error(
      `Row ${row}, column ${column} (JSON text): pass JSON text (JSON.stringify(value)), not a ${Array.isArray(value) ? "array" : typeof value}`,
    );
  return value;
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
      return value instanceof Date
        ? Number.isNaN(value.getTime())
          ? "null"
          : `"${value.toISOString()}"`
        : JSON.stringify(value);
  }
}

// String.prototype.isWellFormed and toWellFormed (Node 20; not yet in this TypeScript's lib).
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (text: string): string =>
  (text as Es2024String).isWellFormed() ? text : (text as Es2024String).toWellFormed();
