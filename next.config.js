/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly database packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // "Add mentions" uploads files of up to 5 MB (sent base64-encoded) through a server action.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  typescript: { ignoreBuildErrors: false },
  // Route files are checked by `npm run typecheck` and `npm run lint` in CI.
};

export default nextConfig;
