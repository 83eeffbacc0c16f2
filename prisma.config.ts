import { defineConfig } from "prisma/config";

// The datasource URL is resolved at run time by lib/db (embedded PGlite or DATABASE_URL);
// the CLI is used here only for `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
