import { describe, expect, it } from "vitest";
import {
  DEFAULT_REQUESTS_PER_MINUTE,
  rateLimitHeaders,
  RateLimitConfigError,
  requestsPerMinute,
  secondsUntilReset,
} from "./rate-limit-policy";

describe("EARSHOT_API_RATE_LIMIT", () => {
  it("defaults to 600 a minute and accepts whole numbers", () => {
    expect(requestsPerMinute(undefined)).toBe(DEFAULT_REQUESTS_PER_MINUTE);
    expect(requestsPerMinute(" ")).toBe(600);
    expect(requestsPerMinute("1200")).toBe(1200);
  });

  it.each(["0", "-5", "1.5", "abc", "600/min", "1e3", "9999999999"])("refuses %j with a clear message", (bad) => {
    expect(() => requestsPerMinute(bad)).toThrow(RateLimitConfigError);
    expect(() => requestsPerMinute(bad)).toThrow(/EARSHOT_API_RATE_LIMIT must be a whole number/);
  });
});

describe("rate limit headers", () => {
  it("report limit, remaining and reset, and Retry-After only when refused", () => {
    expect(rateLimitHeaders({ allowed: true, limit: 600, remaining: 599, resetSeconds: 60 })).toEqual({
      "RateLimit-Limit": "600",
      "RateLimit-Remaining": "599",
      "RateLimit-Reset": "60",
      "RateLimit-Policy": "600;w=60",
    });
    expect(rateLimitHeaders({ allowed: false, limit: 5, remaining: -1, resetSeconds: 12 })).toMatchObject({
      "RateLimit-Remaining": "0",
      "Retry-After": "12",
    });
  });

  it("round reset times up to whole seconds, never 0", () => {
    expect(secondsUntilReset(0)).toBe(1);
    expect(secondsUntilReset(1001)).toBe(2);
    expect(secondsUntilReset(-1)).toBe(1);
  });
});
