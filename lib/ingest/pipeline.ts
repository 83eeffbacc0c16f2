import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { enrich } from "@/lib/enrich";
import { workspaceMatcher } from "@/lib/listening/workspace-matcher";
import { currentModel } from "@/lib/enrich/learn/store";
import type { RuleMatch } from "@/lib/listening/matcher";
import type { IngestEvent, NetworkName, NormalizedMention, ParseOutput, Rejection } from "./mention";
import { unnestColumns, valuesList } from "./sql";
import { linkIdentities, prefetchCandidates } from "@/lib/contacts/linking/link-identities";
import type { CandidateContact, IdentityProfile } from "@/lib/contacts/linking/evidence";
import { extractEmails, normalizeEmail, normalizeWebsite } from "@/lib/contacts/normalize";
import { contactSettings } from "@/lib/contacts/settings";
import { loadRoutingContext } from "@/lib/cases/routing-context";
import { routeNewMentions, type RouteInput, type RouteSummary } from "@/lib/cases/route-batch";

// The one ingestion pipeline: every entrance (server actions, the HTTP API, webhooks, the
// CLI, connectors) parses its input into events and calls ingestEvents. Per batch it makes a
// fixed number of database round trips, whatever the batch size.

export interface IngestSummary {
  received: number;
  accepted: number;
  duplicates: number;
  ignored: number;
  rejected: Rejection[];
  matched: number;
  updated: number;
  deleted: number;
  cases: RouteSummary;
}

export interface IngestOptions {
  sourceId?: string | null;
  /** The brand a direct delivery (own page webhook, own channel) belongs to. */
  brandId?: string | null;
  batchSize?: number;
  /** Link authors to contacts (default). Off only to measure what linking costs. */
  linkContacts?: boolean;
  /** Route new mentions into cases (default). */
  routeCases?: boolean;
}

interface BrandInfo {
  id: string;
  isCompetitor: boolean;
  handles: Map<string, Set<string>>;
}

interface Prepared {
  mention: NormalizedMention;
  edit: boolean;
  brandId: string | null;
  direct: boolean;
  matches: RuleMatch[];
  enrichment: ReturnType<typeof enrich>;
}

const normHandle = (h: string) => h.trim().replace(/^@/, "").toLowerCase();

async function loadContext(workspaceId: string) {
  const [brands, rules, matcher, learned, workspace, routing] = await Promise.all([
    db().brand.findMany({ where: { workspaceId }, select: { id: true, isCompetitor: true, ownHandles: true } }),
    db().keywordRule.findMany({ where: { workspaceId }, select: { id: true, brandId: true } }),
    workspaceMatcher(workspaceId),
    currentModel(workspaceId),
    db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } }),
    loadRoutingContext(db(), workspaceId),
  ]);
  const brandInfo: BrandInfo[] = brands.map((b) => {
    const handles = new Map<string, Set<string>>();
    const own = (b.ownHandles ?? {}) as Record<string, unknown>;
    for (const [network, list] of Object.entries(own)) {
      if (Array.isArray(list)) handles.set(network, new Set(list.filter((h): h is string => typeof h === "string").map(normHandle)));
    }
    return { id: b.id, isCompetitor: b.isCompetitor, handles };
  });
  return {
    brands: brandInfo,
    ruleBrand: new Map(rules.map((r) => [r.id, r.brandId])),
    matcher,
    model: learned?.model ?? null,
    autoCreateContacts: contactSettings(workspace?.settings).autoCreate,
    routing,
  };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** Decides what a post is to the workspace: its own post, a match, a direct reach, or nothing. */
function prepare(ctx: Context, event: Extract<IngestEvent, { kind: "upsert" }>, options: IngestOptions): Prepared | "own" | "irrelevant" {
  const m = event.mention;
  const authorHandle = m.author ? normHandle(m.author.handle) : null;
  const authorId = m.author ? normHandle(m.author.accountId) : null;
  const ownBrand = ctx.brands.find((b) => !b.isCompetitor && (b.handles.get(m.network)?.has(authorHandle ?? "") || b.handles.get(m.network)?.has(authorId ?? "")));
  if (ownBrand) return "own";
  const matches = ctx.matcher.match({
    text: m.text,
    title: m.title,
    lang: m.lang,
    source: m.network,
    url: m.url,
    author: m.author ? { handle: m.author.handle, followers: m.author.followers, verified: m.author.verified } : null,
    html: false,
  });
  // Handles the post addresses: those the network reported, and @handles written in the text.
  const addressed = new Set([...m.addressedTo, ...(m.text.match(/@[\w.-]+(?:@[\w.-]+)?/g) ?? []).map((h) => h.replace(/[.]+$/, ""))].map(normHandle));
  const addressedBrand = ctx.brands.find((b) => !b.isCompetitor && [...(b.handles.get(m.network) ?? [])].some((h) => addressed.has(h)));
  const direct = m.direct || !!addressedBrand;
  if (matches.length === 0 && !direct) return "irrelevant";
  const brandId =
    (matches.length ? ctx.ruleBrand.get(matches[0].ruleId) : null) ??
    addressedBrand?.id ??
    options.brandId ??
    ctx.brands.find((b) => !b.isCompetitor)?.id ??
    null;
  return {
    mention: m,
    edit: !!event.edit,
    brandId,
    direct,
    matches,
    enrichment: enrich({ text: m.text, title: m.title, lang: m.lang, followers: m.author?.followers }, ctx.model),
  };
}

const key = (network: string, externalId: string) => `${network}\u0000${externalId}`;

export async function ingestEvents(workspaceId: string, parsed: ParseOutput, options: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = {
    received: parsed.events.length + parsed.ignored + parsed.rejected.length,
    accepted: 0,
    duplicates: 0,
    ignored: parsed.ignored,
    rejected: [...parsed.rejected],
    matched: 0,
    updated: 0,
    deleted: 0,
    cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
  };
  const ctx = await loadContext(workspaceId);
  const batchSize = options.batchSize ?? 500;
  const upserts = parsed.events.filter((e): e is Extract<IngestEvent, { kind: "upsert" }> => e.kind === "upsert");
  const deletes = parsed.events.filter((e): e is Extract<IngestEvent, { kind: "delete" }> => e.kind === "delete");

  // The same post twice in one input is one mention (an edit keeps the latest version).
  const latest = new Map<string, Extract<IngestEvent, { kind: "upsert" }>>();
  for (const event of upserts) {
    const k = key(event.mention.network, event.mention.externalId);
    const earlier = latest.get(k);
    if (earlier) summary.duplicates++;
    latest.set(k, earlier && !event.edit ? earlier : { ...event, edit: !!(event.edit || earlier?.edit) });
  }
  const events = [...latest.values()];
  // Matching and enrichment of the next batch run while the database writes this one.
  const prepareBatch = (from: number): Prepared[] => {
    const out: Prepared[] = [];
    for (const event of events.slice(from, from + batchSize)) {
      const prepared = prepare(ctx, event, options);
      if (prepared === "own" || prepared === "irrelevant") summary.ignored++;
      else out.push(prepared);
    }
    return out;
  };
  // Linking candidates of the next batch's authors are read while this batch is written.
  const linking = options.linkContacts !== false;
  // A failed prefetch only means the candidates are read inside the transaction instead.
  const prefetch = (items: Prepared[]) =>
    linking ? prefetchCandidates(workspaceId, authorProfiles(items)).catch(() => new Map<string, CandidateContact[]>()) : Promise.resolve(new Map<string, CandidateContact[]>());
  let next = prepareBatch(0);
  let nextCandidates = prefetch(next);
  for (let i = 0; i < events.length; i += batchSize) {
    const writing = next.length ? writeBatch(workspaceId, next, options, ctx, nextCandidates) : Promise.resolve(null);
    await new Promise((resolve) => setImmediate(resolve)); // let the write go out first
    next = i + batchSize < events.length ? prepareBatch(i + batchSize) : [];
    nextCandidates = next.length ? prefetch(next) : Promise.resolve(new Map());
    const result = await writing;
    if (!result) continue;
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.matched += result.matched;
    summary.updated += result.updated;
    for (const k of ["created", "joined", "reopened", "logged"] as const) summary.cases[k] += result.cases[k];
  }
  if (deletes.length) summary.deleted = await markDeleted(workspaceId, deletes);
  if (options.sourceId) {
    await db().source.updateMany({ where: { id: options.sourceId, workspaceId }, data: { lastEventAt: new Date() } });
  }
  return summary;
}

/** Authors as their identity rows will store them (the same normal forms as the upsert below). */
function authorProfiles(items: Prepared[]): Array<IdentityProfile & { accountId: string }> {
  const out = new Map<string, IdentityProfile & { accountId: string }>();
  for (const { mention: m } of items) {
    const a = m.author;
    if (!a) continue;
    out.set(key(m.network, a.accountId), {
      network: m.network, accountId: a.accountId, handle: a.handle, displayName: a.displayName ?? null, email: storedEmail(a), website: a.website ? normalizeWebsite(a.website) : null,
      location: a.location?.trim() || null, bio: a.bio ?? null,
    });
  }
  return [...out.values()];
}

const storedEmail = (a: NonNullable<NormalizedMention["author"]>) => (a.email ? normalizeEmail(a.email) : null) ?? extractEmails(a.bio)[0] ?? null;

async function writeBatch(workspaceId: string, items: Prepared[], options: IngestOptions, ctx: Context, candidates: Promise<Map<string, CandidateContact[]>>) {
  const now = new Date();
  // Awaited before the transaction opens: on embedded PGlite an open transaction holds the
  // single backend, so the prefetch (another connection) could not finish inside it.
  const prefetched = await candidates;
  return db().$transaction(
    async (tx) => {
      // 1. Authors: one upsert for the batch.
      const authors = new Map<string, NonNullable<NormalizedMention["author"]> & { network: NetworkName }>();
      for (const item of items) if (item.mention.author) authors.set(key(item.mention.network, item.mention.author.accountId), { ...item.mention.author, network: item.mention.network });
      const identityIds = new Map<string, string>();
      if (authors.size) {
        const rows = [...authors.values()].map((a) => [
          randomUUID(), workspaceId, a.network, a.accountId, a.handle, a.displayName ?? null, a.followers ?? null, a.verified ?? false,
          a.bio ?? null, a.profileUrl ?? null, a.avatarUrl ?? null, now,
          storedEmail(a), a.website ? normalizeWebsite(a.website) : null, a.location?.trim() || null,
        ]);
        const v = unnestColumns(rows, ["text", "text", '"Network"', "text", "text", "text", "int", "boolean", "text", "text", "text", "timestamptz", "text", "text", "text"]);
        const returned = await tx.$queryRawUnsafe<Array<{ id: string; network: string; accountId: string; contactId: string | null }>>(
          `INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","followers","verified","bio","profileUrl","avatarUrl","updatedAt","email","website","location")
           SELECT * FROM ${v.sql}
           ON CONFLICT ("workspaceId","network","accountId") DO UPDATE SET
             "handle" = EXCLUDED."handle",
             "displayName" = COALESCE(EXCLUDED."displayName", "SocialIdentity"."displayName"),
             "followers" = COALESCE(EXCLUDED."followers", "SocialIdentity"."followers"),
             "verified" = EXCLUDED."verified" OR "SocialIdentity"."verified",
             "bio" = COALESCE(EXCLUDED."bio", "SocialIdentity"."bio"),
             "profileUrl" = COALESCE(EXCLUDED."profileUrl", "SocialIdentity"."profileUrl"),
             "avatarUrl" = COALESCE(EXCLUDED."avatarUrl", "SocialIdentity"."avatarUrl"),
             "email" = COALESCE(EXCLUDED."email", "SocialIdentity"."email"),
             "website" = COALESCE(EXCLUDED."website", "SocialIdentity"."website"),
             "location" = COALESCE(EXCLUDED."location", "SocialIdentity"."location"),
             "updatedAt" = EXCLUDED."updatedAt"
           -- Most authors post again unchanged: rewriting their row would only cost.
           WHERE ("SocialIdentity"."handle", "SocialIdentity"."displayName", "SocialIdentity"."followers", "SocialIdentity"."verified",
                  "SocialIdentity"."bio", "SocialIdentity"."profileUrl", "SocialIdentity"."avatarUrl",
                  "SocialIdentity"."email", "SocialIdentity"."website", "SocialIdentity"."location")
             IS DISTINCT FROM (EXCLUDED."handle", COALESCE(EXCLUDED."displayName", "SocialIdentity"."displayName"),
                  COALESCE(EXCLUDED."followers", "SocialIdentity"."followers"), EXCLUDED."verified" OR "SocialIdentity"."verified",
                  COALESCE(EXCLUDED."bio", "SocialIdentity"."bio"), COALESCE(EXCLUDED."profileUrl", "SocialIdentity"."profileUrl"),
                  COALESCE(EXCLUDED."avatarUrl", "SocialIdentity"."avatarUrl"), COALESCE(EXCLUDED."email", "SocialIdentity"."email"),
                  COALESCE(EXCLUDED."website", "SocialIdentity"."website"), COALESCE(EXCLUDED."location", "SocialIdentity"."location"))
           RETURNING "id", "network"::text AS "network", "accountId", "contactId"`,
          ...v.params,
        );
        for (const r of returned) identityIds.set(key(r.network, r.accountId), r.id);
        // New or changed profiles without a contact: look for the contact they belong to.
        // (Unchanged ones were looked at when first seen; new contacts look for them in turn.)
        const unlinked = returned.filter((r) => !r.contactId).map((r) => r.id);
        if (unlinked.length && options.linkContacts !== false) await linkIdentities(tx, workspaceId, unlinked, { autoCreate: ctx.autoCreateContacts }, prefetched);
        // Unchanged authors were neither inserted nor updated, so not returned: look them up.
        const unchanged = [...authors.values()].filter((a) => !identityIds.has(key(a.network, a.accountId)));
        if (unchanged.length) {
          const u = unnestColumns(unchanged.map((a) => [a.network, a.accountId]), ['"Network"', "text"], 1);
          const rows = await tx.$queryRawUnsafe<Array<{ id: string; network: string; accountId: string }>>(
            `SELECT "id", "network"::text AS "network", "accountId" FROM "SocialIdentity"
             WHERE "workspaceId" = $1 AND ("network", "accountId") IN (SELECT * FROM ${u.sql})`,
            workspaceId,
            ...u.params,
          );
          for (const r of rows) identityIds.set(key(r.network, r.accountId), r.id);
        }
      }

      // 2. Edits of mentions already stored: keep the previous text, take the new one.
      const edits = items.filter((i) => i.edit);
      const existing = new Map<string, { id: string; text: string }>();
      if (edits.length) {
        const v = valuesList(edits.map((e) => [e.mention.network, e.mention.externalId]), ['"Network"', "text"], 1);
        const rows = await tx.$queryRawUnsafe<Array<{ id: string; network: string; externalId: string; text: string }>>(
          `SELECT m."id", m."network"::text AS "network", m."externalId", m."text" FROM "Mention" m
           JOIN (VALUES ${v.sql}) AS k("network","externalId") ON m."network" = k."network" AND m."externalId" = k."externalId"
           WHERE m."workspaceId" = $1`,
          workspaceId,
          ...v.params,
        );
        for (const r of rows) existing.set(key(r.network, r.externalId), { id: r.id, text: r.text });
      }
      const updates = edits.filter((e) => existing.has(key(e.mention.network, e.mention.externalId)));
      const inserts = items.filter((i) => !existing.has(key(i.mention.network, i.mention.externalId)));

      // 3. New mentions: the unique index decides, so concurrent deliveries still make one row.
      const ids = new Map<string, string>();
      let accepted = 0;
      if (inserts.length) {
        const rows = inserts.map((item) => {
          const m = item.mention;
          const e = item.enrichment;
          return [
            randomUUID(), workspaceId, m.network, m.externalId, options.sourceId ?? null, item.brandId,
            m.author ? (identityIds.get(key(m.network, m.author.accountId)) ?? null) : null,
            m.url ?? null, m.title ?? null, m.text, e.lang, m.createdAt, now, JSON.stringify(m.metrics),
            e.sentiment, e.sentimentScore, e.sentimentConfidence, e.intent, e.influence, item.direct,
            m.threadKey ?? null, m.inReplyToId ?? null, item.edit, m.raw === undefined ? null : JSON.stringify(m.raw),
          ];
        });
        const v = unnestColumns(rows, [
          "text", "text", '"Network"', "text", "text", "text", "text", "text", "text", "text", "text", "timestamptz", "timestamptz", "jsonb",
          '"Sentiment"', "float8", "float8", '"Intent"', "int", "boolean", "text", "text", "boolean", "jsonb",
        ]);
        const returned = await tx.$queryRawUnsafe<Array<{ id: string; network: string; externalId: string }>>(
          `INSERT INTO "Mention" ("id","workspaceId","network","externalId","sourceId","brandId","authorId","url","title","text","language",
             "postedAt","ingestedAt","metrics","sentiment","sentimentScore","sentimentConfidence","intent","influence","directReach",
             "threadKey","inReplyToId","edited","raw")
           SELECT * FROM ${v.sql}
           ON CONFLICT ("workspaceId","network","externalId") DO NOTHING
           RETURNING "id", "network"::text AS "network", "externalId"`,
          ...v.params,
        );
        accepted = returned.length;
        for (const r of returned) ids.set(key(r.network, r.externalId), r.id);
      }
      if (updates.length) {
        const rows = updates.map((u) => {
          const e = u.enrichment;
          return [existing.get(key(u.mention.network, u.mention.externalId))!.id, u.mention.text, u.mention.title ?? null, e.sentiment, e.sentimentScore, e.sentimentConfidence, e.intent];
        });
        const v = valuesList(rows, ["text", "text", "text", '"Sentiment"', "float8", "float8", '"Intent"']);
        await tx.$executeRawUnsafe(
          `UPDATE "Mention" m SET
             "previousTexts" = m."previousTexts" || jsonb_build_array(m."text"),
             "text" = u."text", "title" = COALESCE(u."title", m."title"), "edited" = true,
             "sentiment" = u."sentiment", "sentimentScore" = u."score", "sentimentConfidence" = u."confidence", "intent" = u."intent"
           FROM (VALUES ${v.sql}) AS u("id","text","title","sentiment","score","confidence","intent")
           WHERE m."id" = u."id" AND m."text" IS DISTINCT FROM u."text"`,
          ...v.params,
        );
        for (const u of updates) ids.set(key(u.mention.network, u.mention.externalId), existing.get(key(u.mention.network, u.mention.externalId))!.id);
      }

      // 4. Which rules matched, with their spans (replaced for edited mentions).
      const matchRows: unknown[][] = [];
      let matched = 0;
      for (const item of [...inserts, ...updates]) {
        const id = ids.get(key(item.mention.network, item.mention.externalId));
        if (!id) continue;
        if (item.matches.length) matched++;
        for (const m of item.matches) matchRows.push([randomUUID(), workspaceId, id, m.ruleId, JSON.stringify(m.spans)]);
      }
      if (updates.length) {
        await tx.mentionRuleMatch.deleteMany({ where: { workspaceId, mentionId: { in: updates.map((u) => ids.get(key(u.mention.network, u.mention.externalId))!) } } });
      }
      if (matchRows.length) {
        const v = unnestColumns(matchRows, ["text", "text", "text", "text", "jsonb"]);
        await tx.$executeRawUnsafe(
          `INSERT INTO "MentionRuleMatch" ("id","workspaceId","mentionId","ruleId","spans") SELECT * FROM ${v.sql} ON CONFLICT ("mentionId","ruleId") DO NOTHING`,
          ...v.params,
        );
      }
      // 5. Cases: new mentions join their thread's or author's case, reopen one, or are routed.
      const routeInputs: RouteInput[] = [];
      if (options.routeCases !== false) {
        for (const item of inserts) {
          const id = ids.get(key(item.mention.network, item.mention.externalId));
          if (!id || item.edit) continue;
          const m = item.mention;
          routeInputs.push({
            mentionId: id, network: m.network, externalId: m.externalId, threadKey: m.threadKey ?? null, inReplyToId: m.inReplyToId ?? null,
            authorId: m.author ? (identityIds.get(key(m.network, m.author.accountId)) ?? null) : null, brandId: item.brandId,
            ruleIds: item.matches.map((x) => x.ruleId), sentiment: item.enrichment.sentiment, intent: item.enrichment.intent, influence: item.enrichment.influence,
            followers: m.author?.followers ?? null, direct: item.direct, text: m.text, title: m.title ?? null, postedAt: m.createdAt,
          });
        }
      }
      const cases = await routeNewMentions(tx, workspaceId, routeInputs, ctx.routing);
      return { accepted, duplicates: inserts.length - accepted, matched, updated: updates.length, cases };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function markDeleted(workspaceId: string, deletes: Array<{ network: NetworkName; externalId: string }>): Promise<number> {
  const v = valuesList(deletes.map((d) => [d.network, d.externalId]), ['"Network"', "text"], 1);
  return db().$executeRawUnsafe(
    `UPDATE "Mention" m SET "deleted" = true FROM (VALUES ${v.sql}) AS k("network","externalId")
     WHERE m."workspaceId" = $1 AND m."network" = k."network" AND m."externalId" = k."externalId" AND NOT m."deleted"`,
    workspaceId,
    ...v.params,
  );
}
