import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/actions/errors";
import { getCaseByNumber } from "./detail";
import { replyToCase } from "./update";

// The automation API's view of a case (GET /api/v1/cases/<number>) and its replies
// (POST /api/v1/cases/<number>/replies): the same case and the same reply path as the console.

export interface ApiCaseMessage {
  id: string;
  kind: "inbound" | "outbound" | "note";
  at: string;
  author: string | null;
  text: string;
  network?: string | null;
  url?: string | null;
  delivery?: { state: string; url: string | null; error: string | null; account: string | null } | null;
}

export interface ApiCase {
  number: number;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  brand: string | null;
  assignee: string | null;
  network: string | null;
  customer: { network: string; handle: string; displayName: string | null } | null;
  messages: ApiCaseMessage[];
}

export async function caseForApi(workspaceId: string, number: number): Promise<ApiCase> {
  const c = await getCaseByNumber(workspaceId, number);
  const messages = c.conversation.flatMap((item): ApiCaseMessage[] => {
    if (item.kind === "inbound")
      return [
        {
          id: item.id,
          kind: "inbound",
          at: item.at,
          author: item.handle,
          text: item.deleted ? "" : item.text,
          network: item.network,
          url: item.url,
        },
      ];
    if (item.kind === "outbound")
      return [
        {
          id: item.id,
          kind: "outbound",
          at: item.at,
          author: item.author,
          text: item.text,
          delivery: {
            state: item.delivery ?? item.outbox?.state ?? "sent",
            url: item.outbox?.url ?? null,
            error: item.outbox?.error ?? null,
            account: item.outbox?.account ?? null,
          },
        },
      ];
    if (item.kind === "note") return [{ id: item.id, kind: "note", at: item.at, author: item.author, text: item.text }];
    return [];
  });
  return {
    number: c.number,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    tags: c.tags,
    brand: c.brandName,
    assignee: c.assignee?.name ?? null,
    network: c.reply.network,
    customer: c.author
      ? { network: c.author.network, handle: c.author.handle, displayName: c.author.displayName }
      : null,
    messages,
  };
}

export const apiReplySchema = z.object({
  body: z.string().trim().min(1, "is empty").max(20_000),
  solve: z.boolean().optional(),
});

/** A reply as the composer makes it: limits, approval rules and the outbox; the API key's role counts as the author's. */
export async function replyFromApi(
  workspaceId: string,
  number: number,
  role: string,
  input: z.output<typeof apiReplySchema>,
) {
  const c = await db().case.findFirst({ where: { workspaceId, number }, select: { id: true, version: true } });
  if (!c) throw notFound("That case");
  const result = await replyToCase(
    workspaceId,
    null,
    { caseId: c.id, version: c.version, body: input.body, confirmStale: true, solve: input.solve },
    { role },
  );
  return { messageId: result.messageId, delivery: result.delivery };
}
