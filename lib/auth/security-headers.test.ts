import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
// @ts-expect-error next.config.js is plain JavaScript without a declaration file
import nextConfigModule from "../../next.config.js";
import {
  CONSTANT_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
  HSTS,
  servedOverHttps,
} from "./security-headers";

const nextConfig = nextConfigModule as NextConfig;

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("Content-Security-Policy", () => {
  it("allows scripts only by nonce (strict-dynamic), never inline or eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123", dev: false, https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds 'unsafe-eval' only for next dev, and upgrades requests only over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true, https: false })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("uses a fresh, unguessable nonce per request", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});

describe("https detection for HSTS", () => {
  it("trusts an https public URL or forwarded protocol", () => {
    expect(servedOverHttps(null, "https://earshot.example")).toBe(true);
    expect(servedOverHttps("https", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps("https,http", undefined)).toBe(true);
    expect(servedOverHttps("http", "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(null, undefined)).toBe(false);
  });
});

describe("next.config.js headers", () => {
  it("set the constant headers and the nonce-free policy on every path, HSTS only for https", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*" && !r.has);
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toEqual({
      ...CONSTANT_SECURITY_HEADERS,
      "Content-Security-Policy": contentSecurityPolicy({ nonce: null, dev: false, https: false }),
    });
    const hsts = rules.find((r) => r.has);
    expect(hsts?.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
    expect(hsts?.headers).toEqual([{ key: "Strict-Transport-Security", value: HSTS }]);
  });
});
