import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, isOpen, type BusinessCalendar } from "./business-time";
import {
  onAgentReply,
  onCustomerMessage,
  onStatusChange,
  startClocks,
  summarize,
  subtractBusinessMinutes,
} from "./clock";

const lisbon: BusinessCalendar = {
  timeZone: "Europe/Lisbon",
  weekly: {
    mon: [["09:00", "17:00"]],
    tue: [["09:00", "17:00"]],
    wed: [["09:00", "17:00"]],
    thu: [["09:00", "17:00"]],
    fri: [
      ["09:00", "13:00"],
      ["14:00", "18:00"],
    ],
  },
  holidays: ["2026-12-25", "2026-12-08"],
};
const newYork: BusinessCalendar = {
  timeZone: "America/New_York",
  weekly: {
    sun: [["00:00", "00:00"]],
    mon: [["00:00", "00:00"]],
    tue: [["00:00", "00:00"]],
    wed: [["00:00", "00:00"]],
    thu: [["00:00", "00:00"]],
    fri: [["00:00", "00:00"]],
    sat: [["00:00", "00:00"]],
  },
  holidays: [],
};
const iso = (s: string) => new Date(s);

describe("business time", () => {
  it("adds business minutes over evenings, lunch breaks, weekends and holidays", () => {
    // Thursday 16:30 + 60 min: 30 min on Thursday, 30 on Friday from 09:00.
    expect(addBusinessMinutes(lisbon, iso("2026-11-26T16:30:00Z"), 60).toISOString()).toBe("2026-11-27T09:30:00.000Z");
    // Friday 12:30 + 60 min: lunch is closed, so 14:30.
    expect(addBusinessMinutes(lisbon, iso("2026-11-27T12:30:00Z"), 60).toISOString()).toBe("2026-11-27T14:30:00.000Z");
    // Friday 17:30 + 60 min: 30 min Friday, the rest Monday.
    expect(addBusinessMinutes(lisbon, iso("2026-11-27T17:30:00Z"), 60).toISOString()).toBe("2026-11-30T09:30:00.000Z");
    // Saturday: nothing before Monday 09:00.
    expect(addBusinessMinutes(lisbon, iso("2026-11-28T10:00:00Z"), 0).toISOString()).toBe("2026-11-30T09:00:00.000Z");
    // Monday 7 Dec 16:00 + 120: Tuesday 8 Dec is a holiday → Wednesday 10:00.
    expect(addBusinessMinutes(lisbon, iso("2026-12-07T16:00:00Z"), 120).toISOString()).toBe("2026-12-09T10:00:00.000Z");
    expect(businessMinutesBetween(lisbon, iso("2026-11-27T17:30:00Z"), iso("2026-11-30T09:30:00Z"))).toBe(60);
    expect(isOpen(lisbon, iso("2026-11-27T13:30:00Z"))).toBe(false);
    expect(isOpen(lisbon, iso("2026-11-27T14:00:00Z"))).toBe(true);
  });

  it("counts real time across a daylight-saving change (a 24/7 calendar loses an hour in spring)", () => {
    // Local midnight to midnight on 8 March 2026 in New York is 23 real hours.
    expect(businessMinutesBetween(newYork, iso("2026-03-08T05:00:00Z"), iso("2026-03-09T04:00:00Z"))).toBe(23 * 60);
    // Lisbon: Friday 27 March 17:00 (WET) + 120 business minutes: 60 on Friday, then Monday
    // 30 March (now WEST) 09:00–10:00 local = 08:00–09:00Z.
    expect(addBusinessMinutes(lisbon, iso("2026-03-27T17:00:00Z"), 120).toISOString()).toBe("2026-03-30T09:00:00.000Z");
  });

  it("runs around the clock without a calendar, and refuses a calendar with no open hours", () => {
    expect(addBusinessMinutes(null, iso("2026-11-28T10:00:00Z"), 90).toISOString()).toBe("2026-11-28T11:30:00.000Z");
    expect(() =>
      addBusinessMinutes({ timeZone: "UTC", weekly: {}, holidays: [] }, iso("2026-11-28T10:00:00Z"), 5),
    ).toThrow(/no open time/);
  });
});

describe("SLA clocks", () => {
  const targets = { firstResponse: 60, nextResponse: 120, resolution: 480 };
  it("starts first response and resolution; an agent reply meets first response", () => {
    const c = startClocks(lisbon, targets, iso("2026-11-26T16:30:00Z"));
    expect(c.firstResponseDueAt?.toISOString()).toBe("2026-11-27T09:30:00.000Z");
    expect(c.resolutionDueAt?.toISOString()).toBe("2026-11-27T17:30:00.000Z"); // 30 min Thursday, 4 h Friday morning, 3.5 h after lunch
    const replied = onAgentReply(c);
    expect(replied.firstResponseDueAt).toBeNull();
    const again = onCustomerMessage(lisbon, replied, targets, iso("2026-11-27T10:00:00Z"), true);
    expect(again.nextResponseDueAt?.toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });

  it("pauses while pending or on hold and resumes with the business time that was left", () => {
    const c = startClocks(lisbon, targets, iso("2026-11-26T09:00:00Z")); // FR due Thu 10:00, resolution due Thu 17:00
    const paused = onStatusChange(lisbon, c, "OPEN", "PENDING", iso("2026-11-26T09:30:00Z")); // 30 min of FR left
    expect(summarize(lisbon, paused, targets, iso("2026-11-26T12:00:00Z")).state).toBe("paused");
    const resumed = onStatusChange(lisbon, paused, "PENDING", "OPEN", iso("2026-11-27T17:45:00Z")); // Friday 17:45
    expect(resumed.firstResponseDueAt?.toISOString()).toBe("2026-11-30T09:15:00.000Z"); // 15 min Friday, 15 Monday
    expect(resumed.pausedAt).toBeNull();
  });

  it("reports ok, at risk (a quarter left) and breached, on the clock that ends first", () => {
    const c = startClocks(lisbon, targets, iso("2026-11-26T09:00:00Z")); // FR due 10:00
    expect(summarize(lisbon, c, targets, iso("2026-11-26T09:30:00Z"))).toMatchObject({
      state: "ok",
      which: "firstResponse",
    });
    expect(summarize(lisbon, c, targets, iso("2026-11-26T09:46:00Z")).state).toBe("at_risk");
    expect(summarize(lisbon, c, targets, iso("2026-11-26T10:00:00Z")).state).toBe("breached");
    expect(summarize(lisbon, c, targets, iso("2026-11-26T10:00:00Z")).atRiskAt?.toISOString()).toBe(
      "2026-11-26T09:45:00.000Z",
    );
    // At-risk across a weekend: 2 business hours before Monday 10:00 is Friday 17:00.
    expect(subtractBusinessMinutes(lisbon, iso("2026-11-30T10:00:00Z"), 120).toISOString()).toBe(
      "2026-11-27T17:00:00.000Z",
    );
    expect(
      summarize(
        lisbon,
        onStatusChange(lisbon, c, "OPEN", "SOLVED", iso("2026-11-26T09:10:00Z")),
        targets,
        iso("2026-11-26T11:00:00Z"),
      ).state,
    ).toBe("none");
  });
});
