import { describe, expect, it } from "vitest";
import { decideAfterFailure, DEFAULT_RETRY_POLICY, exceededAttempts } from "./retry-policy";

describe("decideAfterFailure", () => {
  it("retries with a doubling delay and dead-letters after the last attempt", () => {
    const policy = { maxDeliver: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => decideAfterFailure(policy, attempt))).toEqual([
      { kind: "retry", delayMs: 1_000 },
      { kind: "retry", delayMs: 2_000 },
      { kind: "retry", delayMs: 4_000 },
      { kind: "retry", delayMs: 5_000 },
      { kind: "dead-letter" },
    ]);
  });

  it("gives up at once when one attempt is all there is", () => {
    expect(decideAfterFailure({ ...DEFAULT_RETRY_POLICY, maxDeliver: 1 }, 1)).toEqual({ kind: "dead-letter" });
  });

  it("knows a delivery seen more often than the limit (a worker died on its last attempt)", () => {
    expect(exceededAttempts(DEFAULT_RETRY_POLICY, 5)).toBe(false);
    expect(exceededAttempts(DEFAULT_RETRY_POLICY, 6)).toBe(true);
  });
});
