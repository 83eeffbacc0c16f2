import { describe, expect, it } from "vitest";
import { FetchFailedError, FetchRefusedError, type SafeResponse } from "@/lib/net/safe-fetch";
import { outcomeOfError, outcomeOfFailure, retryAtOf } from "./http-outcome";

const now = new Date("2026-12-01T10:00:00Z");
const answer = (status: number, headers: Record<string, string> = {}): SafeResponse => ({
  status,
  headers,
  body: Buffer.from(""),
  url: "https://example.test/",
});

describe("http outcomes", () => {
  it("reads every network's rate-limit reset header", () => {
    expect(retryAtOf(answer(429, { "retry-after": "30" }), now)?.toISOString()).toBe("2026-12-01T10:00:30.000Z");
    expect(retryAtOf(answer(429, { "x-rate-limit-reset": "1764583800" }), now)?.getTime()).toBe(1764583800000);
    expect(retryAtOf(answer(429, { "x-ratelimit-reset": "2026-12-01T10:05:00.000Z" }), now)?.toISOString()).toBe(
      "2026-12-01T10:05:00.000Z",
    );
    expect(retryAtOf(answer(429, { "x-ratelimit-reset": "120" }), now)?.toISOString()).toBe("2026-12-01T10:02:00.000Z");
    expect(retryAtOf(answer(429, { "retry-after": "soon" }), now)).toBeUndefined();
  });

  it("maps statuses to retryable and permanent outcomes", () => {
    expect(outcomeOfFailure(answer(429, { "retry-after": "5" }), now, null)).toMatchObject({ kind: "retryable" });
    expect(outcomeOfFailure(answer(503), now, "busy")).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("busy"),
    });
    expect(outcomeOfFailure(answer(401), now, null)).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(outcomeOfFailure(answer(403), now, null)).toMatchObject({ kind: "permanent", code: "reauth" });
    expect(outcomeOfFailure(answer(404), now, null)).toMatchObject({ kind: "permanent", code: "gone" });
    expect(outcomeOfFailure(answer(422), now, "Text too long")).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "The network refused the reply (422): Text too long",
    });
  });

  it("retries network errors, not refused hosts", () => {
    expect(outcomeOfError(new FetchFailedError("timed out"))).toEqual({ kind: "retryable", reason: "timed out" });
    expect(outcomeOfError(new FetchRefusedError("private"))).toMatchObject({ kind: "permanent", code: "invalid" });
  });
});
