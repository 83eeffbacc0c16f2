import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("page cursors", () => {
  it("read back exactly what they wrote", () => {
    const cursor = { at: new Date("2026-11-30T12:34:56.789Z").toISOString(), id: "ckx1abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("refuse anything this app did not write", () => {
    for (const bad of [
      undefined,
      "",
      "not base64 json",
      raw({ at: "2026-11-30T00:00:00Z", id: "a" }),
      raw(["2026-02-30T00:00:00Z", "a"]),
      raw(["2026-11-30T24:00:00Z", "a"]),
      raw(["1999-12-31T00:00:00Z", "a"]),
      raw(["2101-01-01T00:00:00Z", "a"]),
      raw(["2026-11-30T00:00:00Z", 7]),
      raw(["2026-11-30T00:00:00Z", "a\u0000b"]),
      "x".repeat(301),
    ]) {
      expect(decodeCursor(bad), String(bad)).toBeNull();
    }
  });
});
