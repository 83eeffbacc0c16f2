import { describe, expect, it } from "vitest";
import { parseJsonExact } from "./json";

describe("parseJsonExact", () => {
  it("keeps integers beyond 2^53 exact as strings and leaves the rest alone", () => {
    const parsed = parseJsonExact(
      '{"id": 1377649934414049282, "n": 42, "f": 1.5e300, "s": "12345678901234567890", "neg": -99999999999999999, "esc": "a\\"1234567890123456789"}',
    ) as Record<string, unknown>;
    expect(parsed).toEqual({
      id: "1377649934414049282",
      n: 42,
      f: 1.5e300,
      s: "12345678901234567890",
      neg: "-99999999999999999",
      esc: 'a"1234567890123456789',
    });
  });

  it("is not fooled by number-like text inside strings", () => {
    expect(parseJsonExact('{"t": "ratio: 12345678901234567890, ok", "id": 12345678901234567890}')).toEqual({
      t: "ratio: 12345678901234567890, ok",
      id: "12345678901234567890",
    });
    expect(parseJsonExact('["a,1234567890123456789]", 1234567890123456789]')).toEqual([
      "a,1234567890123456789]",
      "1234567890123456789",
    ]);
  });
});
