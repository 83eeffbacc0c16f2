import {
  enqueueWebhookEvents,
  mentionCreatedEvent,
  subscribedEvents,
  type WebhookEventInput,
} from "@/lib/webhooks/events";
import type { NewCaseInfo } from "@/lib/cases/route-batch";
import { attachReturnedReplies, sentReplyKeys, type PostKey } from "@/lib/outbox/returned";
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { databaseMessageOf, isDataError, retryTransaction } from "@/lib/db/retry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enrich } from "@/lib/enrich";
import { workspaceMatcher } from "@/lib/listening/workspace-matcher";
import { currentModel } from "@/lib/enrich/learn/store";
import type { RuleMatch } from "@/lib/listening/matcher";
import type { IngestEvent, NetworkName, NormalizedMention, ParseOutput, Rejection } from "./mention";
import {
  empty,
  execute,
  ident,
  intLiteral,
  join,
  jsonRecords,
  query,
  sql,
  typed,
  typedArray,
  unnestColumns,
  type Identifier,
  type RecordColumn,
  type Sql,
} from "@/lib/db/sql";
import { linkIdentities, prefetchCandidates } from "@/lib/contacts/linking/link-identities";
import type { CandidateContact, IdentityProfile } from "@/lib/contacts/linking/evidence";
import { extractEmails, normalizeEmail, normalizeWebsite } from "@/lib/contacts/normalize";
import { contactSettings } from "@/lib/contacts/settings";
import { loadRoutingContext } from "@/lib/cases/routing-context";
import { routeNewMentions, type RouteInput, type RouteSummary } from "@/lib/cases/route-batch";
import { parsePrivacySettings } from "@/lib/privacy/settings";
import { erasedExternalId } from "@/lib/privacy/tombstones";
import { tombstonedKeys } from "@/lib/privacy/tombstone-store";
import { retrainWithoutErased } from "@/lib/privacy/retrain";

// The one ingestion pipeline: every entrance (server actions, the HTTP API, webhooks, the
// CLI, connectors) parses its input into events and calls ingestEvents. Per batch it makes a
// fixed number of database round trips, whatever the batch size.
//
// Concurrent deliveries: every multi-row write locks its rows in one fixed order (authors by
// network and account id, mentions by network and external id, existing rows by id), so two
// batches sharing authors or posts wait for each other instead of deadlocking; a batch that
// still loses a conflict (a deadlock elsewhere, a serialization failure) runs again, whole.
// Bad data: a batch the database refuses for its data is split until the offending posts are
// alone, and only they are rejected.

/**
 * What became of an input. Every item is counted exactly once:
 * received = accepted + duplicates + ignored + rejected.length + updated + deleted + deferredDeletes.
 */
export interface IngestSummary {
  received: number;
  /**
   * New posts stored. One whose deletion came first is stored deleted and erased, and opens no
   * case; one of an erased person (anonymised) or of a contact who restricts processing opens none either.
   */
  accepted: number;
  /** Posts already stored or repeated in the input; deletions already applied or repeated. */
  duplicates: number;
  /**
   * Understood but not kept: likes and the like, the brand's own posts, posts no rule wants, and
   * posts of an erased person when the workspace drops them (settings.privacy.afterErasure).
   */
  ignored: number;
  rejected: Rejection[];
  /** Of the stored and updated posts, those a keyword rule matched (not part of the balance). */
  matched: number;
  /** Edits applied to stored posts. */
  updated: number;
  /** Stored posts marked deleted. */
  deleted: number;
  /** Deletions of posts not stored (yet): remembered, so the post is stored as deleted if it comes. */
  deferredDeletes: number;
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

/** What enrichment stored: nothing for a post that may not be enriched (its author restricts processing). */
type StoredEnrichment = {
  [K in keyof ReturnType<typeof enrich>]: K extends "lang" ? string | null : ReturnType<typeof enrich>[K] | null;
};

interface Prepared {
  mention: NormalizedMention;
  edit: boolean;
  brandId: string | null;
  direct: boolean;
  matches: RuleMatch[];
  enrichment: StoredEnrichment;
  /** Its author's contact restricts processing: stored, never enriched, routed or announced. */
  restricted: boolean;
  /** Its author was erased and the workspace keeps such posts anonymised: stored without person or words. */
  anonymised: boolean;
  /** The payload and metrics as JSON text, made here: one JSON cannot hold rejects its post only. */
  rawJson: string | null;
  metricsJson: string;
}

const normHandle = (h: string) => h.trim().replace(/^@/, "").toLowerCase();

/**
 * The workspace's settings, and whether privacy needs looking at in this delivery: any erased
 * identity (tombstones), any contact restricting processing. One statement: most workspaces have
 * neither, and then ingestion does nothing more for them.
 */
async function loadWorkspacePrivacy(workspaceId: string) {
  const [row] = await query<{ settings: unknown; anyTombstone: boolean; anyRestricted: boolean }>(
    db(),
    sql`SELECT w."settings",
       EXISTS (SELECT 1 FROM "ErasureTombstone" t WHERE t."workspaceId" = w."id") AS "anyTombstone",
       EXISTS (SELECT 1 FROM "Contact" c WHERE c."workspaceId" = w."id" AND c."restrictProcessing") AS "anyRestricted"
     FROM "Workspace" w WHERE w."id" = ${workspaceId}`,
  );
  // The identities of contacts restricting processing, loaded once per delivery.
  const restricted = new Set<string>();
  if (row?.anyRestricted) {
    const rows = await query<{ network: string; accountId: string }>(
      db(),
      sql`SELECT i."network"::text AS "network", i."accountId" FROM "Contact" c JOIN "SocialIdentity" i ON i."contactId" = c."id"
       WHERE c."workspaceId" = ${workspaceId} AND c."restrictProcessing" AND i."workspaceId" = ${workspaceId}`,
    );
    for (const r of rows) restricted.add(key(r.network, r.accountId));
  }
  return { settings: row?.settings, anyTombstone: !!row?.anyTombstone, restricted };
}

async function loadContext(workspaceId: string) {
  const [brands, rules, matcher, learned, workspace, routing, webhookEvents] = await Promise.all([
    db().brand.findMany({ where: { workspaceId }, select: { id: true, isCompetitor: true, ownHandles: true } }),
    db().keywordRule.findMany({ where: { workspaceId }, select: { id: true, brandId: true } }),
    workspaceMatcher(workspaceId),
    currentModel(workspaceId),
    loadWorkspacePrivacy(workspaceId),
    loadRoutingContext(db(), workspaceId),
    subscribedEvents(db(), workspaceId),
  ]);
  const brandInfo: BrandInfo[] = brands.map((b) => {
    const handles = new Map<string, Set<string>>();
    const own = (b.ownHandles ?? {}) as Record<string, unknown>;
    for (const [network, list] of Object.entries(own)) {
      if (Array.isArray(list))
        handles.set(network, new Set(list.filter((h): h is string => typeof h === "string").map(normHandle)));
    }
    return { id: b.id, isCompetitor: b.isCompetitor, handles };
  });
  return {
    brands: brandInfo,
    ruleBrand: new Map(rules.map((r) => [r.id, r.brandId])),
    matcher,
    model: learned?.model ?? null,
    autoCreateContacts: contactSettings(workspace.settings).autoCreate,
    privacy: parsePrivacySettings(workspace.settings),
    anyTombstone: workspace.anyTombstone,
    /** `network \0 accountId` of identities whose contact restricts processing. */
    restrictedAuthors: workspace.restricted,
    routing,
    // Events some webhook endpoint wants: nothing is built for the others (the common case).
    webhookEvents,
  };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** Decides what a post is to the workspace: its own post, a match, a direct reach, nothing, or unstorable. */
function prepare(
  ctx: Context,
  event: Extract<IngestEvent, { kind: "upsert" }>,
  options: IngestOptions,
  restricted = false,
): Prepared | Rejection | "own" | "irrelevant" {
  const m = event.mention;
  const authorHandle = m.author ? normHandle(m.author.handle) : null;
  const authorId = m.author ? normHandle(m.author.accountId) : null;
  const ownBrand = ctx.brands.find(
    (b) =>
      !b.isCompetitor &&
      (b.handles.get(m.network)?.has(authorHandle ?? "") || b.handles.get(m.network)?.has(authorId ?? "")),
  );
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
  const addressed = new Set(
    [...m.addressedTo, ...(m.text.match(/@[\w.-]+(?:@[\w.-]+)?/g) ?? []).map((h) => h.replace(/[.]+$/, ""))].map(
      normHandle,
    ),
  );
  const addressedBrand = ctx.brands.find(
    (b) => !b.isCompetitor && [...(b.handles.get(m.network) ?? [])].some((h) => addressed.has(h)),
  );
  const direct = m.direct || !!addressedBrand;
  if (matches.length === 0 && !direct) return "irrelevant";
  const brandId =
    (matches.length ? ctx.ruleBrand.get(matches[0].ruleId) : null) ??
    addressedBrand?.id ??
    options.brandId ??
    ctx.brands.find((b) => !b.isCompetitor)?.id ??
    null;
  let rawJson: string | null;
  let metricsJson: string;
  try {
    rawJson = m.raw === undefined ? null : JSON.stringify(m.raw);
    metricsJson = JSON.stringify(m.metrics);
  } catch (error) {
    // Nesting deeper than the JSON writer's stack, for one: this post cannot be kept as sent.
    return { where: whereOf(m), reason: `The post's payload cannot be stored as JSON: ${(error as Error).message}` };
  }
  return {
    mention: m,
    edit: !!event.edit,
    brandId,
    direct,
    matches,
    enrichment: restricted
      ? notEnriched(m.lang)
      : enrich({ text: m.text, title: m.title, lang: m.lang, followers: m.author?.followers }, ctx.model),
    rawJson,
    metricsJson,
    restricted,
    anonymised: false,
  };
}

/** No language guessed, no sentiment, intent or influence: only what the network said. */
const notEnriched = (lang: string | null | undefined): StoredEnrichment => ({
  lang: lang ?? null,
  sentiment: null,
  sentimentScore: null,
  sentimentConfidence: null,
  intent: null,
  influence: null,
});

/**
 * A post of an erased person, kept as an anonymous counted event: no author, no words, no
 * link, no payload, no thread; under a keyed id (the network's may name its author); never
 * matched to a rule, linked, routed or announced.
 */
function anonymise(item: Prepared): Prepared {
  const m = item.mention;
  return {
    ...item,
    mention: {
      ...m,
      externalId: erasedExternalId(m.network, m.externalId),
      text: "",
      title: null,
      url: null,
      author: null,
      addressedTo: [],
      threadKey: null,
      inReplyToId: null,
      replyRef: null,
      raw: undefined,
      metrics: {},
    },
    matches: [],
    enrichment: notEnriched(null),
    rawJson: null,
    metricsJson: "{}",
    restricted: false,
    anonymised: true,
  };
}

/** Where a post is, for a rejection: its network and id. */
const whereOf = (m: { network: string; externalId: string }) => `${m.network}:${m.externalId}`;

const key = (network: string, externalId: string) => `${network}\u0000${externalId}`;
/** The one order in which every batch locks rows: two batches never wait for each other in a circle. */
const lockOrder = <T>(items: T[], keyOf: (item: T) => string): T[] =>
  items
    .map((item) => [keyOf(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);

type Upsert = Extract<IngestEvent, { kind: "upsert" }>;
type Delete = Extract<IngestEvent, { kind: "delete" }>;

/** Posts prepared between two looks at the database's answers (a few milliseconds of work). */
const PREPARE_SLICE = 50;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function ingestEvents(
  workspaceId: string,
  parsed: ParseOutput,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = {
    received: parsed.events.length + parsed.ignored + parsed.rejected.length,
    accepted: 0,
    duplicates: 0,
    ignored: parsed.ignored,
    rejected: [...parsed.rejected],
    matched: 0,
    updated: 0,
    deleted: 0,
    deferredDeletes: 0,
    cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
  };
  const ctx = await loadContext(workspaceId);
  const batchSize = options.batchSize ?? 500;
  const upserts = parsed.events.filter((e): e is Upsert => e.kind === "upsert");
  const deletes = parsed.events.filter((e): e is Delete => e.kind === "delete");

  // The same post twice in one input is one mention (an edit keeps the latest version).
  const latest = new Map<string, Upsert>();
  for (const event of upserts) {
    const k = key(event.mention.network, event.mention.externalId);
    const earlier = latest.get(k);
    if (earlier) summary.duplicates++;
    latest.set(k, earlier && !event.edit ? earlier : { ...event, edit: !!(event.edit || earlier?.edit) });
  }
  const events = [...latest.values()];
  // The brand's own posts, and replies Earshot sent coming back: attached to their outbound
  // messages, never a mention or a case.
  const sentReplies = await sentReplyKeys(
    workspaceId,
    events.map((e) => e.mention),
  );
  // Erased people (their tombstones): one query for the delivery's authors, only in a workspace
  // that has erased anyone.
  const erased = ctx.anyTombstone ? await tombstonedAuthors(workspaceId, events) : new Set<string>();
  const ownPosts: PostKey[] = [];
  // Matching and enrichment of the next batch run while the database writes this one: in
  // slices, handing the event loop back between them so that the write's next statement goes
  // out as soon as the previous one returns (the database and this process then work at once).
  const prepareBatch = async (from: number): Promise<Prepared[]> => {
    const out: Prepared[] = [];
    const to = Math.min(from + batchSize, events.length);
    for (let j = from; j < to; j++) {
      if (j > from && (j - from) % PREPARE_SLICE === 0) await yieldToIo();
      const m = events[j].mention;
      const author = m.author ? key(m.network, m.author.accountId) : null;
      const gone = author !== null && erased.has(author);
      if (gone && ctx.privacy.afterErasure === "drop") {
        summary.ignored++;
        continue;
      }
      const prepared = sentReplies.has(key(m.network, m.externalId))
        ? "own"
        : prepare(ctx, events[j], options, author !== null && ctx.restrictedAuthors.has(author));
      if (prepared === "own") ownPosts.push({ network: m.network, externalId: m.externalId, url: m.url });
      if (prepared === "own" || prepared === "irrelevant") summary.ignored++;
      else if ("reason" in prepared) summary.rejected.push(prepared);
      else out.push(gone ? anonymise(prepared) : prepared);
    }
    return out;
  };
  // Linking candidates of the next batch's authors are read while this batch is written.
  const linking = options.linkContacts !== false;
  // A failed prefetch only means the candidates are read inside the transaction instead.
  const prefetch = (items: Prepared[]) =>
    linking
      ? prefetchCandidates(workspaceId, authorProfiles(items)).catch(() => new Map<string, CandidateContact[]>())
      : Promise.resolve(new Map<string, CandidateContact[]>());
  let next = await prepareBatch(0);
  let nextCandidates = prefetch(next);
  for (let i = 0; i < events.length; i += batchSize) {
    const writing = next.length ? writeBatch(workspaceId, next, options, ctx, nextCandidates) : Promise.resolve(null);
    // A write that fails while the next batch is prepared is not unhandled: it is awaited below.
    writing.catch(() => undefined);
    await yieldToIo(); // let the write go out first
    next = i + batchSize < events.length ? await prepareBatch(i + batchSize) : [];
    nextCandidates = next.length ? prefetch(next) : Promise.resolve(new Map());
    const result = await writing;
    if (!result) continue;
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.matched += result.matched;
    summary.updated += result.updated;
    summary.rejected.push(...result.rejected);
    for (const k of ["created", "joined", "reopened", "logged"] as const) summary.cases[k] += result.cases[k];
  }
  if (ownPosts.length) await attachReturnedReplies(workspaceId, ownPosts);
  if (deletes.length) {
    const outcome = await applyDeletes(workspaceId, deletes);
    summary.deleted += outcome.deleted;
    summary.duplicates += outcome.duplicates;
    summary.deferredDeletes += outcome.deferred;
    summary.rejected.push(...outcome.rejected);
  }
  if (options.sourceId) {
    await db().source.updateMany({ where: { id: options.sourceId, workspaceId }, data: { lastEventAt: new Date() } });
  }
  return summary;
}

/** The delivery's authors who were erased, by `network \0 accountId`. */
function tombstonedAuthors(workspaceId: string, events: Upsert[]): Promise<Set<string>> {
  const authors = new Map<string, { network: string; accountId: string }>();
  for (const { mention: m } of events)
    if (m.author)
      authors.set(key(m.network, m.author.accountId), { network: m.network, accountId: m.author.accountId });
  return authors.size ? tombstonedKeys(workspaceId, [...authors.values()]) : Promise.resolve(new Set());
}

/** Authors as their identity rows will store them (the same normal forms as the upsert below). */
function authorProfiles(items: Prepared[]): Array<IdentityProfile & { accountId: string }> {
  const out = new Map<string, IdentityProfile & { accountId: string }>();
  for (const { mention: m, restricted } of items) {
    const a = m.author;
    // A restricted author is linked already, and their contact is left as it is.
    if (!a || restricted) continue;
    out.set(key(m.network, a.accountId), {
      network: m.network,
      accountId: a.accountId,
      handle: a.handle,
      displayName: a.displayName ?? null,
      email: storedEmail(a),
      website: a.website ? normalizeWebsite(a.website) : null,
      location: a.location?.trim() || null,
      bio: a.bio ?? null,
    });
  }
  return [...out.values()];
}

const storedEmail = (a: NonNullable<NormalizedMention["author"]>) =>
  (a.email ? normalizeEmail(a.email) : null) ?? extractEmails(a.bio)[0] ?? null;

interface BatchResult {
  accepted: number;
  duplicates: number;
  matched: number;
  updated: number;
  rejected: Rejection[];
  cases: RouteSummary;
}

const emptyBatch = (): BatchResult => ({
  accepted: 0,
  duplicates: 0,
  matched: 0,
  updated: 0,
  rejected: [],
  cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
});

function mergeBatches(a: BatchResult, b: BatchResult): BatchResult {
  return {
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    matched: a.matched + b.matched,
    updated: a.updated + b.updated,
    rejected: [...a.rejected, ...b.rejected],
    cases: {
      created: a.cases.created + b.cases.created,
      joined: a.cases.joined + b.cases.joined,
      reopened: a.cases.reopened + b.cases.reopened,
      logged: a.cases.logged + b.cases.logged,
    },
  };
}

/**
 * Writes a batch in one transaction, run again whole if it loses a conflict (a rolled-back
 * attempt leaves nothing, so nothing is counted or routed twice). If the database refuses the
 * batch's data, the halves are written apart, down to the single posts it refuses.
 */
async function writeBatch(
  workspaceId: string,
  items: Prepared[],
  options: IngestOptions,
  ctx: Context,
  candidates: Promise<Map<string, CandidateContact[]>>,
): Promise<BatchResult> {
  // Awaited before the transaction opens: on embedded PGlite an open transaction holds the
  // single backend, so the prefetch (another connection) could not finish inside it.
  const prefetched = await candidates;
  const write = async (part: Prepared[]): Promise<BatchResult> => {
    // Candidates read ahead may be out of date once another transaction has committed (the one
    // this batch collided with, or an earlier half): later attempts read them inside.
    const committed = await retryTransaction((attempt) =>
      writeTransaction(workspaceId, part, options, ctx, attempt === 0 && part === items ? prefetched : undefined),
    );
    await applyLateDeletions(workspaceId, committed.liveIds);
    // Examples learned from earlier versions went with them: the model forgets them too.
    if (committed.labelsDropped) await retrainWithoutErased(workspaceId);
    return committed.result;
  };
  const isolate = async (part: Prepared[]): Promise<BatchResult> => {
    try {
      return await write(part);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (part.length === 1)
        return {
          ...emptyBatch(),
          rejected: [
            { where: whereOf(part[0].mention), reason: `The database refused the post: ${databaseMessageOf(error)}` },
          ],
        };
      const half = Math.ceil(part.length / 2);
      return mergeBatches(await isolate(part.slice(0, half)), await isolate(part.slice(half)));
    }
  };
  return isolate(items);
}

type Tx = Prisma.TransactionClient;

async function writeTransaction(
  workspaceId: string,
  items: Prepared[],
  options: IngestOptions,
  ctx: Context,
  prefetched: Map<string, CandidateContact[]> | undefined,
): Promise<{ result: BatchResult; liveIds: string[]; labelsDropped: boolean }> {
  const now = new Date();
  return db().$transaction(
    async (tx) => {
      const identityIds = await upsertAuthors(tx, workspaceId, items, now, options, ctx, prefetched);
      const existing = await storedVersions(
        tx,
        workspaceId,
        items.filter((i) => i.edit),
      );
      const updates = lockOrder(
        items.filter((i) => i.edit && existing.has(key(i.mention.network, i.mention.externalId))),
        (u) => existing.get(key(u.mention.network, u.mention.externalId))!.id,
      );
      const inserts = items.filter((i) => !existing.has(key(i.mention.network, i.mention.externalId)));
      const inserted = await insertMentions(tx, workspaceId, inserts, identityIds, options, now);
      const eraseHistory = ctx.privacy.eraseEditHistory;
      await applyEdits(tx, updates, existing, eraseHistory);
      // Earlier versions also live in the case (its first words, its search text, the message)
      // and in webhook deliveries: replaced there too when the workspace erases edit history.
      const rewritten = eraseHistory ? await rewriteCopies(tx, workspaceId, editedCopies(updates, existing)) : null;
      const ids = new Map<string, string>([...inserted].map(([k, row]) => [k, row.id]));
      for (const u of updates)
        ids.set(
          key(u.mention.network, u.mention.externalId),
          existing.get(key(u.mention.network, u.mention.externalId))!.id,
        );
      const matched = await writeRuleMatches(
        tx,
        workspaceId,
        [...inserts, ...updates],
        ids,
        updates.map((u) => ids.get(key(u.mention.network, u.mention.externalId))!),
        inserted,
      );

      // Cases: new live mentions join their thread's or author's case, reopen one, or are routed.
      // A post whose deletion came first opens nothing; nor does one that may not be processed
      // (its author restricts processing) or of an erased person.
      const live = inserts.filter((i) => inserted.get(key(i.mention.network, i.mention.externalId))?.deleted === false);
      const processed = live.filter((i) => !i.restricted && !i.anonymised);
      const routeInputs: RouteInput[] =
        options.routeCases === false
          ? []
          : processed.filter((i) => !i.edit).map((item) => routeInput(item, inserted, identityIds));
      const cases = await routeNewMentions(tx, workspaceId, routeInputs, ctx.routing);
      await emitWebhookEvents(tx, workspaceId, ctx, processed, inserted, cases.newCases);
      return {
        result: {
          accepted: inserted.size,
          duplicates: inserts.length - inserted.size,
          matched,
          updated: updates.length,
          rejected: [],
          cases,
        },
        liveIds: live.map((i) => inserted.get(key(i.mention.network, i.mention.externalId))!.id),
        labelsDropped: (rewritten?.labelsDropped ?? 0) > 0,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** mention.created and case.created for the endpoints that want them, in the batch's transaction. */
async function emitWebhookEvents(
  tx: Tx,
  workspaceId: string,
  ctx: Context,
  live: Prepared[],
  inserted: Map<string, { id: string; deleted: boolean }>,
  newCases: NewCaseInfo[],
): Promise<void> {
  const events: WebhookEventInput[] = [];
  if (ctx.webhookEvents.has("mention.created"))
    for (const item of live) {
      const m = item.mention;
      events.push(
        mentionCreatedEvent({
          id: inserted.get(key(m.network, m.externalId))!.id,
          network: m.network,
          externalId: m.externalId,
          url: m.url ?? null,
          text: m.text,
          author: m.author ? { handle: m.author.handle, displayName: m.author.displayName ?? null } : null,
          postedAt: m.createdAt,
          brandId: item.brandId,
          sentiment: item.enrichment.sentiment,
        }),
      );
    }
  if (ctx.webhookEvents.has("case.created"))
    for (const c of newCases)
      events.push({
        event: "case.created",
        data: { number: c.number, subject: c.subject, status: c.status, priority: c.priority, assignee: null },
      });
  if (events.length) await enqueueWebhookEvents(tx, workspaceId, events);
}

const IDENTITY_COLUMNS: RecordColumn[] = [
  ["id", "text"],
  ["workspaceId", "text"],
  ["network", '"Network"'],
  ["accountId", "text"],
  ["handle", "text"],
  ["displayName", "text"],
  ["followers", "int"],
  ["verified", "boolean"],
  ["bio", "text"],
  ["profileUrl", "text"],
  ["avatarUrl", "text"],
  ["updatedAt", "timestamptz"],
  ["email", "text"],
  ["website", "text"],
  ["location", "text"],
];

/** The batch's authors, one upsert in lock order; returns their identity ids by network and account. */
async function upsertAuthors(
  tx: Tx,
  workspaceId: string,
  items: Prepared[],
  now: Date,
  options: IngestOptions,
  ctx: Context,
  prefetched: Map<string, CandidateContact[]> | undefined,
): Promise<Map<string, string>> {
  const byKey = new Map<string, NonNullable<NormalizedMention["author"]> & { network: NetworkName }>();
  for (const item of items)
    if (item.mention.author)
      byKey.set(key(item.mention.network, item.mention.author.accountId), {
        ...item.mention.author,
        network: item.mention.network,
      });
  const identityIds = new Map<string, string>();
  if (!byKey.size) return identityIds;
  const authors = lockOrder([...byKey.values()], (a) => key(a.network, a.accountId));
  const rows = authors.map((a) => [
    randomUUID(),
    workspaceId,
    a.network,
    a.accountId,
    a.handle,
    a.displayName ?? null,
    a.followers ?? null,
    a.verified ?? false,
    a.bio ?? null,
    a.profileUrl ?? null,
    a.avatarUrl ?? null,
    now,
    storedEmail(a),
    a.website ? normalizeWebsite(a.website) : null,
    a.location?.trim() || null,
  ]);
  // ON CONFLICT locks each existing row (even one left unchanged) in the order of the input rows.
  const returned = await query<{ id: string; network: string; accountId: string; contactId: string | null }>(
    tx,
    sql`INSERT INTO "SocialIdentity" ("id","workspaceId","network","accountId","handle","displayName","followers","verified","bio","profileUrl","avatarUrl","updatedAt","email","website","location")
     SELECT * FROM ${jsonRecords(rows, IDENTITY_COLUMNS, "u")}
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
  );
  for (const r of returned) identityIds.set(key(r.network, r.accountId), r.id);
  // New or changed profiles without a contact: look for the contact they belong to.
  // (Unchanged ones were looked at when first seen; new contacts look for them in turn.)
  const unlinked = returned
    .filter((r) => !r.contactId)
    .map((r) => r.id)
    .sort();
  if (unlinked.length && options.linkContacts !== false)
    await linkIdentities(tx, workspaceId, unlinked, { autoCreate: ctx.autoCreateContacts }, prefetched);
  // Unchanged authors were neither inserted nor updated, so not returned: look them up.
  const unchanged = authors.filter((a) => !identityIds.has(key(a.network, a.accountId)));
  if (unchanged.length) {
    const pairs = unchanged.map((a) => [a.network, a.accountId]);
    const found = await query<{ id: string; network: string; accountId: string }>(
      tx,
      sql`SELECT "id", "network"::text AS "network", "accountId" FROM "SocialIdentity"
       WHERE "workspaceId" = ${workspaceId} AND ${keyFilter(sql`"network"`, sql`"accountId"`, pairs)}`,
    );
    for (const r of found) identityIds.set(key(r.network, r.accountId), r.id);
  }
  return identityIds;
}

type StoredVersion = { id: string; text: string; title: string | null; ingestedAt: Date };

/** Stored mentions that these edits change: their id and current text and title. */
async function storedVersions(tx: Tx, workspaceId: string, edits: Prepared[]): Promise<Map<string, StoredVersion>> {
  const existing = new Map<string, StoredVersion>();
  if (!edits.length) return existing;
  const rows = await query<StoredVersion & { network: string; externalId: string }>(
    tx,
    sql`SELECT m."id", m."network"::text AS "network", m."externalId", m."text", m."title", m."ingestedAt" FROM "Mention" m
     WHERE m."workspaceId" = ${workspaceId} AND ${mentionKeyFilter(edits.map((e) => [e.mention.network, e.mention.externalId]))}`,
  );
  for (const r of rows)
    existing.set(key(r.network, r.externalId), { id: r.id, text: r.text, title: r.title, ingestedAt: r.ingestedAt });
  return existing;
}

/** The columns a new mention is stored with, in the order insertMentions builds its rows. */
const MENTION_COLUMNS: RecordColumn[] = [
  ["id", "text"],
  ["workspaceId", "text"],
  ["network", '"Network"'],
  ["externalId", "text"],
  ["sourceId", "text"],
  ["brandId", "text"],
  ["authorId", "text"],
  ["url", "text"],
  ["title", "text"],
  ["text", "text"],
  ["language", "text"],
  ["postedAt", "timestamptz"],
  ["ingestedAt", "timestamptz"],
  ["metrics", "jsonb", true],
  ["sentiment", '"Sentiment"'],
  ["sentimentScore", "float8"],
  ["sentimentConfidence", "float8"],
  ["intent", '"Intent"'],
  ["influence", "int"],
  ["directReach", "boolean"],
  ["threadKey", "text"],
  ["inReplyToId", "text"],
  ["replyRef", "jsonb", true],
  ["edited", "boolean"],
  ["raw", "jsonb", true],
  ["restricted", "boolean"],
  ["redactedAt", "timestamptz"],
];
/** A post's own words and links, emptied when it is stored already deleted by its author. */
const ERASED_ON_DELETE: Record<string, Sql> = {
  title: sql`NULL`,
  url: sql`NULL`,
  text: sql`''`,
  replyRef: sql`NULL`,
  raw: sql`NULL`,
};
const MENTION_COLUMN_LIST = join(
  MENTION_COLUMNS.map(([name]) => ident(name as Identifier)),
  ",",
);
/** The record's values, each personal one replaced when `x."gone"` (its deletion came first). */
const MENTION_VALUES_UNLESS_GONE = (now: Date) =>
  join(
    MENTION_COLUMNS.map(([name]) => {
      const column = sql`u.${ident(name as Identifier)}`;
      if (name === "redactedAt") return sql`CASE WHEN x."gone" THEN ${typed(now, "timestamptz")} ELSE ${column} END`;
      const erased = ERASED_ON_DELETE[name];
      return erased ? sql`CASE WHEN x."gone" THEN ${erased} ELSE ${column} END` : column;
    }),
    ",",
  );

/**
 * New mentions, in lock order; the unique index decides, so concurrent deliveries still make one
 * row. A post whose deletion arrived first is stored deleted. Returns the rows this batch stored.
 */
async function insertMentions(
  tx: Tx,
  workspaceId: string,
  inserts: Prepared[],
  identityIds: Map<string, string>,
  options: IngestOptions,
  now: Date,
): Promise<Map<string, { id: string; deleted: boolean }>> {
  const stored = new Map<string, { id: string; deleted: boolean }>();
  if (!inserts.length) return stored;
  const rows = lockOrder(inserts, (i) => key(i.mention.network, i.mention.externalId)).map((item) => {
    const m = item.mention;
    const e = item.enrichment;
    return [
      randomUUID(),
      workspaceId,
      m.network,
      m.externalId,
      options.sourceId ?? null,
      item.brandId,
      m.author ? (identityIds.get(key(m.network, m.author.accountId)) ?? null) : null,
      m.url ?? null,
      m.title ?? null,
      m.text,
      e.lang,
      m.createdAt,
      now,
      item.metricsJson,
      e.sentiment,
      e.sentimentScore,
      e.sentimentConfidence,
      e.intent,
      e.influence,
      item.direct,
      m.threadKey ?? null,
      m.inReplyToId ?? null,
      m.replyRef ? JSON.stringify(m.replyRef) : null,
      item.edit,
      item.rawJson,
      item.restricted,
      item.anonymised ? now : null,
    ];
  });
  // A post whose deletion was remembered is stored deleted and already erased (its words, link
  // and payload never written), and the remembrance, now served, goes in the same statement.
  // (Whether the workspace has any remembrance at all is asked once: usually it has none, and no
  // post need look for its own.)
  const returned = await query<{ id: string; network: string; externalId: string; deleted: boolean }>(
    tx,
    sql`WITH stored AS (
       INSERT INTO "Mention" (${MENTION_COLUMN_LIST}, "deleted")
       SELECT ${MENTION_VALUES_UNLESS_GONE(now)}, x."gone"
       FROM ${jsonRecords(rows, MENTION_COLUMNS, "u")}
       CROSS JOIN LATERAL (SELECT (SELECT EXISTS (SELECT 1 FROM "DeletedPost" WHERE "workspaceId" = ${workspaceId}))
         AND EXISTS (SELECT 1 FROM "DeletedPost" d WHERE d."workspaceId" = u."workspaceId" AND d."network" = u."network" AND d."externalId" = u."externalId") AS "gone") x
       ON CONFLICT ("workspaceId","network","externalId") DO NOTHING
       RETURNING "id", "workspaceId", "network", "externalId", "deleted"),
     served AS (${forgetDeletions(sql`(SELECT s."workspaceId", s."network", s."externalId" FROM stored s WHERE s."deleted")`)})
     SELECT "id", "network"::text AS "network", "externalId", "deleted" FROM stored`,
  );
  for (const r of returned) stored.set(key(r.network, r.externalId), { id: r.id, deleted: r.deleted });
  return stored;
}

/**
 * Edits of stored mentions (`updates` in lock order): keep the previous text, take the new one.
 * With `eraseHistory` (settings.privacy.eraseEditHistory) the earlier versions are not kept:
 * no previous texts, and the payload is the new version's. A post that may not be enriched
 * (restricted) keeps the scores it has.
 */
async function applyEdits(
  tx: Tx,
  updates: Prepared[],
  existing: Map<string, StoredVersion>,
  eraseHistory: boolean,
): Promise<void> {
  if (!updates.length) return;
  const rows = updates.map((u) => {
    const e = u.enrichment;
    return [
      existing.get(key(u.mention.network, u.mention.externalId))!.id,
      u.mention.text,
      u.mention.title ?? null,
      e.sentiment,
      e.sentimentScore,
      e.sentimentConfidence,
      e.intent,
      eraseHistory ? u.rawJson : null,
    ];
  });
  const records = jsonRecords(
    rows,
    [
      ["id", "text"],
      ["text", "text"],
      ["title", "text"],
      ["sentiment", '"Sentiment"'],
      ["score", "float8"],
      ["confidence", "float8"],
      ["intent", '"Intent"'],
      ["raw", "jsonb", true],
    ],
    "u",
  );
  const history = eraseHistory
    ? sql`"previousTexts" = '[]', "raw" = l."raw"`
    : sql`"previousTexts" = m."previousTexts" || jsonb_build_array(m."text")`;
  // The rows are locked in id order first (an UPDATE … FROM locks in whatever order its join
  // runs), each with its new values; then each is updated from its locked row, by primary key.
  await execute(
    tx,
    sql`WITH locked AS (
       SELECT m."id", u."text", u."title", u."sentiment", u."score", u."confidence", u."intent", u."raw" FROM ${records} JOIN "Mention" m ON m."id" = u."id"
       WHERE m."id" = ANY(${typedArray(
         rows.map((row) => row[0]),
         "text",
       )}) ORDER BY m."id" FOR NO KEY UPDATE OF m)
     UPDATE "Mention" m SET
       ${history},
       "text" = l."text", "title" = COALESCE(l."title", m."title"), "edited" = true,
       "sentiment" = COALESCE(l."sentiment", m."sentiment"), "sentimentScore" = COALESCE(l."score", m."sentimentScore"),
       "sentimentConfidence" = COALESCE(l."confidence", m."sentimentConfidence"), "intent" = COALESCE(l."intent", m."intent")
     FROM locked l
     WHERE m."id" = l."id" AND m."text" IS DISTINCT FROM l."text" AND m."redactedAt" IS NULL`,
  );
}

/**
 * Which rules matched, with their spans (replaced for edited mentions; none for a post stored
 * already deleted: they would point into erased words). Returns how many posts matched.
 */
async function writeRuleMatches(
  tx: Tx,
  workspaceId: string,
  items: Prepared[],
  ids: Map<string, string>,
  editedIds: string[],
  inserted: Map<string, { deleted: boolean }>,
): Promise<number> {
  const matchRows: unknown[][] = [];
  let matched = 0;
  for (const item of items) {
    const k = key(item.mention.network, item.mention.externalId);
    const id = ids.get(k);
    if (!id) continue;
    if (item.matches.length) matched++;
    const gone = inserted.get(k)?.deleted === true;
    for (const m of item.matches)
      matchRows.push([randomUUID(), workspaceId, id, m.ruleId, gone ? "[]" : JSON.stringify(m.spans)]);
  }
  if (editedIds.length) await tx.mentionRuleMatch.deleteMany({ where: { workspaceId, mentionId: { in: editedIds } } });
  if (matchRows.length) {
    const records = jsonRecords(
      lockOrder(matchRows, (r) => `${r[2]}\u0000${r[3]}`),
      [
        ["id", "text"],
        ["workspaceId", "text"],
        ["mentionId", "text"],
        ["ruleId", "text"],
        ["spans", "jsonb", true],
      ],
      "u",
    );
    // Matches of mentions this transaction inserted cannot exist yet: a plain insert, cheaper than
    // a speculative one. Edited mentions' matches were deleted above, but a concurrent edit of
    // the same post may write them too: there the unique index decides.
    const onConflict = editedIds.length ? sql` ON CONFLICT ("mentionId","ruleId") DO NOTHING` : empty;
    await execute(
      tx,
      sql`INSERT INTO "MentionRuleMatch" ("id","workspaceId","mentionId","ruleId","spans") SELECT * FROM ${records}${onConflict}`,
    );
  }
  return matched;
}

function routeInput(
  item: Prepared,
  inserted: Map<string, { id: string }>,
  identityIds: Map<string, string>,
): RouteInput {
  const m = item.mention;
  return {
    mentionId: inserted.get(key(m.network, m.externalId))!.id,
    network: m.network,
    externalId: m.externalId,
    threadKey: m.threadKey ?? null,
    inReplyToId: m.inReplyToId ?? null,
    authorId: m.author ? (identityIds.get(key(m.network, m.author.accountId)) ?? null) : null,
    brandId: item.brandId,
    ruleIds: item.matches.map((x) => x.ruleId),
    sentiment: item.enrichment.sentiment,
    intent: item.enrichment.intent,
    influence: item.enrichment.influence,
    followers: m.author?.followers ?? null,
    direct: item.direct,
    text: m.text,
    title: m.title ?? null,
    postedAt: m.createdAt,
  };
}

// Deletions and posts arrive in any order, and concurrently. Each side writes its fact before it
// looks for the other's: a batch commits its posts and then applies the deletions remembered
// for them; a deletion of a post not found commits its remembrance and then looks for the post
// again. Whatever the interleaving, one of the two sees the other, so the post ends deleted.

/**
 * Marks stored, live mentions among `ids` deleted (and erased) when a deletion for them was
 * remembered meanwhile, and forgets it. Usually nothing was: one read, and done.
 */
async function applyLateDeletions(workspaceId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const hits = await query<DeleteKey>(
    db(),
    sql`SELECT m."network", m."externalId" FROM "Mention" m
       JOIN "DeletedPost" d ON d."workspaceId" = m."workspaceId" AND d."network" = m."network" AND d."externalId" = m."externalId"
       WHERE m."workspaceId" = ${workspaceId} AND m."id" = ANY(${typedArray(ids, "text")}) AND NOT m."deleted"`,
  );
  if (!hits.length) return 0;
  const done = await retryTransaction(() =>
    db().$transaction((tx) =>
      markStoredDeleted(
        tx,
        workspaceId,
        lockOrder(hits, (h) => key(h.network, h.externalId)),
      ),
    ),
  );
  if (done.labelsDropped) await retrainWithoutErased(workspaceId);
  return done.found.size;
}

/**
 * A DELETE of the remembered deletions of `posts` (a query of workspace, network and external
 * id), for use as a CTE: once its post is stored deleted, a remembrance has served. Locked in
 * key order first, as every multi-row write here.
 */
function forgetDeletions(posts: Sql): Sql {
  return sql`DELETE FROM "DeletedPost" d USING (
      SELECT d2."workspaceId", d2."network", d2."externalId" FROM "DeletedPost" d2
      WHERE (d2."workspaceId", d2."network", d2."externalId") IN ${posts}
      ORDER BY d2."workspaceId", d2."network", d2."externalId" FOR UPDATE OF d2) k
    WHERE d."workspaceId" = k."workspaceId" AND d."network" = k."network" AND d."externalId" = k."externalId"`;
}

/**
 * Erases posts marked deleted before deletions erased anything (an upgrade's backlog), in
 * batches of `batch`: each is erased as a deletion arriving now would erase it. Returns how many.
 */
export async function eraseEarlierDeletions(workspaceId: string, batch = 500): Promise<number> {
  let erased = 0;
  let labelsDropped = false;
  for (;;) {
    const keys = await query<DeleteKey>(
      db(),
      sql`SELECT "network", "externalId" FROM "Mention" WHERE "workspaceId" = ${workspaceId} AND "deleted" AND "redactedAt" IS NULL
       ORDER BY "network", "externalId" LIMIT ${intLiteral(batch)}`,
    );
    if (!keys.length) break;
    const done = await retryTransaction(() => db().$transaction((tx) => markStoredDeleted(tx, workspaceId, keys)));
    erased += keys.length;
    labelsDropped ||= done.labelsDropped;
    if (keys.length < batch) break;
  }
  if (labelsDropped) await retrainWithoutErased(workspaceId);
  return erased;
}

/** Forgets deletions remembered longer ago than `olderThanDays` whose post never came; returns how many. */
export async function pruneDeletedPosts(olderThanDays = 30, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - olderThanDays * 86_400_000);
  const CHUNK = 10_000;
  let pruned = 0;
  for (;;) {
    // In chunks, so no statement holds many locks for long; rows another transaction holds (a
    // post arriving just now) are skipped and left to that transaction or the next run.
    const n = await execute(
      db(),
      sql`DELETE FROM "DeletedPost" d USING (
         SELECT "workspaceId", "network", "externalId" FROM "DeletedPost" WHERE "deletedAt" < ${before}
         ORDER BY "workspaceId", "network", "externalId" LIMIT ${intLiteral(CHUNK)} FOR UPDATE SKIP LOCKED) k
       WHERE d."workspaceId" = k."workspaceId" AND d."network" = k."network" AND d."externalId" = k."externalId"`,
    );
    pruned += n;
    if (n < CHUNK) return pruned;
  }
}

type DeleteKey = { network: NetworkName; externalId: string };

/**
 * Marks the stored mentions among `keys` deleted (in lock order), in a transaction: the author
 * deleted the post, so what it said goes (its text, title, link, earlier versions, payload and
 * reply data, and their copies: rewriteCopies); the row stays, counted, as "deleted by its
 * author". A post deleted before this erasure existed is erased when its deletion comes again.
 * Returns each found one's state before, and whether learned examples went with them.
 */
async function markStoredDeleted(
  tx: Tx,
  workspaceId: string,
  keys: DeleteKey[],
): Promise<{ found: Map<string, boolean>; labelsDropped: boolean }> {
  // A remembered deletion of a post found here has served (the post is now stored deleted).
  const rows = await query<{
    id: string;
    network: string;
    externalId: string;
    wasDeleted: boolean;
    erased: boolean;
    text: string;
    title: string | null;
    ingestedAt: Date;
  }>(
    tx,
    sql`WITH target AS (
       SELECT m."id", m."workspaceId", m."network", m."externalId", m."deleted", m."redactedAt", m."text", m."title", m."ingestedAt" FROM "Mention" m
       WHERE m."workspaceId" = ${workspaceId} AND ${mentionKeyFilter(keys.map((k) => [k.network, k.externalId]))}
       ORDER BY m."id" FOR NO KEY UPDATE),
     marked AS (UPDATE "Mention" m SET "deleted" = true, ${ERASE_MENTION_CONTENT}
       FROM target t WHERE m."id" = t."id" AND (NOT t."deleted" OR t."redactedAt" IS NULL) RETURNING m."id"),
     served AS (${forgetDeletions(sql`(SELECT t."workspaceId", t."network", t."externalId" FROM target t)`)})
     SELECT t."id", t."network"::text AS "network", t."externalId", t."deleted" AS "wasDeleted", t."text", t."title", t."ingestedAt",
       EXISTS (SELECT 1 FROM marked k WHERE k."id" = t."id") AS "erased"
     FROM target t`,
  );
  const erased = rows
    .filter((r) => r.erased)
    .map((r) => ({ mentionId: r.id, since: r.ingestedAt, before: r, after: null }));
  const copies = erased.length ? await rewriteCopies(tx, workspaceId, erased) : null;
  return {
    found: new Map(rows.map((r) => [key(r.network, r.externalId), r.wasDeleted])),
    labelsDropped: (copies?.labelsDropped ?? 0) > 0,
  };
}

/** What a mention keeps of its content once erased: nothing (the row stays, counted). */
const ERASE_MENTION_CONTENT = sql`"text" = '', "title" = NULL, "url" = NULL, "previousTexts" = '[]', "raw" = NULL,
  "replyRef" = NULL, "redactedAt" = COALESCE(m."redactedAt", now())`;

/** A case's subject when the post it came from was deleted by its author. */
const DELETED_SUBJECT = "(deleted by its author)";

/** The subject a case got from the post that opened it (the same rule as lib/cases/route-decide.ts). */
function subjectOf(m: { text: string; title: string | null }): string {
  const text = (m.title?.trim() || m.text).replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text || "(no text)";
}

interface CopyChange {
  mentionId: string;
  /** When the post was stored: nothing carried it before. */
  since: Date;
  before: { text: string; title: string | null };
  /** The new version (an edit), or null (deleted by its author). */
  after: { text: string; title: string | null } | null;
}

/** The edits that change a post's words, as copy changes (earlier version → new one). */
function editedCopies(updates: Prepared[], existing: Map<string, StoredVersion>): CopyChange[] {
  const out: CopyChange[] = [];
  for (const u of updates) {
    const before = existing.get(key(u.mention.network, u.mention.externalId))!;
    if (before.text === u.mention.text) continue; // not applied (applyEdits' condition)
    out.push({
      mentionId: before.id,
      since: before.ingestedAt,
      before,
      after: { text: u.mention.text, title: u.mention.title ?? before.title },
    });
  }
  return out;
}

/**
 * A post's words live on outside its row: the inbound case message, the case's subject (when
 * it came from this post) and search text, rule-match spans, the sentiment examples learned
 * from it, and webhook deliveries that carried it. When the post is deleted by its author (or
 * an edit's earlier version is erased) they follow: emptied, or replaced by the new version.
 * Returns how many learned examples were dropped (the model is then trained again, after commit).
 */
async function rewriteCopies(tx: Tx, workspaceId: string, changes: CopyChange[]): Promise<{ labelsDropped: number }> {
  if (!changes.length) return { labelsDropped: 0 };
  const mentionIds = changes.map((c) => c.mentionId).sort();
  const records = jsonRecords(
    changes.map((c) => [
      c.mentionId,
      c.after ? Array.from(c.after.text).slice(0, 4000).join("") : "",
      subjectOf(c.before),
      c.after ? subjectOf(c.after) : DELETED_SUBJECT,
    ]),
    [
      ["mentionId", "text"],
      ["body", "text"],
      ["oldSubject", "text"],
      ["newSubject", "text"],
    ],
    "u",
  );
  // The inbound messages (in id order, as every batch locks rows), and so the cases they are in.
  const messages = await query<{ caseId: string }>(
    tx,
    sql`WITH locked AS (
       SELECT cm."id", u."body" FROM "CaseMessage" cm JOIN ${records} ON u."mentionId" = cm."mentionId"
       WHERE cm."workspaceId" = ${workspaceId} AND cm."mentionId" = ANY(${typedArray(mentionIds, "text")}) AND cm."kind" = 'INBOUND'
       ORDER BY cm."id" FOR NO KEY UPDATE OF cm)
     UPDATE "CaseMessage" cm SET "body" = l."body" FROM locked l WHERE cm."id" = l."id" RETURNING cm."caseId"`,
  );
  const caseIds = [...new Set(messages.map((m) => m.caseId))].sort();
  // Their cases: the subject, if it was this post's first words, and the search text rebuilt
  // from the subject and the customers' posts as they now are.
  const renamed = caseIds.length
    ? await query<{ number: number }>(
        tx,
        sql`WITH locked AS (
           SELECT c."id", c."subject",
             COALESCE((SELECT u."newSubject" FROM "CaseMessage" cm JOIN ${records} ON u."mentionId" = cm."mentionId"
               WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND' AND u."oldSubject" = c."subject" LIMIT 1), c."subject") AS "next"
           FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."id" = ANY(${typedArray(caseIds, "text")})
           ORDER BY c."id" FOR NO KEY UPDATE OF c)
         UPDATE "Case" c SET "subject" = l."next",
           "searchText" = right(l."next" || ' ' || COALESCE((SELECT string_agg(concat_ws(' ', m."title", m."text"), ' ' ORDER BY cm."createdAt", cm."id")
             FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId" WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'), ''), 20000),
           "version" = c."version" + 1, "updatedAt" = now()
         FROM locked l WHERE c."id" = l."id"
         RETURNING (CASE WHEN l."next" IS DISTINCT FROM l."subject" THEN c."number" END) AS "number"`,
      )
    : [];
  const numbers = renamed.map((r) => r.number).filter((n): n is number => n !== null);
  // Rule-match spans point into the words that went (an edit's matches were written anew).
  const deleted = changes.filter((c) => !c.after).map((c) => c.mentionId);
  if (deleted.length)
    await execute(
      tx,
      sql`UPDATE "MentionRuleMatch" SET "spans" = '[]' WHERE "workspaceId" = ${workspaceId} AND "mentionId" = ANY(${typedArray(deleted, "text")}) AND "spans" <> '[]'`,
    );
  const labelsDropped = await execute(
    tx,
    sql`DELETE FROM "SentimentLabel" WHERE "workspaceId" = ${workspaceId} AND "mentionId" = ANY(${typedArray(mentionIds, "text")})`,
  );
  // Webhook deliveries (sent or not) that carried the post, or the subject taken from it: queued
  // with the post or after it (an hour's margin for clocks), which the index narrows to.
  const since = new Date(Math.min(...changes.map((c) => c.since.getTime())) - 3_600_000);
  await execute(
    tx,
    sql`UPDATE "OutboxItem" SET "payload" = jsonb_build_object('event', "payload"->'event', 'createdAt', "payload"->'createdAt',
         'data', jsonb_strip_nulls(jsonb_build_object('id', "payload"->'data'->'id', 'number', "payload"->'data'->'number', 'redacted', true))),
       "updatedAt" = now()
     WHERE "workspaceId" = ${workspaceId} AND "kind" = 'webhook' AND "createdAt" >= ${typed(since, "timestamp")}
       AND (("payload"->>'event' = 'mention.created' AND "payload"->'data'->>'id' = ANY(${typedArray(mentionIds, "text")}))
         ${numbers.length ? sql`OR ("payload"->>'event' = 'case.created' AND ("payload"->'data'->>'number')::int = ANY(${typedArray(numbers, "int")}))` : empty})`,
  );
  return { labelsDropped };
}

interface DeleteOutcome {
  deleted: number;
  duplicates: number;
  deferred: number;
  rejected: Rejection[];
}

async function applyDeletes(workspaceId: string, deletes: Delete[]): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: 0, duplicates: 0, deferred: 0, rejected: [] };
  const unique = new Map<string, DeleteKey>();
  for (const d of deletes) {
    const k = key(d.network, d.externalId);
    if (unique.has(k)) outcome.duplicates++;
    else unique.set(k, { network: d.network, externalId: d.externalId });
  }
  const isolate = async (keys: DeleteKey[]): Promise<void> => {
    try {
      await deleteOrRemember(workspaceId, keys, outcome);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (keys.length === 1)
        return void outcome.rejected.push({
          where: whereOf(keys[0]),
          reason: `The database refused the deletion: ${databaseMessageOf(error)}`,
        });
      const half = Math.ceil(keys.length / 2);
      await isolate(keys.slice(0, half));
      await isolate(keys.slice(half));
    }
  };
  await isolate(lockOrder([...unique.values()], (k) => key(k.network, k.externalId)));
  return outcome;
}

/** Deletes stored posts; remembers the deletion of the others, then looks for them once more. */
async function deleteOrRemember(workspaceId: string, keys: DeleteKey[], outcome: DeleteOutcome): Promise<void> {
  // One transaction: a refused key (bad data) leaves nothing behind, so halves count cleanly.
  const missing = await retryTransaction(() =>
    db().$transaction(async (tx) => {
      const { found, labelsDropped } = await markStoredDeleted(tx, workspaceId, keys);
      const notFound = keys.filter((k) => !found.has(key(k.network, k.externalId)));
      if (notFound.length) {
        const posts = unnestColumns(
          notFound.map((k) => [k.network, k.externalId]),
          ['"Network"', "text"],
        );
        await execute(
          tx,
          sql`INSERT INTO "DeletedPost" ("workspaceId","network","externalId") SELECT ${workspaceId}, k.* FROM ${posts} AS k ON CONFLICT DO NOTHING`,
        );
      }
      return { found, notFound, labelsDropped };
    }),
  );
  for (const was of missing.found.values()) {
    if (was) outcome.duplicates++;
    else outcome.deleted++;
  }
  let labelsDropped = missing.labelsDropped;
  if (missing.notFound.length) {
    // A post committed while the remembrance was not yet: it did not see it, so look again.
    const late = await retryTransaction(() =>
      db().$transaction((tx) => markStoredDeleted(tx, workspaceId, missing.notFound)),
    );
    outcome.deleted += late.found.size;
    outcome.deferred += missing.notFound.length - late.found.size;
    labelsDropped ||= late.labelsDropped;
  }
  // The model learned from examples of those posts: it is trained again without them.
  if (labelsDropped) await retrainWithoutErased(workspaceId);
}

/**
 * `<network> = ANY(…) AND <id> = ANY(…) AND (<network>, <id>) IN (SELECT * FROM unnest(…))`: the
 * `= ANY` lists let the planner reach the rows through the (workspace, network, id) index with
 * the batch's values; the pairs then keep only the exact combinations.
 */
function keyFilter(network: Sql, id: Sql, pairs: unknown[][]): Sql {
  return sql`${network} = ANY(${typedArray([...new Set(pairs.map((p) => p[0]))], '"Network"')}) AND ${id} = ANY(${typedArray(
    pairs.map((p) => p[1]),
    "text",
  )})
    AND (${network}, ${id}) IN (SELECT * FROM ${unnestColumns(pairs, ['"Network"', "text"])})`;
}

const mentionKeyFilter = (pairs: unknown[][]): Sql => keyFilter(sql`m."network"`, sql`m."externalId"`, pairs);
