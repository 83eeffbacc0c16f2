import { describe, expect, it } from "vitest";
import { TID_PATTERN, partsOfTid, replyTid, tidOf } from "./bluesky-tid";

describe("Bluesky reply record keys (TIDs)", () => {
  it("encodes microseconds and a clock id in 13 base32-sortable characters", () => {
    expect(tidOf(0n, 0)).toBe("2222222222222");
    expect(tidOf(0n, 1)).toBe("2222222222223");
    expect(tidOf(1n, 0)).toBe("2222222222322"); // 1 << 10 = 1024 = 32 * 32: a 1 in the third-last digit
    expect(tidOf(2n ** 53n - 1n, 1023)).toBe("bzzzzzzzzzzzz"); // 63 bits: the first digit holds 3
    expect(() => tidOf(2n ** 53n, 0)).toThrow(RangeError);
  });

  it("round-trips the time and clock id", () => {
    const micros = 1_764_583_800_123_456n;
    expect(partsOfTid(tidOf(micros, 517))).toEqual({ micros, clockId: 517 });
  });

  it("gives the same key for every attempt at a reply, another for another reply", () => {
    const queuedAt = new Date("2026-12-01T10:00:00.123Z");
    const key = replyTid("reply-42", queuedAt);
    expect(key).toMatch(TID_PATTERN);
    expect(replyTid("reply-42", new Date(queuedAt))).toBe(key);
    expect(replyTid("reply-43", queuedAt)).not.toBe(key);
    const { micros } = partsOfTid(key);
    expect(micros / 1000n).toBe(BigInt(queuedAt.getTime())); // the queued millisecond, sub-ms from the key
  });

  it("sorts by the time queued, as the PDS lists records", () => {
    const earlier = replyTid("b", new Date("2026-12-01T10:00:00.000Z"));
    const later = replyTid("a", new Date("2026-12-01T10:00:00.001Z"));
    expect(earlier < later).toBe(true);
  });
});
