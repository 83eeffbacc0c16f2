import "server-only";
import { db } from "@/lib/db/client";
import { RuleMatcher, type RuleMatch } from "./matcher";
import type { PostInput } from "./query/post";

// One compiled matcher per workspace, rebuilt when its rules change. A change made in this
// process drops the entry at once; a change made by another app server is noticed through
// the rules' version (count and latest update), checked on each use.

interface Entry {
  version: string;
  matcher: RuleMatcher;
}

const cache = ((globalThis as unknown as { __earshotMatchers?: Map<string, Entry> }).__earshotMatchers ??= new Map());

async function rulesVersion(workspaceId: string): Promise<string> {
  const agg = await db().keywordRule.aggregate({
    where: { workspaceId },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
}

export function forgetWorkspaceMatcher(workspaceId: string): void {
  cache.delete(workspaceId);
}

export async function workspaceMatcher(workspaceId: string): Promise<RuleMatcher> {
  const version = await rulesVersion(workspaceId);
  const cached = cache.get(workspaceId);
  if (cached && cached.version === version) return cached.matcher;
  const rules = await db().keywordRule.findMany({
    where: { workspaceId, active: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, query: true },
  });
  const matcher = new RuleMatcher(rules);
  cache.set(workspaceId, { version, matcher });
  return matcher;
}

/** The workspace's active rules that a post matches, with explanation spans. */
export async function matchPost(workspaceId: string, post: PostInput): Promise<RuleMatch[]> {
  return (await workspaceMatcher(workspaceId)).match(post);
}
