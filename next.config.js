// Security headers on every response, static files and /api/v1 included. proxy.ts replaces the
// Content-Security-Policy on pages with one carrying a per-request nonce, and adds HSTS when the
// public URL is https. These values must match lib/auth/security-headers.ts (a unit test checks).
const CONSTANT_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()",
};
// For responses the proxy does not see: no inline script may run at all.
const STATIC_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const HSTS = "max-age=63072000; includeSubDomains";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly database packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // "Add mentions" uploads files of up to 5 MB (sent base64-encoded) through a server action.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  typescript: { ignoreBuildErrors: false },
  // Route files are checked by `npm run typecheck` and `npm run lint` in CI.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          ...Object.entries(CONSTANT_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
          { key: "Content-Security-Policy", value: STATIC_CSP },
        ],
      },
      {
        // Behind a TLS-terminating proxy. A forged header on plain http is harmless: browsers
        // ignore HSTS received over an insecure connection.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
};

export default nextConfig;
