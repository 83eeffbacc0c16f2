import { describe, expect, it } from "vitest";
import { isValidTimeZone, localParts, zonedInstant } from "./zone";

describe("time zones", () => {
  it("converts local wall times to instants, across daylight-saving changes", () => {
    expect(new Date(zonedInstant(2026, 3, 28, 9 * 60, "Europe/Lisbon")).toISOString()).toBe("2026-03-28T09:00:00.000Z"); // WET
    expect(new Date(zonedInstant(2026, 3, 30, 9 * 60, "Europe/Lisbon")).toISOString()).toBe("2026-03-30T08:00:00.000Z"); // WEST
    // 02:30 does not exist in New York on 8 March 2026: it is shifted by the gap (03:30 EDT = 07:30Z).
    expect(new Date(zonedInstant(2026, 3, 8, 2 * 60 + 30, "America/New_York")).toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    // 01:30 happens twice on 1 November 2026: the first (EDT) is taken.
    expect(new Date(zonedInstant(2026, 11, 1, 90, "America/New_York")).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("reads an instant's local wall time, and knows the zones Intl knows", () => {
    expect(localParts(Date.parse("2026-07-01T23:30:00Z"), "Europe/Lisbon")).toEqual({
      year: 2026,
      month: 7,
      day: 2,
      hour: 0,
      minute: 30,
      second: 0,
    });
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
