import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isLocalDate, localDateOf, startOfLocalDate, weekdayOf } from "./dates";

describe("local dates", () => {
  it("are real calendar dates written YYYY-MM-DD in the console's years", () => {
    for (const ok of ["2000-01-01", "2026-02-28", "2028-02-29", "2100-12-31"]) expect(isLocalDate(ok), ok).toBe(true);
    for (const bad of [
      "1999-12-31",
      "2101-01-01",
      "2026-02-29",
      "2026-13-01",
      "2026-1-01",
      "2026-01-01T00:00",
      " 2026-01-01",
      "",
    ])
      expect(isLocalDate(bad), bad).toBe(false);
  });

  it("count and step whole days across month, year and daylight-saving ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(daysBetween("2026-04-01", "2026-03-01")).toBe(-31);
    expect(weekdayOf("2026-11-30")).toBe(0); // a Monday
    expect(weekdayOf("2026-11-29")).toBe(6); // a Sunday
  });

  it("start at local midnight, and an instant falls on its local date", () => {
    expect(startOfLocalDate("2026-07-01", "Europe/Lisbon").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(startOfLocalDate("2026-01-01", "UTC").toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(localDateOf(new Date("2026-06-30T23:30:00Z"), "Europe/Lisbon")).toBe("2026-07-01");
    expect(localDateOf(new Date("2026-06-30T23:30:00Z"), "America/New_York")).toBe("2026-06-30");
  });
});
