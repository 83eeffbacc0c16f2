// "Known device" tokens: after a successful sign-in the browser gets a signed cookie naming the
// user. A later sign-in that presents it is exempt from the per-account and per-address limits
// (an attacker's failures cannot lock the real user out of a browser they have used before);
// only its own, per-device delays apply. See docs/security.md. Pure: no Next or Prisma imports.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export interface KnownDevice {
  userId: string;
  deviceId: string;
  /** The user's session version when issued: "sign out everywhere" also forgets devices. */
  sessionVersion: number;
  issuedAt: number; // seconds
}

/** `__Host-` pins the cookie to this host and path /, and requires Secure (https only). */
export function knownDeviceCookieName(secure: boolean): string {
  return secure ? "__Host-earshot-device" : "earshot-device";
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`earshot known device\n${payload}`).digest("base64url");
}

export function issueKnownDevice(
  secret: string,
  userId: string,
  sessionVersion: number,
  now = Date.now(),
  deviceId = randomBytes(12).toString("base64url"),
): string {
  const payload = [
    "v1",
    Buffer.from(userId).toString("base64url"),
    deviceId,
    String(sessionVersion),
    String(Math.floor(now / 1000)),
  ].join(".");
  return `${payload}.${mac(secret, payload)}`;
}

/** The device a token names, or null when it is malformed, forged or expired. */
export function readKnownDevice(
  secret: string,
  token: string | null | undefined,
  now = Date.now(),
): KnownDevice | null {
  if (!token || token.length > 512) return null;
  const parts = token.split(".");
  if (parts.length !== 6 || parts[0] !== "v1") return null;
  const payload = parts.slice(0, 5).join(".");
  const given = Buffer.from(parts[5]);
  const expected = Buffer.from(mac(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [, user, deviceId, version, issued] = parts;
  const issuedAt = Number(issued);
  const sessionVersion = Number(version);
  if (!Number.isSafeInteger(issuedAt) || !Number.isSafeInteger(sessionVersion)) return null;
  if (now / 1000 - issuedAt > KNOWN_DEVICE_MAX_AGE_SECONDS || issuedAt - now / 1000 > 300) return null;
  return { userId: Buffer.from(user, "base64url").toString(), deviceId, sessionVersion, issuedAt };
}

/** The value of cookie `name` in a Cookie header. */
export function cookieFromHeader(cookieHeader: string | null | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
