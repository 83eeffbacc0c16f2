import "server-only";
import { db } from "@/lib/db/client";
import type { Network } from "@/lib/generated/prisma/client";

export interface ContactListRow {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  tier: string | null;
  identities: Array<{ network: Network; handle: string; followers: number | null }>;
  openCases: number;
}

export async function listContacts(workspaceId: string, limit = 100): Promise<ContactListRow[]> {
  const rows = await db().contact.findMany({
    where: { workspaceId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      emails: true,
      company: true,
      tier: true,
      identities: { select: { network: true, handle: true, followers: true } },
      _count: { select: { cases: { where: { status: { notIn: ["SOLVED", "CLOSED"] } } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.emails[0] ?? null,
    company: r.company,
    tier: r.tier,
    identities: r.identities,
    openCases: r._count.cases,
  }));
}
