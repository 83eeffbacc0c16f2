import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  databaseMessageOf,
  isDataError,
  isTransactionConflict,
  retryTransaction,
  sqlStateOf,
} from "./retry";

// The shape Prisma 7 gives a failed raw query through @prisma/adapter-pg (captured from a real
// deadlock and a real NUL byte on PostgreSQL 15).
function rawQueryError(code: string, message: string, detail?: string) {
  return Object.assign(
    new Error(
      `\nInvalid \`prisma.$queryRawUnsafe()\` invocation:\n\n\nRaw query failed. Code: \`${code}\`. Message: \`${message}\``,
    ),
    {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: {
        driverAdapterError: {
          name: "DriverAdapterError",
          cause: {
            originalCode: code,
            originalMessage: message,
            kind: "postgres",
            code,
            message,
            ...(detail ? { detail } : {}),
          },
        },
      },
    },
  );
}

describe("SQLSTATE classification", () => {
  it("reads the SQLSTATE from Prisma's wrapped error, the pg driver's error and the message", () => {
    expect(sqlStateOf(rawQueryError("40P01", "deadlock detected"))).toBe("40P01");
    expect(sqlStateOf(Object.assign(new Error("x"), { code: "22021", severity: "ERROR" }))).toBe("22021");
    expect(sqlStateOf(new Error("Raw query failed. Code: `40001`. Message: `could not serialize access`"))).toBe(
      "40001",
    );
    expect(sqlStateOf(new TypeError("x is undefined"))).toBeNull();
    expect(sqlStateOf(Object.assign(new Error("Transaction already closed"), { code: "P2028" }))).toBeNull();
  });

  it("tells transaction conflicts from data errors from everything else", () => {
    expect(isTransactionConflict(rawQueryError("40P01", "deadlock detected"))).toBe(true);
    expect(isTransactionConflict(rawQueryError("40001", "could not serialize access due to concurrent update"))).toBe(
      true,
    );
    expect(isTransactionConflict(Object.assign(new Error("write conflict"), { code: "P2034" }))).toBe(true);
    expect(isTransactionConflict(rawQueryError("22021", "invalid byte sequence"))).toBe(false);
    for (const code of ["22021", "22P05", "22P02", "22003", "54001"])
      expect(isDataError(rawQueryError(code, "bad"))).toBe(true);
    for (const code of ["40P01", "23505", "42P01", "57014"])
      expect(isDataError(rawQueryError(code, "not data"))).toBe(false);
    expect(isDataError(new RangeError("Maximum call stack size exceeded"))).toBe(false);
  });

  it("keeps PostgreSQL's message and detail for the rejection reason", () => {
    expect(
      databaseMessageOf(
        rawQueryError("22P05", "unsupported Unicode escape sequence", "\\u0000 cannot be converted to text."),
      ),
    ).toBe("unsupported Unicode escape sequence (\\u0000 cannot be converted to text.)");
  });
});

describe("retryTransaction", () => {
  const instant = { baseDelayMs: 0, random: () => 0 };

  it("runs a transaction again after a deadlock or serialization failure, and returns the attempt that committed", async () => {
    const seen: number[] = [];
    const result = await retryTransaction(async (attempt) => {
      seen.push(attempt);
      if (attempt < 2) throw rawQueryError(attempt === 0 ? "40P01" : "40001", "conflict");
      return "committed";
    }, instant);
    expect(result).toBe("committed");
    expect(seen).toEqual([0, 1, 2]);
  });

  it("gives up after the last attempt with the conflict itself", async () => {
    let runs = 0;
    const failing = retryTransaction(
      async () => {
        runs++;
        throw rawQueryError("40P01", "deadlock detected");
      },
      { ...instant, attempts: 3 },
    );
    await expect(failing).rejects.toThrow(/40P01/);
    expect(runs).toBe(3);
  });

  it("never retries other errors", async () => {
    let runs = 0;
    await expect(
      retryTransaction(async () => {
        runs++;
        throw rawQueryError("22021", "invalid byte sequence");
      }, instant),
    ).rejects.toThrow(/22021/);
    expect(runs).toBe(1);
  });

  it("waits a jittered, growing, capped time between attempts", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 500 };
    // Half the ceiling plus the jitter's share of the other half: ceilings 100, 200, 400, 500.
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, { ...options, random: () => 0.5 }))).toEqual([
      75, 150, 300, 375,
    ]);
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(50);
    expect(backoffDelay(1, { ...options, random: () => 0.999 })).toBeLessThan(100);
  });
});
