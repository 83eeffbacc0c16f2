import "server-only";
import { db } from "@/lib/db/client";
import { currentModel } from "@/lib/enrich/learn/store";
import { sentimentReasons } from "@/lib/enrich/learn/explain";
import type { CaseStatus, Network, Priority, Sentiment } from "@/lib/generated/prisma/client";

export interface CaseListRow {
  id: string;
  number: number;
  subject: string;
  status: CaseStatus;
  priority: Priority;
  network: Network | null;
  authorHandle: string | null;
  contactName: string | null;
  assigneeName: string | null;
  brandName: string | null;
  sentiment: Sentiment | null;
  /** The first inbound mention, for the sentiment control and its reasons. */
  mentionId: string | null;
  sentimentReasons: string[];
  firstResponseDueAt: string | null;
  lastActivityAt: string;
}

/** The latest cases of a workspace, newest activity first (the full inbox arrives with its own issue). */
export async function listRecentCases(workspaceId: string, limit = 50): Promise<{ rows: CaseListRow[]; asOf: number }> {
  const asOf = Date.now();
  const model = (await currentModel(workspaceId))?.model ?? null;
  const rows = await db().case.findMany({
    where: { workspaceId },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      firstResponseDueAt: true,
      lastActivityAt: true,
      contact: { select: { name: true } },
      assignee: { select: { name: true } },
      brand: { select: { name: true } },
      messages: {
        where: { kind: "INBOUND" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { mention: { select: { id: true, text: true, network: true, sentiment: true, author: { select: { handle: true } } } } },
      },
    },
  });
  const list = rows.map((r) => {
    const mention = r.messages[0]?.mention;
    return {
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      network: mention?.network ?? null,
      authorHandle: mention?.author?.handle ?? null,
      contactName: r.contact?.name ?? null,
      assigneeName: r.assignee?.name ?? null,
      brandName: r.brand?.name ?? null,
      sentiment: mention?.sentiment ?? null,
      mentionId: mention?.id ?? null,
      sentimentReasons: mention ? sentimentReasons(mention.text, model) : [],
      firstResponseDueAt: r.firstResponseDueAt?.toISOString() ?? null,
      lastActivityAt: r.lastActivityAt.toISOString(),
    };
  });
  return { rows: list, asOf };
}
