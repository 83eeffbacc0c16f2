import { describe, expect, it } from "vitest";
import {
  clientIpFromHeaders,
  FORWARDED_CHAIN_HEADER,
  normalizeIp,
  parseTrustedProxies,
  PROXIED_MARK_HEADER,
  proxiedMark,
  resolveClientIp,
  TrustedProxiesError,
  UNKNOWN_CLIENT,
  withForwardingMoved,
} from "./client-ip";

const SECRET = "unit-test-secret";
const none = parseTrustedProxies("");
const lb = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

describe("normalizeIp", () => {
  it("accepts bare, mapped, bracketed and port-suffixed addresses", () => {
    expect(normalizeIp(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("203.0.113.7:5123")).toBe("203.0.113.7");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
  });

  it("rejects what is not an address", () => {
    for (const bad of ["", "unknown", "evil.example", "1.2.3", "300.1.1.1", "1.2.3.4, 5.6.7.8", undefined, null]) {
      expect(normalizeIp(bad)).toBeNull();
    }
  });
});

describe("parseTrustedProxies", () => {
  it("matches addresses and ranges of both families", () => {
    expect(lb.contains("10.20.30.40")).toBe(true);
    expect(lb.contains("127.0.0.1")).toBe(true);
    expect(lb.contains("127.0.0.2")).toBe(false);
    expect(lb.contains("fd12::3")).toBe(true);
    expect(lb.contains("2001:db8::1")).toBe(false);
    expect(none.contains("127.0.0.1")).toBe(false);
  });

  it("refuses bad entries with a message naming them", () => {
    for (const bad of ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`)).toThrow(TrustedProxiesError);
      expect(() => parseTrustedProxies(bad)).toThrow(bad);
    }
  });
});

describe("resolveClientIp", () => {
  it("is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("198.51.100.9", "1.2.3.4", none)).toBe("198.51.100.9");
    expect(resolveClientIp("::ffff:198.51.100.9", "1.2.3.4, 10.0.0.1", lb)).toBe("198.51.100.9");
  });

  it("is the rightmost untrusted hop behind trusted proxies", () => {
    // The client prepended a forged hop; the load balancer appended the real address.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 203.0.113.7", lb)).toBe("203.0.113.7");
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.1.1.1", lb)).toBe("203.0.113.7");
    expect(resolveClientIp("127.0.0.1", "[2001:db8::5]:4000", lb)).toBe("2001:db8::5");
  });

  it("falls back to the last trusted hop when every hop is trusted, or a proxy wrote garbage", () => {
    expect(resolveClientIp("10.0.0.2", "10.0.0.3", lb)).toBe("10.0.0.3");
    expect(resolveClientIp("10.0.0.2", "", lb)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, not-an-ip, 10.0.0.3", lb)).toBe("10.0.0.3");
    expect(resolveClientIp(undefined, "1.2.3.4", lb)).toBe(UNKNOWN_CLIENT);
  });
});

describe("headers passed on by the proxy", () => {
  it("move the client's X-Forwarded-For aside and carry an unforgeable mark", () => {
    const forwarded = withForwardingMoved(
      new Headers({
        "x-forwarded-for": "6.6.6.6",
        [FORWARDED_CHAIN_HEADER]: "7.7.7.7",
        [PROXIED_MARK_HEADER]: "forged",
      }),
      SECRET,
    );
    expect(forwarded.get("x-forwarded-for")).toBeNull();
    expect(forwarded.get(FORWARDED_CHAIN_HEADER)).toBe("6.6.6.6");
    expect(forwarded.get(PROXIED_MARK_HEADER)).toBe(proxiedMark(SECRET));
    expect(
      withForwardingMoved(new Headers({ [FORWARDED_CHAIN_HEADER]: "7.7.7.7" }), SECRET).get(FORWARDED_CHAIN_HEADER),
    ).toBeNull();
  });

  it("let a route trust X-Forwarded-For as the socket peer only with the proxy's mark", () => {
    // What a route sees after the proxy: Next refilled X-Forwarded-For from the socket.
    const after = withForwardingMoved(new Headers({ "x-forwarded-for": "6.6.6.6" }), SECRET);
    after.set("x-forwarded-for", "::ffff:198.51.100.9");
    expect(clientIpFromHeaders(after, SECRET, none)).toBe("198.51.100.9");
    expect(clientIpFromHeaders(Object.fromEntries(after), SECRET, none)).toBe("198.51.100.9");
    // A request that skipped the proxy, or forged the mark, is unknown: never the forged address.
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6" }), SECRET, none)).toBe(UNKNOWN_CLIENT);
    expect(
      clientIpFromHeaders(
        new Headers({ "x-forwarded-for": "6.6.6.6", [PROXIED_MARK_HEADER]: proxiedMark("other") }),
        SECRET,
        none,
      ),
    ).toBe(UNKNOWN_CLIENT);
  });
});
