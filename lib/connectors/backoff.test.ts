import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "./backoff";

describe("reconnectDelayMs", () => {
  it("backs off linearly for network errors and exponentially for HTTP errors and rate limits, with caps", () => {
    expect([0, 1, 2, 100].map((a) => reconnectDelayMs("network", a))).toEqual([250, 500, 750, 16_000]);
    expect([0, 1, 2, 10].map((a) => reconnectDelayMs("http", a))).toEqual([5_000, 10_000, 20_000, 320_000]);
    expect([0, 1, 10].map((a) => reconnectDelayMs("rate_limit", a))).toEqual([60_000, 120_000, 900_000]);
  });
});
