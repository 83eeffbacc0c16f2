import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import { IDLE, settle } from "./action-outcome";

/** Records what settle called: the success handler, the refresh fallback, the failure handler. */
function recorder() {
  const calls: string[] = [];
  return {
    calls,
    refresh: () => calls.push("refresh"),
    onSuccess: (data: unknown) => calls.push(`success:${JSON.stringify(data)}`),
  };
}

const failure: ActionResult<never, "email" | "name"> = {
  ok: false,
  code: "INVALID",
  error: "Please correct the highlighted fields.",
  fieldErrors: { email: ["Enter a valid e-mail address."] },
};

describe("settle", () => {
  it("refreshes the page after a success without a handler, and clears the last error", () => {
    const r = recorder();
    expect(settle({ ok: true, data: 1 }, {}, r.refresh)).toEqual(IDLE);
    expect(r.calls).toEqual(["refresh"]);
  });

  it("hands the data to the success handler instead of refreshing", () => {
    const r = recorder();
    expect(settle({ ok: true, data: { id: "c1" } }, { onSuccess: r.onSuccess }, r.refresh)).toEqual(IDLE);
    expect(r.calls).toEqual(['success:{"id":"c1"}']);
  });

  it("keeps the message and the field errors of a failure, without refreshing", () => {
    const r = recorder();
    expect(settle(failure, { onSuccess: r.onSuccess }, r.refresh)).toEqual({
      error: "Please correct the highlighted fields.",
      fieldErrors: { email: ["Enter a valid e-mail address."] },
    });
    expect(r.calls).toEqual([]);
  });

  it("shows a failure the failure handler only observed, and none it handled", () => {
    const seen: string[] = [];
    const observed = settle(failure, { onFailure: (f) => void seen.push(f.code) }, () => seen.push("refresh"));
    expect(observed.error).toBe("Please correct the highlighted fields.");
    const handled = settle(failure, { onFailure: (f) => seen.push(f.code) > 0 }, () => seen.push("refresh"));
    expect(handled).toEqual(IDLE);
    expect(seen).toEqual(["INVALID", "INVALID"]);
  });

  it("shows an empty set of field errors for a failure that names none", () => {
    expect(settle({ ok: false, code: "CONFLICT", error: "Someone else changed it." }, {}, () => {})).toEqual({
      error: "Someone else changed it.",
      fieldErrors: {},
    });
  });
});
