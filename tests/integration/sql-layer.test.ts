// lib/db/sql.ts against the database, through Prisma's $queryRaw and the pg driver adapter:
// what goes in as a parameter comes back as the same value, whatever it holds.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { execute, ident, query, sql, typed, typedArray, unnestColumns, valuesList } from "@/lib/db/sql";
import { createTestWorkspace } from "../support/factory";

const HOSTILE = `'; DROP TABLE "Case"; --`;

describe("the SQL layer", () => {
  it("round-trips columns of text, int, bigint, float8, boolean, timestamptz and jsonb through unnest, NULLs included", async () => {
    const big = 2n ** 62n + 7n; // beyond 2^53: must not pass through a double
    const rows = [
      [
        HOSTILE,
        2_147_483_647,
        big,
        0.1,
        true,
        new Date("2026-03-29T00:59:59.999Z"),
        { a: [1, "two", null], q: `"quoted" \\ ${HOSTILE}` },
      ],
      ["", -1, -big, -1e300, false, new Date("1999-12-31T23:00:00.000Z"), []],
      [null, null, null, null, null, null, null],
      ["ünïcødé ☃ 𝄞", 0, 0n, 0, true, new Date("2100-12-31T23:59:59.000Z"), "just a string"],
    ];
    // jsonb travels as JSON text (a JS array in an array parameter would be a nested SQL array).
    const encoded = rows.map((row) => row.map((x, j) => (j === 6 && x !== null ? JSON.stringify(x) : x)));
    const got = await query<{
      t: string | null;
      i: number | null;
      b: bigint | null;
      f: number | null;
      ok: boolean | null;
      at: Date | null;
      j: unknown;
    }>(
      db(),
      sql`SELECT * FROM ${unnestColumns(encoded, ["text", "int", "bigint", "float8", "boolean", "timestamptz", "jsonb"])} WITH ORDINALITY AS x(t, i, b, f, ok, at, j, n) ORDER BY n`,
    );
    expect(got.map(({ t, i, b, f, ok, at, j }) => [t, i, b, f, ok, at, j])).toEqual(rows);
    expect(typeof got[0].b).toBe("bigint");
    // A jsonb value that is not JSON text is refused before it reaches the database.
    expect(() => unnestColumns(rows, ["text", "int", "bigint", "float8", "boolean", "timestamptz", "jsonb"])).toThrow(
      /Row 0, column 6 \(jsonb\): pass JSON text/,
    );
  });

  it("round-trips a VALUES list and scalar parameters the same way", async () => {
    const rows = [
      [HOSTILE, 1, new Date("2026-10-25T01:30:00.000Z")],
      [null, null, null],
    ];
    const got = await query<{ t: string | null; i: number | null; at: Date | null }>(
      db(),
      sql`SELECT * FROM (VALUES ${valuesList(rows, ["text", "int", "timestamptz"])}) AS v(t, i, at)`,
    );
    expect(got.map((r) => [r.t, r.i, r.at])).toEqual(rows);
    const [scalar] = await query<{ t: string; n: null; arr: string[] }>(
      db(),
      sql`SELECT ${HOSTILE}::text AS t, ${null}::int AS n, ${typedArray([HOSTILE, "b"], "text")} AS arr`,
    );
    expect(scalar).toEqual({ t: HOSTILE, n: null, arr: [HOSTILE, "b"] });
  });

  it("keeps instants exact across daylight-saving changes, and reads offsets in text as the instant they name", async () => {
    // Either side of Lisbon's changes of 29 March and 25 October 2026 (01:00 UTC).
    const instants = [
      new Date("2026-03-29T00:59:59.999Z"),
      new Date("2026-03-29T01:00:00.000Z"),
      new Date("2026-10-25T00:30:00.123Z"),
      new Date("2026-10-25T01:30:00.000Z"),
    ];
    const got = await query<{ at: Date; lisbon: string; wall: Date }>(
      db(),
      sql`SELECT at, to_char(at AT TIME ZONE 'Europe/Lisbon', 'YYYY-MM-DD HH24:MI') AS lisbon, wall FROM unnest(${typedArray(instants, "timestamptz")}, ${typedArray(instants, "timestamp")}) AS x(at, wall)`,
    );
    expect(got.map((r) => r.at)).toEqual(instants);
    expect(got.map((r) => r.wall)).toEqual(instants); // timestamp columns hold UTC wall time, as Prisma writes them
    expect(got.map((r) => r.lisbon)).toEqual([
      "2026-03-29 00:59",
      "2026-03-29 02:00",
      "2026-10-25 01:30",
      "2026-10-25 01:30",
    ]);
    const [offsets] = await query<{ plus: Date; minus: Date }>(
      db(),
      sql`SELECT ${typed("2026-03-29T02:30:00+01:00", "timestamptz")} AS plus, ${typed("2026-03-28T20:30:00-05:00", "timestamptz")} AS minus`,
    );
    expect(offsets).toEqual({
      plus: new Date("2026-03-29T01:30:00.000Z"),
      minus: new Date("2026-03-29T01:30:00.000Z"),
    });
    // The adapter writes Dates as UTC wall time and reads timestamptz as UTC: the session must be in UTC.
    const [{ tz }] = await query<{ tz: string }>(db(), sql`SELECT current_setting('TimeZone') AS tz`);
    expect(["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/Universal", "Universal", "Zulu"]).toContain(tz);
  });

  it("stores a hostile value as a value, and identifiers from the schema only", async () => {
    const ws = await createTestWorkspace();
    const changed = await execute(
      db(),
      sql`UPDATE ${ident("Workspace")} SET ${ident("name")} = ${HOSTILE} WHERE ${ident("id")} = ${ws.id}`,
    );
    expect(changed).toBe(1);
    const [row] = await query<{ name: string; cases: number }>(
      db(),
      sql`SELECT w."name", (SELECT count(*)::int FROM "Case" c WHERE c."workspaceId" = ${ws.id}) AS cases FROM "Workspace" w WHERE w."id" = ${ws.id}`,
    );
    expect(row).toEqual({ name: HOSTILE, cases: 0 }); // and "Case" is still there to count
    const found = await query<{ id: string }>(
      db(),
      sql`SELECT "id" FROM "Workspace" WHERE "name" = ANY(${typedArray([HOSTILE], "text")}) AND "id" = ${ws.id}`,
    );
    expect(found).toEqual([{ id: ws.id }]);
  });

  it("runs inside interactive transactions and rolls back with them", async () => {
    const ws = await createTestWorkspace();
    await expect(
      db().$transaction(async (tx) => {
        await execute(tx, sql`UPDATE "Workspace" SET "name" = ${"renamed"} WHERE "id" = ${ws.id}`);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const [row] = await query<{ name: string }>(db(), sql`SELECT "name" FROM "Workspace" WHERE "id" = ${ws.id}`);
    expect(row.name).not.toBe("renamed");
  });
});
