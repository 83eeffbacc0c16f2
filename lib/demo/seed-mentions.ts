import "server-only";
import type { Intent, Prisma, Sentiment } from "@/lib/generated/prisma/client";
import * as C from "./content";
import { fill, postUrl } from "./links";
import { HOUR, type DemoContext } from "./seed-context";
import type { DemoIdentity } from "./seed-contacts";
import type { DemoRules } from "./seed-listening";
import { BRAND_DEFS, type DemoBrand } from "./seed-workspace";

const MENTIONS = 420;
const MAX_CASES = 90;
const COMPETITOR = 2;

export type MentionKind = "complaint" | "question" | "praise" | "neutral";

export interface DemoMention {
  id: string;
  authorId: string | null;
  brandId: string | null;
  text: string;
  postedAt: Date;
  sentiment: Sentiment | null;
}

/** A mention that becomes a case, in the order the cases are numbered. */
export interface CaseCandidate {
  mention: DemoMention;
  kind: MentionKind;
}

const TEMPLATES: Record<MentionKind, readonly string[]> = {
  complaint: C.COMPLAINTS,
  question: C.QUESTIONS,
  praise: C.PRAISE,
  neutral: C.NEUTRAL,
};
const SENTIMENTS: Record<MentionKind, Sentiment> = {
  complaint: "NEGATIVE",
  question: "NEUTRAL",
  praise: "POSITIVE",
  neutral: "NEUTRAL",
};
const INTENTS: Record<MentionKind, Intent> = {
  complaint: "COMPLAINT",
  question: "QUESTION",
  praise: "PRAISE",
  neutral: "OTHER",
};

function pickKind({ rnd }: DemoContext): MentionKind {
  const roll = rnd.next();
  return roll < 0.45 ? "complaint" : roll < 0.65 ? "question" : roll < 0.8 ? "praise" : "neutral";
}

/** Any time in the 30 days before the demo's "now". */
function pickPostedAt({ anchor, rnd }: DemoContext): Date {
  return new Date(anchor.getTime() - Math.floor(rnd.next() * 30 * 24) * HOUR - rnd.int(0, 59) * 60_000);
}

function sentimentScore({ rnd }: DemoContext, sentiment: Sentiment): number {
  return sentiment === "NEGATIVE" ? -0.4 - rnd.next() * 0.5 : sentiment === "POSITIVE" ? 0.4 + rnd.next() * 0.5 : 0;
}

function mentionRow(ctx: DemoContext, i: number, identities: DemoIdentity[], brands: DemoBrand[]) {
  const { workspaceId, seed, rnd } = ctx;
  const identity = rnd.pick(identities);
  const brandIndex = rnd.chance(0.7) ? 0 : rnd.chance(0.5) ? 1 : COMPETITOR;
  const kind = pickKind(ctx);
  const template = rnd.pick(TEMPLATES[kind]);
  const text = fill(template, {
    brand: brands[brandIndex].name,
    handle: BRAND_DEFS[brandIndex].ownHandles.x[0],
    competitor: brands[COMPETITOR].name,
  });
  const externalId = `${seed}${String(100000 + i)}`;
  const postedAt = pickPostedAt(ctx);
  const row: Prisma.MentionCreateManyInput = {
    workspaceId,
    network: identity.network,
    externalId,
    brandId: brands[brandIndex].id,
    authorId: identity.id,
    url: postUrl(identity.network, identity.handle, externalId),
    title: identity.network === "reddit" || identity.network === "rss" ? text.split(/[.?!]/)[0] : null,
    text,
    language: "en",
    postedAt,
    metrics: { likes: rnd.int(0, 40), replies: rnd.int(0, 8), shares: rnd.int(0, 5) },
    sentiment: SENTIMENTS[kind],
    sentimentScore: sentimentScore(ctx, SENTIMENTS[kind]),
    intent: INTENTS[kind],
    threadKey: externalId,
  };
  return { row, kind, ownBrand: brandIndex !== COMPETITOR };
}

/** Every mention matches the first keyword rule of its brand. */
async function seedRuleMatches(
  { tx, workspaceId }: DemoContext,
  mentions: DemoMention[],
  rules: DemoRules,
): Promise<void> {
  await tx.mentionRuleMatch.createMany({
    data: mentions.flatMap((m) => {
      const brandRules = rules.all.filter((r) => r.brandId === m.brandId);
      return brandRules.length ? [{ workspaceId, mentionId: m.id, ruleId: brandRules[0].id }] : [];
    }),
  });
}

/** Mentions over the last 30 days; returns the complaints and questions to own brands that become cases. */
export async function seedMentions(
  ctx: DemoContext,
  identities: DemoIdentity[],
  brands: DemoBrand[],
  rules: DemoRules,
) {
  const rows: Prisma.MentionCreateManyInput[] = [];
  const candidates: Array<{ externalId: string; kind: MentionKind }> = [];
  for (let i = 0; i < MENTIONS; i++) {
    const { row, kind, ownBrand } = mentionRow(ctx, i, identities, brands);
    rows.push(row);
    if (ownBrand && (kind === "complaint" || kind === "question") && candidates.length < MAX_CASES)
      candidates.push({ externalId: row.externalId, kind });
  }
  await ctx.tx.mention.createMany({ data: rows });
  const mentions = await ctx.tx.mention.findMany({
    where: { workspaceId: ctx.workspaceId },
    select: { id: true, externalId: true, authorId: true, brandId: true, text: true, postedAt: true, sentiment: true },
  });
  const byExternal = new Map(mentions.map((m) => [m.externalId, m]));
  await seedRuleMatches(ctx, mentions, rules);
  const cases: CaseCandidate[] = candidates.map((c) => ({ mention: byExternal.get(c.externalId)!, kind: c.kind }));
  return { mentions: rows.length, cases };
}
