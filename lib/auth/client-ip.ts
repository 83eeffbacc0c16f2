// Which address a request came from, for per-address limits (sign-in throttling, API limits).
//
// Trust model (docs/security.md): the direct peer of the socket is the only address nobody can
// forge. X-Forwarded-For is read only when that peer is one of EARSHOT_TRUSTED_PROXIES, and then
// from the right: each trusted hop appended the address it saw, so the first untrusted address
// from the right is the client. Everything to its left was written by the client and is ignored.
//
// Pure: no Next or Prisma imports, so the proxy, route handlers and unit tests share it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

/** The request header, set by proxy.ts only, that carries the client's original X-Forwarded-For. */
export const FORWARDED_CHAIN_HEADER = "x-earshot-forwarded-for";
/** Set by proxy.ts: proves the request went through it (so X-Forwarded-For is the socket peer). */
export const PROXIED_MARK_HEADER = "x-earshot-proxied";
/** Requests whose origin cannot be established share this bucket: safe, never a bypass. */
export const UNKNOWN_CLIENT = "unknown";

export class TrustedProxiesError extends Error {}

export interface TrustedProxies {
  readonly entries: readonly string[];
  contains(ip: string): boolean;
}

/** A bare IP address from a header value or socket address, or null when it is not one. */
export function normalizeIp(raw: string | null | undefined): string | null {
  let value = (raw ?? "").trim().replace(/^"|"$/g, "");
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%[\w.-]+$/, ""); // IPv6 zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  const family = isIP(value);
  if (family === 4) return value;
  if (family === 6) return value.toLowerCase();
  return null;
}

const ipType = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

/** Parses a comma-separated list of addresses and CIDR ranges; throws on any bad entry. */
export function parseTrustedProxies(spec: string | null | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (spec ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefixText, extra] = entry.split("/");
    const ip = normalizeIp(address);
    const prefix = prefixText === undefined ? null : Number(prefixText);
    const maxPrefix = ip && isIP(ip) === 6 ? 128 : 32;
    if (!ip || extra !== undefined || (prefix !== null && (!/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix))) {
      throw new TrustedProxiesError(
        `EARSHOT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (examples: 10.0.0.5, 10.0.0.0/8, fd00::/8).`,
      );
    }
    if (prefix === null) list.addAddress(ip, ipType(ip));
    else list.addSubnet(ip, prefix, ipType(ip));
  }
  return { entries, contains: (ip) => entries.length > 0 && list.check(ip, ipType(ip)) };
}

let cachedSpec: string | undefined;
let cachedProxies: TrustedProxies | null = null;

/** EARSHOT_TRUSTED_PROXIES, parsed once per value. */
export function trustedProxiesFromEnv(): TrustedProxies {
  const spec = process.env.EARSHOT_TRUSTED_PROXIES ?? "";
  if (cachedProxies === null || cachedSpec !== spec) {
    cachedProxies = parseTrustedProxies(spec);
    cachedSpec = spec;
  }
  return cachedProxies;
}

/**
 * The client address: the peer itself unless it is a trusted proxy, otherwise the rightmost
 * address in X-Forwarded-For that is not a trusted proxy.
 */
export function resolveClientIp(
  peerRaw: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string {
  const peer = normalizeIp(peerRaw);
  if (!peer) return UNKNOWN_CLIENT;
  if (!trusted.contains(peer)) return peer;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]);
    // A trusted proxy wrote something that is not an address: stop at the proxy itself.
    if (!hop) return client;
    client = hop;
    if (!trusted.contains(hop)) return hop;
  }
  return client;
}

/** The value proxy.ts puts in PROXIED_MARK_HEADER: unforgeable without the auth secret. */
export function proxiedMark(secret: string): string {
  return createHmac("sha256", secret).update("earshot: request passed through proxy.ts").digest("base64url");
}

function markIsValid(mark: string | null | undefined, secret: string): boolean {
  if (!mark) return false;
  const expected = Buffer.from(proxiedMark(secret));
  const given = Buffer.from(mark);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The request headers proxy.ts passes on. Next fills X-Forwarded-For from the socket only when
 * the request has none, so the client's own value is moved aside and removed: downstream,
 * X-Forwarded-For is then the socket peer (verified against `next start` 16.4).
 */
export function withForwardingMoved(incoming: Headers, secret: string): Headers {
  const headers = new Headers(incoming);
  const chain = headers.get("x-forwarded-for");
  headers.delete("x-forwarded-for");
  headers.delete(FORWARDED_CHAIN_HEADER);
  if (chain) headers.set(FORWARDED_CHAIN_HEADER, chain);
  headers.set(PROXIED_MARK_HEADER, proxiedMark(secret));
  return headers;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderSource | undefined, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return (Array.isArray(value) ? value.join(",") : value) ?? null;
}

let warnedUnmarked = false;

/** The client address of a request as a route handler sees it (after proxy.ts). */
export function clientIpFromHeaders(
  headers: HeaderSource | undefined,
  secret: string,
  trusted: TrustedProxies = trustedProxiesFromEnv(),
): string {
  if (!markIsValid(headerValue(headers, PROXIED_MARK_HEADER), secret)) {
    // Without the proxy's mark, X-Forwarded-For may be the client's own words: trust none of it.
    if (!warnedUnmarked) {
      warnedUnmarked = true;
      console.error("[auth] a request reached a route without passing through proxy.ts; its client address is unknown");
    }
    return UNKNOWN_CLIENT;
  }
  return resolveClientIp(
    headerValue(headers, "x-forwarded-for"),
    headerValue(headers, FORWARDED_CHAIN_HEADER),
    trusted,
  );
}
