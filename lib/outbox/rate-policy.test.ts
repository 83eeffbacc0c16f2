import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  MAX_ATTEMPTS,
  nextAllowedAt,
  nextAllowedAtAll,
  rateLimitFor,
  rateLimitsFor,
  type RatePolicy,
} from "./rate-policy";
import { REPLY_NETWORKS } from "./transport";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date("2026-03-01T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const threePerHour: RatePolicy = { network: "mastodon", max: 3, windowMs: HOUR, source: "test" };

describe("rateLimitFor", () => {
  it("has each network's published per-account posting limit", () => {
    const summary = REPLY_NETWORKS.map((n) => [n, rateLimitFor(n).max, rateLimitFor(n).windowMs]);
    expect(summary).toEqual([
      ["mastodon", 300, 3 * HOUR],
      ["bluesky", 1_666, HOUR],
      ["x", 100, 15 * MINUTE],
      ["facebook", 200, HOUR],
      ["instagram", 200, HOUR],
      ["youtube", 200, 24 * HOUR],
      ["reddit", 100, MINUTE],
    ]);
  });
  it("names a source for every limit and keeps Bluesky's daily cap too", () => {
    for (const network of REPLY_NETWORKS) {
      for (const policy of rateLimitsFor(network)) {
        expect(policy.network).toBe(network);
        expect(policy.source.length).toBeGreaterThan(40);
      }
    }
    expect(rateLimitsFor("bluesky").map((p) => [p.max, p.windowMs])).toEqual([
      [1_666, HOUR],
      [11_666, 24 * HOUR],
    ]);
  });
});

describe("nextAllowedAt", () => {
  it("allows a send now while the window has room", () => {
    expect(nextAllowedAt([], threePerHour, NOW)).toBeNull();
    expect(nextAllowedAt([ago(10 * MINUTE), ago(5 * MINUTE)], threePerHour, NOW)).toBeNull();
  });
  it("waits until the oldest send in a full window leaves it, whatever the order given", () => {
    const sends = [ago(5 * MINUTE), ago(40 * MINUTE), ago(20 * MINUTE)];
    expect(nextAllowedAt(sends, threePerHour, NOW)).toEqual(new Date(NOW.getTime() + 20 * MINUTE));
  });
  it("ignores sends older than the window, and one exactly a window ago has left", () => {
    const sends = [ago(2 * HOUR), ago(HOUR), ago(30 * MINUTE), ago(MINUTE)];
    expect(nextAllowedAt(sends, threePerHour, NOW)).toBeNull();
  });
  it("with more sends than the limit (a lowered limit), waits until enough of them leave", () => {
    const sends = [ago(50 * MINUTE), ago(40 * MINUTE), ago(30 * MINUTE), ago(20 * MINUTE), ago(10 * MINUTE)];
    // 5 in the window, 3 allowed: the three oldest must leave; the third oldest (30 min ago) leaves in 30 min.
    expect(nextAllowedAt(sends, threePerHour, NOW)).toEqual(new Date(NOW.getTime() + 30 * MINUTE));
  });
  it("takes the latest wait over several windows", () => {
    const hourly: RatePolicy = { ...threePerHour, max: 2 };
    const daily: RatePolicy = { ...threePerHour, max: 3, windowMs: 24 * HOUR };
    const sends = [ago(20 * HOUR), ago(30 * MINUTE), ago(10 * MINUTE)];
    // The hour frees up in 30 minutes; the day only when the send 20 hours ago is 24 hours old.
    expect(nextAllowedAt(sends, hourly, NOW)).toEqual(new Date(NOW.getTime() + 30 * MINUTE));
    expect(nextAllowedAtAll(sends, [hourly, daily], NOW)).toEqual(new Date(NOW.getTime() + 4 * HOUR));
    expect(nextAllowedAtAll([ago(10 * MINUTE)], [hourly, daily], NOW)).toBeNull();
  });
  it("applies X's 100 per 15 minutes", () => {
    const sends = Array.from({ length: 100 }, (_, i) => ago(i * 6_000));
    expect(nextAllowedAt(sends, rateLimitFor("x"), NOW)).toEqual(new Date(ago(99 * 6_000).getTime() + 15 * MINUTE));
    expect(nextAllowedAt(sends.slice(1), rateLimitFor("x"), NOW)).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("doubles from 30 seconds to a one-hour cap, at the top of the jitter range", () => {
    const top = () => 0.999_999_9;
    const steps = Array.from({ length: 10 }, (_, i) => Math.round(backoffDelay(i + 1, top) / 1000));
    expect(steps).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });
  it("waits at least half the step", () => {
    expect(backoffDelay(1, () => 0)).toBe(15_000);
    expect(backoffDelay(3, () => 0)).toBe(60_000);
    expect(backoffDelay(8, () => 0)).toBe(1_800_000);
  });
  it("spreads between half and the whole step with the random value", () => {
    expect(backoffDelay(1, () => 0.5)).toBe(22_500);
    expect(backoffDelay(2, () => 0.25)).toBe(37_500);
    expect(backoffDelay(4, () => 0.1)).toBe(132_000);
  });
  it("treats attempts below 1 as the first and survives huge attempt numbers", () => {
    expect(backoffDelay(0, () => 0)).toBe(15_000);
    expect(backoffDelay(-4, () => 0)).toBe(15_000);
    expect(backoffDelay(10_000, () => 0)).toBe(1_800_000);
  });
  it("retries at most 8 times", () => {
    expect(MAX_ATTEMPTS).toBe(8);
  });
});
