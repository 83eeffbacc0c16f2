import { describe, expect, it } from "vitest";
import { sourceState } from "./health";

const now = new Date("2026-11-27T12:00:00Z");
const base = {
  enabled: true,
  createdAt: new Date("2026-11-01T00:00:00Z"),
  lastEventAt: new Date("2026-11-27T11:30:00Z"),
  lastError: null,
  lastErrorAt: null,
  errorCount: 0,
  expectedIntervalMinutes: 60,
};

describe("sourceState", () => {
  it("flags disabled, auth failures, failures, silence and never-heard-from sources", () => {
    expect(sourceState(base, now)).toBe("ok");
    expect(sourceState({ ...base, enabled: false }, now)).toBe("disabled");
    expect(
      sourceState(
        { ...base, lastError: "HTTP 401 Unauthorized", lastErrorAt: new Date("2026-11-27T11:50:00Z"), errorCount: 3 },
        now,
      ),
    ).toBe("auth_failed");
    expect(
      sourceState(
        { ...base, lastError: "HTTP 500", lastErrorAt: new Date("2026-11-27T11:50:00Z"), errorCount: 3 },
        now,
      ),
    ).toBe("failing");
    expect(
      sourceState(
        { ...base, lastError: "HTTP 500", lastErrorAt: new Date("2026-11-27T10:00:00Z"), errorCount: 1 },
        now,
      ),
    ).toBe("ok");
    expect(sourceState({ ...base, lastEventAt: new Date("2026-11-27T09:00:00Z") }, now)).toBe("silent");
    expect(sourceState({ ...base, lastEventAt: null }, now)).toBe("waiting");
  });
});
