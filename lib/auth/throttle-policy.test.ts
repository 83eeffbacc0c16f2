import { describe, expect, it } from "vitest";
import {
  decideSignIn,
  delayAfterFailures,
  FREE_FAILURES,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  SIGN_IN_WINDOW_MS,
} from "./throttle-policy";

const now = new Date("2026-12-01T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const clean = { pair: { failures: 0, last: null }, account: 0, ip: 0, knownDevice: false, now };

describe("sign-in throttling policy", () => {
  it("lets the first few failures through, then doubles the wait up to the window", () => {
    expect(delayAfterFailures(FREE_FAILURES - 1)).toBe(0);
    expect(delayAfterFailures(FREE_FAILURES)).toBe(2000);
    expect(delayAfterFailures(FREE_FAILURES + 1)).toBe(4000);
    expect(delayAfterFailures(FREE_FAILURES + 30)).toBe(SIGN_IN_WINDOW_MS);
  });

  it("holds an attempt until the delay after the latest failure has passed", () => {
    const pair = { failures: FREE_FAILURES + 1, last: ago(1000) };
    expect(decideSignIn({ ...clean, pair })).toEqual({ allowed: false, retryAfterMs: 3000 });
    expect(decideSignIn({ ...clean, pair: { ...pair, last: ago(4000) } })).toEqual({ allowed: true });
  });

  it("caps unknown browsers per account and per address, but not a known device", () => {
    expect(decideSignIn({ ...clean, account: MAX_FAILURES_PER_ACCOUNT })).toMatchObject({ allowed: false });
    expect(decideSignIn({ ...clean, ip: MAX_FAILURES_PER_IP })).toMatchObject({ allowed: false });
    expect(
      decideSignIn({ ...clean, account: MAX_FAILURES_PER_ACCOUNT, ip: MAX_FAILURES_PER_IP, knownDevice: true }),
    ).toEqual({ allowed: true });
    expect(decideSignIn({ ...clean, account: MAX_FAILURES_PER_ACCOUNT - 1, ip: MAX_FAILURES_PER_IP - 1 })).toEqual({
      allowed: true,
    });
  });

  it("still slows a known device that keeps failing", () => {
    expect(
      decideSignIn({ ...clean, knownDevice: true, pair: { failures: FREE_FAILURES, last: ago(0) } }),
    ).toMatchObject({ allowed: false });
  });
});
