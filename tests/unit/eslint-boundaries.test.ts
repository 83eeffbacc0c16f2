// The layer boundaries ESLint enforces (docs/architecture.md): pages and components never reach
// lib/db or the Prisma client, and client components never import server-only modules.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe("layer boundaries", () => {
  it("refuses lib/db and the Prisma client in app/ and components/", async () => {
    expect(
      await problems(
        "app/(console)/x/page.tsx",
        'import { db } from "@/lib/db/client";\nexport default function P() { return db ? null : null; }\n',
      ),
    ).toContain("no-restricted-imports");
    expect(
      await problems(
        "components/x/y.tsx",
        'import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const y = PrismaClient;\n',
      ),
    ).toContain("no-restricted-imports");
  });

  it("refuses a server-only module in a client component, not in a server component", async () => {
    const code = (directive: string) =>
      `${directive}import { listCases } from "@/lib/inbox/list";\nexport const f = listCases;\n`;
    expect(await problems("components/x/client.tsx", code('"use client";\n'))).toContain(
      "earshot/no-server-only-in-client",
    );
    expect(await problems("components/x/server.tsx", code(""))).not.toContain("earshot/no-server-only-in-client");
  });

  it("lets a client component import server actions and pure modules", async () => {
    const code =
      '"use client";\nimport { assignCaseAction } from "@/lib/cases/actions";\nimport { idParam } from "@/lib/util/params";\nexport const f = [assignCaseAction, idParam];\n';
    expect(await problems("components/x/client.tsx", code)).toEqual([]);
  });
});
