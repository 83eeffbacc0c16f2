import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { RuleMatcher } from "./matcher";
import { parseQuery } from "./query/parser";
import type { Span } from "./query/evaluate";
import type { createRuleSchema, updateRuleSchema } from "./schemas";
import { forgetWorkspaceMatcher } from "./workspace-matcher";

export interface RuleRow {
  id: string;
  name: string;
  query: string;
  active: boolean;
  updatedAt: string;
}

export interface BrandWithRules {
  id: string;
  name: string;
  isCompetitor: boolean;
  color: string;
  rules: RuleRow[];
}

export async function listBrandsWithRules(workspaceId: string): Promise<BrandWithRules[]> {
  const brands = await db().brand.findMany({
    where: { workspaceId },
    orderBy: [{ isCompetitor: "asc" }, { name: "asc" }],
    include: { keywordRules: { where: { workspaceId }, orderBy: { createdAt: "asc" } } },
  });
  return brands.map((b) => ({
    id: b.id,
    name: b.name,
    isCompetitor: b.isCompetitor,
    color: b.color,
    rules: b.keywordRules.map((r) => ({
      id: r.id,
      name: r.name,
      query: r.query,
      active: r.active,
      updatedAt: r.updatedAt.toISOString(),
    })),
  }));
}

function assertValid(query: string) {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new ExpectedError(`${parsed.error.message} (at character ${parsed.error.offset + 1})`);
}

export async function createRule(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof createRuleSchema>,
): Promise<RuleRow> {
  assertValid(input.query);
  const brand = await db().brand.findFirst({ where: { id: input.brandId, workspaceId } });
  if (!brand) throw notFound("That brand");
  const rule = await db().$transaction(async (tx) => {
    const created = await tx.keywordRule.create({
      data: { workspaceId, brandId: brand.id, name: input.name, query: input.query, active: input.active },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "rule.created",
      targetType: "keywordRule",
      targetId: created.id,
      details: { name: created.name, query: created.query },
    });
    return created;
  });
  forgetWorkspaceMatcher(workspaceId);
  return {
    id: rule.id,
    name: rule.name,
    query: rule.query,
    active: rule.active,
    updatedAt: rule.updatedAt.toISOString(),
  };
}

async function loadRule(workspaceId: string, ruleId: string) {
  const rule = await db().keywordRule.findFirst({ where: { id: ruleId, workspaceId } });
  if (!rule) throw notFound("That rule");
  return rule;
}

export async function updateRule(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof updateRuleSchema>,
): Promise<void> {
  assertValid(input.query);
  const before = await loadRule(workspaceId, input.ruleId);
  await db().$transaction(async (tx) => {
    await tx.keywordRule.update({
      where: { id: before.id },
      data: { name: input.name, query: input.query, active: input.active },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "rule.updated",
      targetType: "keywordRule",
      targetId: before.id,
      details: {
        before: { name: before.name, query: before.query, active: before.active },
        after: { name: input.name, query: input.query, active: input.active },
      },
    });
  });
  forgetWorkspaceMatcher(workspaceId);
}

export async function setRuleActive(
  workspaceId: string,
  actorUserId: string,
  ruleId: string,
  active: boolean,
): Promise<void> {
  const rule = await loadRule(workspaceId, ruleId);
  await db().$transaction(async (tx) => {
    await tx.keywordRule.update({ where: { id: rule.id }, data: { active } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: active ? "rule.enabled" : "rule.disabled",
      targetType: "keywordRule",
      targetId: rule.id,
    });
  });
  forgetWorkspaceMatcher(workspaceId);
}

export async function deleteRule(workspaceId: string, actorUserId: string, ruleId: string): Promise<void> {
  const rule = await loadRule(workspaceId, ruleId);
  await db().$transaction(async (tx) => {
    await tx.keywordRule.delete({ where: { id: rule.id } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "rule.deleted",
      targetType: "keywordRule",
      targetId: rule.id,
      details: { name: rule.name, query: rule.query },
    });
  });
  forgetWorkspaceMatcher(workspaceId);
}

export interface RulePreview {
  scanned: number;
  matched: number;
  examples: Array<{
    id: string;
    text: string;
    spans: Span[];
    network: string;
    author: string | null;
    postedAt: string;
  }>;
}

/** What a query would have matched among the workspace's latest stored mentions. */
export async function previewRule(workspaceId: string, query: string, limit: number): Promise<RulePreview> {
  assertValid(query);
  const mentions = await db().mention.findMany({
    where: { workspaceId, deleted: false },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      text: true,
      title: true,
      language: true,
      network: true,
      url: true,
      postedAt: true,
      author: { select: { handle: true, followers: true, verified: true } },
    },
  });
  const matcher = new RuleMatcher([{ id: "preview", query }]);
  let matched = 0;
  const examples: RulePreview["examples"] = [];
  for (const m of mentions) {
    // Stored text is already plain text; the title is matched with it (spec §1).
    const post = {
      text: m.text,
      title: m.title,
      lang: m.language,
      source: m.network,
      url: m.url,
      author: m.author,
      html: false,
    };
    const [hit] = matcher.match(post);
    if (!hit) continue;
    matched++;
    if (examples.length < 10) {
      const offset = m.title ? m.title.length + 1 : 0;
      examples.push({
        id: m.id,
        text: m.text,
        // Spans index into "title\ntext"; keep those inside the text and shift them to it.
        spans: hit.spans.filter(([s]) => s >= offset).map(([s, e]) => [s - offset, e - offset] as Span),
        network: m.network,
        author: m.author?.handle ?? null,
        postedAt: m.postedAt.toISOString(),
      });
    }
  }
  return { scanned: mentions.length, matched, examples };
}
