import { describe, expect, it } from "vitest";
import {
  deadLetterHeaders,
  deliveryHeaders,
  HEADER,
  headerSafe,
  MalformedDeliveryError,
  readDeadLetterFacts,
  readDeliveryMeta,
  retryHeaders,
} from "./headers";

const meta = {
  deliveryId: "dlv_1",
  workspaceId: "ws1",
  format: "x",
  sourceId: "src1",
  brandId: null,
  receivedAt: new Date("2026-12-01T10:00:00Z"),
};

describe("delivery headers", () => {
  it("round-trip what a worker needs", () => {
    const h = deliveryHeaders(meta);
    h.set(HEADER.messageId, "ws1:x:1");
    expect(readDeliveryMeta(h)).toEqual({ ...meta, messageId: "ws1:x:1" });
    expect(h.has(HEADER.brandId)).toBe(false);
  });

  it("refuse a delivery without its workspace", () => {
    const h = deliveryHeaders(meta);
    h.delete(HEADER.workspaceId);
    expect(() => readDeliveryMeta(h)).toThrow(MalformedDeliveryError);
    expect(() => readDeliveryMeta(undefined)).toThrow(/Earshot-Delivery-Id/);
  });

  it("make any error text one safe line", () => {
    expect(headerSafe("bad\r\nthing\0here")).toBe("bad thing here");
    expect(headerSafe("x".repeat(2000), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("add the failure for a dead letter and take it away again for a retry", () => {
    const original = deliveryHeaders(meta);
    original.set(HEADER.messageId, "ws1:x:1");
    const dead = deadLetterHeaders(original, {
      error: "TypeError: boom\n  at x",
      attempts: 5,
      failedAt: new Date("2026-12-01T11:00:00Z"),
      originalSeq: 42,
    });
    expect(readDeadLetterFacts(dead)).toEqual({
      error: "TypeError: boom   at x",
      attempts: 5,
      failedAt: new Date("2026-12-01T11:00:00Z"),
      originalSeq: 42,
    });
    expect(readDeliveryMeta(dead)).toEqual({ ...meta, messageId: "ws1:x:1" });
    const again = retryHeaders(dead);
    expect(again.has(HEADER.error) || again.has(HEADER.attempts) || again.has(HEADER.messageId)).toBe(false);
    expect(readDeliveryMeta(again).deliveryId).toBe("dlv_1");
  });
});
