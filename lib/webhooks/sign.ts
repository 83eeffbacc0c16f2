// Webhook signatures: `Earshot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
// `${t}.${rawBody}` with the endpoint's secret. The timestamp is signed with the body, so a
// captured delivery cannot be replayed later than the tolerance; several v1= entries let a
// sender sign with an old and a new secret while a receiver switches. Pure: node:crypto only.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Earshot-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type VerifyFailure = "malformed" | "no_signature" | "stale" | "mismatch";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

const hmacHex = (secret: string, timestampSeconds: number, rawBody: string | Buffer) =>
  createHmac("sha256", secret).update(`${timestampSeconds}.`).update(rawBody).digest("hex");

/** The header value for a body: one v1= entry per secret (the first is the current one). */
export function signWebhook(
  secret: string | readonly string[],
  timestampSeconds: number,
  rawBody: string | Buffer,
): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw new Error("A webhook timestamp is whole seconds since the epoch.");
  const secrets = typeof secret === "string" ? [secret] : secret;
  return [`t=${timestampSeconds}`, ...secrets.map((s) => `v1=${hmacHex(s, timestampSeconds, rawBody)}`)].join(",");
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

/** `t=` once (whole seconds) and any number of `v1=` entries; unknown schemes are ignored. */
function parseHeader(header: string): ParsedHeader | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t") {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === "v1") {
      signatures.push(value);
    }
  }
  return timestamp === null ? null : { timestamp, signatures };
}

/** Compares in time independent of where the strings differ (only their length shows). */
function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}

/**
 * Checks a delivery as a receiver would: the header's timestamp within `toleranceSeconds` of
 * `nowSeconds` (either way: a clock far ahead is refused too), and one of its v1= signatures
 * made with one of `secret` (a receiver rotating its secret may pass both).
 */
export function verifyWebhook(
  header: string | null | undefined,
  secret: string | readonly string[],
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  const parsed = header ? parseHeader(header) : null;
  if (!parsed) return { ok: false, reason: "malformed" };
  if (parsed.signatures.length === 0) return { ok: false, reason: "no_signature" };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: "stale" };
  const secrets = typeof secret === "string" ? [secret] : secret;
  // Every pair is compared (no early exit), so timing does not say which entry matched.
  let matched = false;
  for (const s of secrets) {
    const expected = hmacHex(s, parsed.timestamp, rawBody);
    for (const given of parsed.signatures) matched = sameHex(expected, given) || matched;
  }
  return matched ? { ok: true } : { ok: false, reason: "mismatch" };
}
