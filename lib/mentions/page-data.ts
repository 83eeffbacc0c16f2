import "server-only";
import { db } from "@/lib/db/client";
import { listMentions } from "./list";
import { parseMentionQueryWithProblems } from "./query";

/**
 * The mentions page: the workspace's zone, the parsed filter, a page, and the names it shows;
 * `problems` lists the parameters that were not understood (the page shows them; they are ignored).
 */
export async function mentionsPage(workspaceId: string, params: Record<string, string | string[] | undefined>) {
  const ws = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } });
  const { query, problems } = parseMentionQueryWithProblems(params);
  const [page, brand, rule, author] = await Promise.all([
    listMentions(workspaceId, ws.timeZone, query),
    query.brand && query.brand !== "none"
      ? db().brand.findFirst({ where: { id: query.brand, workspaceId }, select: { name: true } })
      : null,
    query.rule ? db().keywordRule.findFirst({ where: { id: query.rule, workspaceId }, select: { name: true } }) : null,
    query.author
      ? db().socialIdentity.findFirst({ where: { id: query.author, workspaceId }, select: { handle: true } })
      : null,
  ]);
  return {
    timeZone: ws.timeZone,
    query,
    problems,
    ...page,
    labels: { brand: brand?.name ?? null, rule: rule?.name ?? null, author: author?.handle ?? null },
  };
}
