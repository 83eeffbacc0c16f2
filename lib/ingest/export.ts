import "server-only";
import { db } from "@/lib/db/client";

export interface ExportedMention {
  id: string;
  network: string;
  externalId: string;
  url: string | null;
  createdAt: string;
  text: string;
  lang: string | null;
  authorHandle: string | null;
  sentiment: { label: string; score: number | null } | null;
  intent: string | null;
  rules: string[];
  brand: string | null;
  caseId: string | null;
  contactId: string | null;
}

/** The workspace's mentions, oldest first, a page at a time (keyset pagination, never OFFSET). */
export async function* exportMentions(
  workspaceId: string,
  since?: Date,
  pageSize = 1000,
): AsyncGenerator<ExportedMention> {
  let after: { postedAt: Date; id: string } | null = null;
  for (;;) {
    const page: Array<{
      id: string;
      network: string;
      externalId: string;
      url: string | null;
      postedAt: Date;
      text: string;
      language: string | null;
      sentiment: string | null;
      sentimentScore: number | null;
      intent: string | null;
      author: { handle: string; contactId: string | null } | null;
      brand: { name: string } | null;
      ruleMatches: Array<{ ruleId: string }>;
      messages: Array<{ caseId: string }>;
    }> = await db().mention.findMany({
      where: {
        workspaceId,
        ...(since ? { postedAt: { gte: since } } : {}),
        ...(after
          ? { OR: [{ postedAt: { gt: after.postedAt } }, { postedAt: after.postedAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ postedAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: {
        id: true,
        network: true,
        externalId: true,
        url: true,
        postedAt: true,
        text: true,
        language: true,
        sentiment: true,
        sentimentScore: true,
        intent: true,
        author: { select: { handle: true, contactId: true } },
        brand: { select: { name: true } },
        ruleMatches: { select: { ruleId: true }, orderBy: { createdAt: "asc" } },
        messages: { select: { caseId: true }, take: 1, orderBy: { createdAt: "asc" } },
      },
    });
    for (const m of page) {
      yield {
        id: m.id,
        network: m.network,
        externalId: m.externalId,
        url: m.url,
        createdAt: m.postedAt.toISOString(),
        text: m.text,
        lang: m.language,
        authorHandle: m.author?.handle ?? null,
        sentiment: m.sentiment ? { label: m.sentiment.toLowerCase(), score: m.sentimentScore } : null,
        intent: m.intent?.toLowerCase() ?? null,
        rules: m.ruleMatches.map((r) => r.ruleId),
        brand: m.brand?.name ?? null,
        caseId: m.messages[0]?.caseId ?? null,
        contactId: m.author?.contactId ?? null,
      };
    }
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { postedAt: last.postedAt, id: last.id };
  }
}
