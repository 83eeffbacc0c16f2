import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./sign";

const SECRET = "whsec_test-secret";
const BODY = '{"id":"whd_1","event":"case.created","createdAt":"2026-12-01T10:00:00.000Z","data":{"number":7}}';
const T = 1_796_112_000;

describe("signWebhook", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of `t.body`>", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(signWebhook(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it("writes one v1= entry per secret, current first", () => {
    const header = signWebhook(["new-secret", "old-secret"], T, BODY);
    expect(header.split(",")).toHaveLength(3);
    expect(header.split(",")[1]).toBe(signWebhook("new-secret", T, BODY).split(",")[1]);
  });

  it("refuses a timestamp that is not whole seconds", () => {
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow();
    expect(() => signWebhook(SECRET, -1, BODY)).toThrow();
  });
});

describe("verifyWebhook", () => {
  const header = signWebhook(SECRET, T, BODY);

  it("accepts what signWebhook wrote, as a string or as bytes", () => {
    expect(verifyWebhook(header, SECRET, BODY, T)).toEqual({ ok: true });
    expect(verifyWebhook(header, SECRET, Buffer.from(BODY), T + 299)).toEqual({ ok: true });
  });

  it("refuses a replay: a timestamp older than the tolerance", () => {
    expect(verifyWebhook(header, SECRET, BODY, T + 301)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhook(header, SECRET, BODY, T + 3600, 7200)).toEqual({ ok: true });
  });

  it("refuses a timestamp too far in the future", () => {
    expect(verifyWebhook(header, SECRET, BODY, T - 301)).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses a tampered body, another secret, and a timestamp moved to look fresh", () => {
    expect(verifyWebhook(header, SECRET, BODY.replace('"number":7', '"number":8'), T)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyWebhook(header, "another", BODY, T)).toEqual({ ok: false, reason: "mismatch" });
    const moved = header.replace(`t=${T}`, `t=${T + 600}`);
    expect(verifyWebhook(moved, SECRET, BODY, T + 600)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts any matching v1= entry (secret rotation), on either side", () => {
    const both = signWebhook(["new-secret", "old-secret"], T, BODY);
    expect(verifyWebhook(both, "old-secret", BODY, T)).toEqual({ ok: true });
    expect(verifyWebhook(both, "new-secret", BODY, T)).toEqual({ ok: true });
    expect(verifyWebhook(signWebhook("old-secret", T, BODY), ["new-secret", "old-secret"], BODY, T)).toEqual({
      ok: true,
    });
  });

  it("ignores unknown schemes and says what is wrong with a bad header", () => {
    expect(verifyWebhook(`${header},v0=abc`, SECRET, BODY, T)).toEqual({ ok: true });
    expect(verifyWebhook(`t=${T}`, SECRET, BODY, T)).toEqual({ ok: false, reason: "no_signature" });
    expect(verifyWebhook(`t=${T},v1=zz`, SECRET, BODY, T)).toEqual({ ok: false, reason: "mismatch" });
    for (const bad of [null, undefined, "", "v1=abc", `t=${T},t=${T},v1=ab`, "t=soon,v1=ab", "garbage"])
      expect(verifyWebhook(bad, SECRET, BODY, T), String(bad)).toEqual({ ok: false, reason: "malformed" });
  });
});
