import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import earshot from "./eslint/no-server-only-in-client.mjs";

// Where raw SQL and the database may be reached: docs/architecture.md has the layers.
const DATABASE_IMPORTS = {
  patterns: [
    {
      group: ["@/lib/db", "@/lib/db/*", "**/lib/db/*"],
      message: "Pages and components reach data through a feature module in lib/<feature>/, never lib/db.",
    },
    {
      group: ["@/lib/generated/*", "**/lib/generated/*", "@prisma/client", "@prisma/client/*"],
      message: "Only lib/ talks to Prisma: call a feature module instead.",
    },
  ],
};

const config = [
  { ignores: ["node_modules/**", ".next/**", ".data/**", "lib/generated/**", "scratch/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", DATABASE_IMPORTS] },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx", "app/**/*.ts", "components/**/*.ts"],
    plugins: { earshot },
    rules: { "earshot/no-server-only-in-client": "error" },
  },
  // Preloads for the web server (node --require) are plain CommonJS by necessity.
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/db/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name=/^\\$(query|execute)RawUnsafe$/]",
          message:
            "Write raw SQL with lib/db/sql.ts (sql`…` fragments run by query()/execute()); the Unsafe raw queries belong in lib/db only.",
        },
        {
          selector: "MemberExpression[property.value=/^\\$(query|execute)RawUnsafe$/]",
          message: "Write raw SQL with lib/db/sql.ts; the Unsafe raw queries belong in lib/db only.",
        },
      ],
    },
  },
];

export default config;
