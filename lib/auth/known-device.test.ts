import { describe, expect, it } from "vitest";
import {
  cookieFromHeader,
  issueKnownDevice,
  KNOWN_DEVICE_MAX_AGE_SECONDS,
  knownDeviceCookieName,
  readKnownDevice,
} from "./known-device";

const SECRET = "unit-test-secret";
const NOW = Date.UTC(2026, 11, 1);

describe("known-device tokens", () => {
  it("round-trip the user, device and session version", () => {
    const token = issueKnownDevice(SECRET, "user_1", 3, NOW, "dev1");
    expect(readKnownDevice(SECRET, token, NOW + 1000)).toEqual({
      userId: "user_1",
      deviceId: "dev1",
      sessionVersion: 3,
      issuedAt: NOW / 1000,
    });
  });

  it("refuse forged, re-signed, tampered, expired and malformed tokens", () => {
    const token = issueKnownDevice(SECRET, "user_1", 0, NOW, "dev1");
    expect(readKnownDevice("another secret", token, NOW)).toBeNull();
    const parts = token.split(".");
    parts[1] = Buffer.from("admin_user").toString("base64url");
    expect(readKnownDevice(SECRET, parts.join("."), NOW)).toBeNull();
    expect(readKnownDevice(SECRET, token, NOW + (KNOWN_DEVICE_MAX_AGE_SECONDS + 1) * 1000)).toBeNull();
    for (const bad of ["", "v1.a.b.c.d", `${token}.x`, "v2" + token.slice(2), token.slice(0, -1), undefined]) {
      expect(readKnownDevice(SECRET, bad, NOW)).toBeNull();
    }
  });

  it("use a __Host- cookie over https", () => {
    expect(knownDeviceCookieName(true)).toBe("__Host-earshot-device");
    expect(knownDeviceCookieName(false)).toBe("earshot-device");
  });

  it("are found in a Cookie header", () => {
    expect(cookieFromHeader("a=1; earshot-device=v1.x.y; b=2", "earshot-device")).toBe("v1.x.y");
    expect(cookieFromHeader("xearshot-device=1", "earshot-device")).toBeNull();
    expect(cookieFromHeader(undefined, "earshot-device")).toBeNull();
  });
});
