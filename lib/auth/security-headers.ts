// Response security headers. proxy.ts sets the Content-Security-Policy (with a fresh nonce per
// request, which Next copies onto its own scripts) and HSTS; next.config.js sets the headers
// that never change, on every response including static files. See docs/security.md.
// Pure: no Next imports.
import { randomBytes } from "node:crypto";

export const HSTS = "max-age=63072000; includeSubDomains";

/** Headers that are the same on every response (next.config.js sets exactly these). */
export const CONSTANT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()",
};

export function createNonce(): string {
  return randomBytes(18).toString("base64");
}

export interface CspOptions {
  /** Per-request nonce for scripts; null for responses that carry no scripts (static files). */
  nonce: string | null;
  /** `next dev` evaluates code for its error overlay and needs 'unsafe-eval'; never in production. */
  dev: boolean;
  /** Over https, ask the browser to upgrade any stray http sub-resource. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] : ["'self'"];
  if (dev) scripts.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    // React and Recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Whether the browser reached us over https: the public URL says so, or the forwarded protocol
 * does. A forged `x-forwarded-proto: https` on a plain-http request only adds an HSTS header
 * that browsers ignore on insecure connections (RFC 6797 §8.1), so it need not be authenticated.
 */
export function servedOverHttps(forwardedProto: string | null | undefined, publicUrl: string | undefined): boolean {
  if (publicUrl?.toLowerCase().startsWith("https://")) return true;
  return (forwardedProto ?? "").split(",")[0].trim().toLowerCase() === "https";
}
