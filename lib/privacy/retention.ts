import "server-only";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { execute, intLiteral, query, sql, typed, type Sql } from "@/lib/db/sql";
import { retryTransaction } from "@/lib/db/retry";
import { openLeaseStore, withLease } from "@/lib/bus/leases";
import { runEvery } from "@/lib/util/every";
import type { Prisma } from "@/lib/generated/prisma/client";
import { privacySettings } from "./settings-store";
import { retrainWithoutErased } from "./retrain";
import {
  parsePrivacySettings,
  RETENTION_KINDS,
  retentionConfigured,
  type KindReport,
  type RetentionKind,
  type RetentionReport,
  type RetentionRunSummary,
  type RetentionSettings,
} from "./settings";

// The retention job (docs/privacy/retention.md): per workspace, what is older than its setting
// is anonymised (mentions, closed cases: UPDATE, so the dashboards' hourly counts stay) or
// deleted (raw payloads, inactive contacts and profiles, audit rows). Every kind goes in
// batches, each its own short transaction that picks its rows with FOR (NO KEY) UPDATE SKIP
// LOCKED through an index and a keyset cursor: no lock outlives a batch, and a row someone is
// writing right now is left for the next run. The plan counts with the same conditions the
// batches use, so a dry run's counts are what a run then does; a rerun finds nothing new.

export const DEFAULT_BATCH_SIZE = 2_000;
/**
 * Rows per batch by kind, from the run's batch size: an anonymised mention also moves its words
 * and author out of the term and author rollups (by trigger), about four times a plain row's
 * work, and a closed case carries its messages and mentions. Sized so that every batch holds
 * its locks for about as long.
 */
export function batchLimits(batchSize: number): { rows: number; mentions: number; cases: number } {
  const rows = Math.max(1, Math.floor(batchSize));
  return { rows, mentions: Math.max(1, Math.floor(rows / 4)), cases: Math.max(1, Math.floor(rows / 20)) };
}
/** The subject a closed case keeps once retention emptied it (also its "done" mark). */
export const REMOVED_SUBJECT = "[removed by retention]";
/** Outbox states that will not send again: only then may a reply's stored response go. */
const SETTLED_OUTBOX = ["sent", "failed", "rejected", "cancelled"];
const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_INTERVAL_MS = 6 * 3_600_000;

type Cutoffs = Record<"closed" | "unmatched" | "raw" | "contacts" | "audit", Date | null>;

export function cutoffsOf(retention: RetentionSettings, now: Date): Cutoffs {
  const before = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY_MS));
  return {
    closed: before(retention.closedCasesDays),
    unmatched: before(retention.unmatchedMentionsDays),
    raw: before(retention.rawPayloadDays),
    contacts: before(retention.inactiveContactsDays),
    audit: before(retention.auditDays),
  };
}

// ————— which rows each kind takes (one definition for the plan and the batches) —————
// Fragments use fixed aliases: c (Case), m (Mention), k (Contact), i (SocialIdentity),
// l (SentimentLabel), a (AuditLog). Inner subqueries use their own aliases.

const FALSE = sql`FALSE`;
const at = (d: Date) => typed(d, "timestamp");

/** A solved or closed case quiet since the cutoff that still holds words (or a reopening added some). */
function closedCaseDue(cut: Date | null): Sql {
  if (!cut) return FALSE;
  return sql`(c."status" IN ('SOLVED', 'CLOSED') AND c."updatedAt" < ${at(cut)} AND c."lastActivityAt" < ${at(cut)}
    AND (c."subject" <> ${REMOVED_SUBJECT} OR c."searchText" <> '' OR c."authorId" IS NOT NULL
         OR EXISTS (SELECT 1 FROM "CaseMessage" cb WHERE cb."caseId" = c."id" AND cb."body" <> ''))
    AND NOT EXISTS (SELECT 1 FROM "CaseMessage" cq JOIN "OutboxItem" oq ON oq."caseMessageId" = cq."id"
                    WHERE cq."caseId" = c."id" AND oq."state" <> ALL(${SETTLED_OUTBOX})))`;
}

/** A mention no case message references, posted before the cutoff, not yet anonymised. */
function unmatchedMentionDue(cut: Date | null): Sql {
  if (!cut) return FALSE;
  return sql`(m."postedAt" < ${at(cut)} AND m."redactedAt" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "CaseMessage" cm WHERE cm."mentionId" = m."id"))`;
}

/** A mention in a closed case that is due. */
function caseMentionDue(cut: Date | null): Sql {
  if (!cut) return FALSE;
  return sql`(m."redactedAt" IS NULL AND EXISTS (SELECT 1 FROM "CaseMessage" cm JOIN "Case" c ON c."id" = cm."caseId"
    WHERE cm."mentionId" = m."id" AND ${closedCaseDue(cut)}))`;
}

/** Mentions this run anonymises (either way). */
function mentionAnonymised(cuts: Cutoffs): Sql {
  if (!cuts.unmatched && !cuts.closed) return FALSE;
  if (!cuts.closed) return unmatchedMentionDue(cuts.unmatched);
  if (!cuts.unmatched) return caseMentionDue(cuts.closed);
  return sql`(${unmatchedMentionDue(cuts.unmatched)} OR ${caseMentionDue(cuts.closed)})`;
}

/** A raw payload posted before the cutoff, of a mention that is not being anonymised (that takes it anyway). */
function rawPayloadDue(cuts: Cutoffs): Sql {
  if (!cuts.raw) return FALSE;
  const anonymised = mentionAnonymised(cuts);
  return sql`(m."postedAt" < ${at(cuts.raw)} AND m."raw" IS NOT NULL${anonymised === FALSE ? sql`` : sql` AND NOT ${anonymised}`})`;
}

/** A sentiment example copied from a post that is (or is being) anonymised. */
function learnedExampleDue(workspaceId: string, cuts: Cutoffs): Sql {
  if (!cuts.unmatched && !cuts.closed) return FALSE;
  return sql`(l."mentionId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Mention" m WHERE m."id" = l."mentionId" AND m."workspaceId" = ${workspaceId}
    AND (m."redactedAt" IS NOT NULL OR ${mentionAnonymised(cuts)})))`;
}

/**
 * A contact with no activity since the cutoff: not edited, no note, no case active (or open),
 * none of its identities posting, authoring an active case or changing. Contacts with a privacy
 * flag stay (the flag is the person's standing request), as do merged (hidden) ones, which go
 * with their survivor.
 */
function contactDue(workspaceId: string, cut: Date | null): Sql {
  if (!cut) return FALSE;
  const since = at(cut);
  return sql`(k."mergedIntoId" IS NULL AND NOT k."doNotProfile" AND NOT k."restrictProcessing"
    AND k."createdAt" < ${since} AND k."updatedAt" < ${since}
    AND NOT EXISTS (SELECT 1 FROM "ContactNote" kn WHERE kn."contactId" = k."id" AND kn."createdAt" >= ${since})
    AND NOT EXISTS (SELECT 1 FROM "Case" kc WHERE kc."workspaceId" = ${workspaceId} AND kc."contactId" = k."id"
                    AND (kc."lastActivityAt" >= ${since} OR kc."status" NOT IN ('SOLVED', 'CLOSED')))
    AND NOT EXISTS (SELECT 1 FROM "SocialIdentity" ki WHERE ki."contactId" = k."id" AND (ki."updatedAt" >= ${since}
      OR EXISTS (SELECT 1 FROM "Mention" km WHERE km."authorId" = ki."id" AND km."postedAt" >= ${since})
      OR EXISTS (SELECT 1 FROM "Case" kic WHERE kic."workspaceId" = ${workspaceId} AND kic."authorId" = ki."id" AND kic."lastActivityAt" >= ${since}))))`;
}

/**
 * A social profile left with nothing of its own: no contact (or one being deleted), no mention
 * still attributed to it and no case it authored once this run is done, and quiet since the
 * cutoff. A profile that still has posts is never deleted here (that would move their authors).
 */
function profileDue(workspaceId: string, cuts: Cutoffs): Sql {
  const cut = cuts.contacts;
  if (!cut) return FALSE;
  const since = at(cut);
  const anonymised = mentionAnonymised(cuts);
  const caseEmptied = closedCaseDue(cuts.closed);
  return sql`(i."createdAt" < ${since} AND i."updatedAt" < ${since}
    AND (i."contactId" IS NULL OR EXISTS (SELECT 1 FROM "Contact" k WHERE k."id" = i."contactId" AND ${contactDue(workspaceId, cut)}))
    AND NOT EXISTS (SELECT 1 FROM "Mention" m WHERE m."authorId" = i."id" AND (m."postedAt" >= ${since} OR NOT ${anonymised}))
    AND NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."authorId" = i."id"
                    AND (c."lastActivityAt" >= ${since} OR NOT ${caseEmptied})))`;
}

function auditDue(cut: Date | null): Sql {
  if (!cut) return FALSE;
  return sql`(a."createdAt" < ${at(cut)})`;
}

// ————— the plan: counts per kind —————

type Counts = Record<RetentionKind, number>;

/** `(SELECT count(*) FROM <table alias> WHERE <alias>."workspaceId" = ws AND due)`, or 0 for a kind that is off. */
function countOf(due: Sql, from: Sql, workspace: Sql): Sql {
  return due === FALSE ? sql`0` : sql`(SELECT count(*)::int FROM ${from} WHERE ${workspace} AND ${due})`;
}

async function countDue(workspaceId: string, cuts: Cutoffs): Promise<Counts> {
  const ws = workspaceId;
  const [row] = await query<Counts>(
    db(),
    sql`SELECT
      ${countOf(closedCaseDue(cuts.closed), sql`"Case" c`, sql`c."workspaceId" = ${ws}`)} AS "closedCases",
      ${countOf(unmatchedMentionDue(cuts.unmatched), sql`"Mention" m`, sql`m."workspaceId" = ${ws}`)} AS "unmatchedMentions",
      ${countOf(rawPayloadDue(cuts), sql`"Mention" m`, sql`m."workspaceId" = ${ws}`)} AS "rawPayloads",
      ${countOf(learnedExampleDue(ws, cuts), sql`"SentimentLabel" l`, sql`l."workspaceId" = ${ws}`)} AS "learnedExamples",
      ${countOf(contactDue(ws, cuts.contacts), sql`"Contact" k`, sql`k."workspaceId" = ${ws}`)} AS "inactiveContacts",
      ${countOf(profileDue(ws, cuts), sql`"SocialIdentity" i`, sql`i."workspaceId" = ${ws}`)} AS "inactiveProfiles",
      ${countOf(auditDue(cuts.audit), sql`"AuditLog" a`, sql`a."workspaceId" = ${ws}`)} AS "auditRows"`,
  );
  return row;
}

/** What a run would do now: rows per kind, counted with the conditions the run's batches use. */
export async function planRetention(workspaceId: string, now = new Date()): Promise<Counts> {
  const { retention } = await privacySettings(workspaceId);
  return countDue(workspaceId, cutoffsOf(retention, now));
}

// ————— the batches —————

interface Batch<C> {
  /** Rows the batch picked (fewer than its limit: the kind is finished). */
  picked: number;
  done: number;
  /** Where the next batch starts (keyset). */
  cursor: C | null;
  alongside?: Partial<RetentionReport["alongside"]>;
  /** When the mentions it anonymised were posted (their rollup rows may now be zero). */
  anonymised?: { from: Date; to: Date };
}

type MentionCursor = { at: Date; id: string };

interface BatchRow {
  picked: number;
  done: number;
  lastAt: Date | null;
  lastId: string | null;
  /** Of anonymised mentions: the earliest posting time (the latest is lastAt). */
  firstAt?: Date | null;
}

/** When the mentions a batch anonymised were posted. */
const spanOf = (r: BatchRow) => (r.done > 0 && r.firstAt && r.lastAt ? { from: r.firstAt, to: r.lastAt } : undefined);

function mentionCursor(cursor: MentionCursor | null): Sql {
  if (!cursor) return sql``;
  return sql`AND m."postedAt" >= ${at(cursor.at)} AND (m."postedAt", m."id") > (${at(cursor.at)}, ${cursor.id})`;
}

function idCursor(alias: "k" | "i" | "l", cursor: string | null): Sql {
  if (!cursor) return sql``;
  if (alias === "k") return sql`AND k."id" > ${cursor}`;
  if (alias === "i") return sql`AND i."id" > ${cursor}`;
  return sql`AND l."id" > ${cursor}`;
}

const toMentionBatch = (r: BatchRow): Batch<MentionCursor> => ({
  picked: r.picked,
  done: r.done,
  cursor: r.lastAt && r.lastId ? { at: r.lastAt, id: r.lastId } : null,
});

/**
 * Anonymises the mentions `picked` selects (id, authorId, postedAt; locked): their words, links,
 * earlier versions, payload, reply data and author go, the counted fields (time, brand, network,
 * sentiment, deleted) and the ids that deduplicate re-deliveries stay. Rule-match spans point
 * into the emptied text and go too. The author's profile remembers the post's time as its last
 * activity, so a contact's inactivity is still measured from it.
 */
function anonymiseMentions(picked: Sql, now: Date): Sql {
  return sql`WITH picked AS MATERIALIZED (${picked}),
    anon AS (
      UPDATE "Mention" mu SET "text" = '', "title" = NULL, "url" = NULL, "previousTexts" = '[]'::jsonb, "raw" = NULL,
        "replyRef" = NULL, "authorId" = NULL, "redactedAt" = ${at(now)}
      WHERE mu."id" = ANY(ARRAY(SELECT p."id" FROM picked p)) RETURNING mu."id"),
    spans AS (
      UPDATE "MentionRuleMatch" x SET "spans" = '[]'::jsonb
      WHERE x."mentionId" = ANY(ARRAY(SELECT p."id" FROM picked p)) AND x."spans" <> '[]'::jsonb RETURNING x."id"),
    seen AS (
      UPDATE "SocialIdentity" si SET "updatedAt" = s."last"
      FROM (SELECT p."authorId", max(p."postedAt") AS "last" FROM picked p WHERE p."authorId" IS NOT NULL GROUP BY 1) s
      WHERE si."id" = ANY(ARRAY(SELECT p."authorId" FROM picked p WHERE p."authorId" IS NOT NULL))
        AND si."id" = s."authorId" AND si."updatedAt" < s."last" RETURNING si."id")
    SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM anon) AS "done",
      (SELECT p."postedAt" FROM picked p ORDER BY p."postedAt" DESC, p."id" DESC LIMIT 1) AS "lastAt",
      (SELECT p."id" FROM picked p ORDER BY p."postedAt" DESC, p."id" DESC LIMIT 1) AS "lastId",
      (SELECT min(p."postedAt") FROM picked p) AS "firstAt"`;
}

async function unmatchedBatch(
  workspaceId: string,
  cut: Date,
  now: Date,
  limit: number,
  cursor: MentionCursor | null,
): Promise<Batch<MentionCursor>> {
  const [row] = await query<BatchRow>(
    db(),
    anonymiseMentions(
      sql`SELECT m."id", m."authorId", m."postedAt" FROM "Mention" m
          WHERE m."workspaceId" = ${workspaceId} ${mentionCursor(cursor)} AND ${unmatchedMentionDue(cut)}
          ORDER BY m."postedAt", m."id" LIMIT ${intLiteral(limit)} FOR NO KEY UPDATE OF m SKIP LOCKED`,
      now,
    ),
  );
  return { ...toMentionBatch(row), anonymised: spanOf(row) };
}

async function rawPayloadBatch(
  workspaceId: string,
  cuts: Cutoffs,
  limit: number,
  cursor: MentionCursor | null,
): Promise<Batch<MentionCursor>> {
  const [row] = await query<BatchRow>(
    db(),
    sql`WITH picked AS MATERIALIZED (
        SELECT m."id", m."postedAt" FROM "Mention" m
        WHERE m."workspaceId" = ${workspaceId} ${mentionCursor(cursor)} AND ${rawPayloadDue(cuts)}
        ORDER BY m."postedAt", m."id" LIMIT ${intLiteral(limit)} FOR NO KEY UPDATE OF m SKIP LOCKED),
      cleared AS (UPDATE "Mention" mu SET "raw" = NULL WHERE mu."id" = ANY(ARRAY(SELECT p."id" FROM picked p)) RETURNING mu."id")
      SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM cleared) AS "done",
        (SELECT p."postedAt" FROM picked p ORDER BY p."postedAt" DESC, p."id" DESC LIMIT 1) AS "lastAt",
        (SELECT p."id" FROM picked p ORDER BY p."postedAt" DESC, p."id" DESC LIMIT 1) AS "lastId"`,
  );
  return toMentionBatch(row);
}

/**
 * Closed cases: the customer's words and everyone's messages emptied (agents' replies and notes
 * quote and answer the customer), the subject replaced, the search text emptied (its vector
 * follows by trigger), the author unlinked, the case's mentions anonymised. The case row, its
 * events, cycles, SLA outcomes and reply facts stay: the service figures are made of times,
 * statuses and who replied, never of words. updatedAt is left as it is (nothing a metric
 * replays changed); version moves, so an editor holding the old one is told it changed.
 */
async function closedCaseBatch(
  workspaceId: string,
  cut: Date,
  now: Date,
  limit: number,
  cursor: MentionCursor | null,
): Promise<Batch<MentionCursor>> {
  return db().$transaction(
    async (tx) => {
      const cases = await query<{ id: string; updatedAt: Date }>(
        tx,
        sql`SELECT c."id", c."updatedAt" FROM "Case" c
            WHERE c."workspaceId" = ${workspaceId}
              ${cursor ? sql`AND c."updatedAt" >= ${at(cursor.at)} AND (c."updatedAt", c."id") > (${at(cursor.at)}, ${cursor.id})` : sql``}
              AND ${closedCaseDue(cut)}
            ORDER BY c."updatedAt", c."id" LIMIT ${intLiteral(limit)} FOR NO KEY UPDATE OF c SKIP LOCKED`,
      );
      if (!cases.length) return { picked: 0, done: 0, cursor: null };
      const ids = cases.map((c) => c.id);
      const [mentions] = await query<BatchRow>(
        tx,
        anonymiseMentions(
          sql`SELECT m."id", m."authorId", m."postedAt" FROM "Mention" m
              WHERE m."workspaceId" = ${workspaceId} AND m."redactedAt" IS NULL
                AND m."id" IN (SELECT cm."mentionId" FROM "CaseMessage" cm WHERE cm."caseId" = ANY(${ids}) AND cm."mentionId" IS NOT NULL)
              ORDER BY m."id" FOR NO KEY UPDATE OF m`,
          now,
        ),
      );
      const messages = await execute(
        tx,
        sql`UPDATE "CaseMessage" SET "body" = '' WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${ids}) AND "body" <> ''`,
      );
      // A settled reply's stored network response can quote the post it answered.
      await execute(
        tx,
        sql`UPDATE "OutboxItem" o SET "responseBody" = NULL
            WHERE o."caseMessageId" = ANY(ARRAY(SELECT cm."id" FROM "CaseMessage" cm WHERE cm."caseId" = ANY(${ids})))
              AND o."responseBody" IS NOT NULL`,
      );
      // The author's last activity is remembered on their profile before the case lets go of it.
      await execute(
        tx,
        sql`UPDATE "SocialIdentity" si SET "updatedAt" = s."last"
            FROM (SELECT c."authorId", max(c."lastActivityAt") AS "last" FROM "Case" c
                  WHERE c."id" = ANY(${ids}) AND c."authorId" IS NOT NULL GROUP BY 1) s
            WHERE si."id" = ANY(ARRAY(SELECT c."authorId" FROM "Case" c WHERE c."id" = ANY(${ids}) AND c."authorId" IS NOT NULL))
              AND si."id" = s."authorId" AND si."updatedAt" < s."last"`,
      );
      const done = await execute(
        tx,
        sql`UPDATE "Case" SET "subject" = ${REMOVED_SUBJECT}, "searchText" = '', "authorId" = NULL, "version" = "version" + 1
            WHERE "workspaceId" = ${workspaceId} AND "id" = ANY(${ids})`,
      );
      const last = cases[cases.length - 1];
      return {
        picked: cases.length,
        done,
        cursor: { at: last.updatedAt, id: last.id },
        alongside: { caseMessages: messages, caseMentions: mentions.done },
        anonymised: spanOf(mentions),
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Sentiment examples copied from anonymised posts: the model must not keep learning from them. */
async function learnedExampleBatch(
  workspaceId: string,
  cuts: Cutoffs,
  limit: number,
  cursor: string | null,
): Promise<Batch<string>> {
  const [row] = await query<BatchRow>(
    db(),
    sql`WITH picked AS MATERIALIZED (
        SELECT l."id" FROM "SentimentLabel" l
        WHERE l."workspaceId" = ${workspaceId} ${idCursor("l", cursor)} AND ${learnedExampleDue(workspaceId, cuts)}
        ORDER BY l."id" LIMIT ${intLiteral(limit)} FOR UPDATE OF l SKIP LOCKED),
      gone AS (DELETE FROM "SentimentLabel" x WHERE x."id" = ANY(ARRAY(SELECT p."id" FROM picked p)) RETURNING x."id")
      SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM gone) AS "done",
        NULL::timestamp AS "lastAt", (SELECT max(p."id") FROM picked p) AS "lastId"`,
  );
  return { picked: row.picked, done: row.done, cursor: row.lastId };
}

/**
 * Inactive contacts, deleted with what hangs off them (notes, matching keys and link suggestions
 * by cascade; their identities and cases stay, unlinked), the hidden contacts merged into them,
 * and the merge records that hold snapshots of both. Their privacy requests stay as dated
 * records without the contact.
 */
async function contactBatch(
  workspaceId: string,
  cut: Date,
  limit: number,
  cursor: string | null,
): Promise<Batch<string>> {
  return db().$transaction(
    async (tx) => {
      const picked = await query<{ id: string }>(
        tx,
        sql`SELECT k."id" FROM "Contact" k
            WHERE k."workspaceId" = ${workspaceId} ${idCursor("k", cursor)} AND ${contactDue(workspaceId, cut)}
            ORDER BY k."id" LIMIT ${intLiteral(limit)} FOR UPDATE OF k SKIP LOCKED`,
      );
      if (!picked.length) return { picked: 0, done: 0, cursor: null };
      const ids = picked.map((k) => k.id);
      const merged = await query<{ id: string }>(
        tx,
        sql`SELECT "id" FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND "mergedIntoId" = ANY(${ids}) ORDER BY "id" FOR UPDATE`,
      );
      const all = [...ids, ...merged.map((k) => k.id)];
      await execute(
        tx,
        sql`DELETE FROM "ContactMerge" WHERE "workspaceId" = ${workspaceId} AND ("survivorId" = ANY(${all}) OR "mergedId" = ANY(${all}))`,
      );
      await execute(
        tx,
        sql`UPDATE "PrivacyRequest" SET "contactId" = NULL, "reason" = '' WHERE "workspaceId" = ${workspaceId} AND "contactId" = ANY(${all})`,
      );
      await execute(tx, sql`DELETE FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND "id" = ANY(${all})`);
      return {
        picked: ids.length,
        done: ids.length,
        cursor: ids[ids.length - 1],
        alongside: { mergedContacts: merged.length },
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Profiles with nothing left of their own (see profileDue): deleted with their link suggestions. */
async function profileBatch(
  workspaceId: string,
  cuts: Cutoffs,
  limit: number,
  cursor: string | null,
): Promise<Batch<string>> {
  const [row] = await query<BatchRow>(
    db(),
    sql`WITH picked AS MATERIALIZED (
        SELECT i."id" FROM "SocialIdentity" i
        WHERE i."workspaceId" = ${workspaceId} ${idCursor("i", cursor)} AND ${profileDue(workspaceId, cuts)}
        ORDER BY i."id" LIMIT ${intLiteral(limit)} FOR UPDATE OF i SKIP LOCKED),
      gone AS (DELETE FROM "SocialIdentity" x WHERE x."id" = ANY(ARRAY(SELECT p."id" FROM picked p)) RETURNING x."id")
      SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM gone) AS "done",
        NULL::timestamp AS "lastAt", (SELECT max(p."id") FROM picked p) AS "lastId"`,
  );
  return { picked: row.picked, done: row.done, cursor: row.lastId };
}

/** Old audit rows: the append-only trigger lets them go only inside a transaction that says it is retention. */
async function auditBatch(workspaceId: string, cut: Date, limit: number): Promise<Batch<never>> {
  return db().$transaction(
    async (tx) => {
      await execute(tx, sql`SELECT set_config('earshot.audit_write', 'retention', true)`);
      const [row] = await query<{ picked: number; done: number }>(
        tx,
        sql`WITH picked AS MATERIALIZED (
            SELECT a."id" FROM "AuditLog" a WHERE a."workspaceId" = ${workspaceId} AND ${auditDue(cut)}
            ORDER BY a."createdAt", a."id" LIMIT ${intLiteral(limit)} FOR UPDATE OF a SKIP LOCKED),
          gone AS (DELETE FROM "AuditLog" x WHERE x."id" = ANY(ARRAY(SELECT p."id" FROM picked p)) RETURNING x."id")
          SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM gone) AS "done"`,
      );
      return { picked: row.picked, done: row.done, cursor: null };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

// Rollup rows that anonymisation left at zero still name a term or an author id; the dashboards
// skip them (prisma/sql/metrics.sql keeps zero rows rather than looking for them), so they go:
// day by day (a primary-key prefix, whatever the statistics say) over the days the run touched.
const ROLLUPS: ReadonlyArray<{ table: Sql; day: Sql; weekly: boolean }> = [
  { table: sql`"MentionTermStat"`, day: sql`"day"`, weekly: false },
  { table: sql`"MentionTermDay"`, day: sql`"day"`, weekly: false },
  { table: sql`"MentionTermWeek"`, day: sql`"week"`, weekly: true },
  { table: sql`"MentionAuthorStat"`, day: sql`"day"`, weekly: false },
  { table: sql`"MentionAuthorDay"`, day: sql`"day"`, weekly: false },
];

async function emptyRollupBatch(
  workspaceId: string,
  rollup: (typeof ROLLUPS)[number],
  day: string,
  limit: number,
): Promise<Batch<never>> {
  const [row] = await query<{ picked: number; done: number }>(
    db(),
    sql`WITH picked AS MATERIALIZED (
        SELECT ctid AS t FROM ${rollup.table}
        WHERE "workspaceId" = ${workspaceId} AND ${rollup.day} = ${day}::date AND "mentions" <= 0
        LIMIT ${intLiteral(limit)} FOR UPDATE SKIP LOCKED),
      gone AS (DELETE FROM ${rollup.table} x WHERE x.ctid = ANY(ARRAY(SELECT p.t FROM picked p)) RETURNING 1)
      SELECT (SELECT count(*)::int FROM picked) AS "picked", (SELECT count(*)::int FROM gone) AS "done"`,
  );
  return { picked: row.picked, done: row.done, cursor: null };
}

/** The days (or the Mondays of the weeks) a rollup keys posts of [from, to] by, in any time zone. */
function rollupDays(span: { from: Date; to: Date }, weekly: boolean): string[] {
  const first = new Date(
    Date.UTC(span.from.getUTCFullYear(), span.from.getUTCMonth(), span.from.getUTCDate()) - DAY_MS,
  );
  const last = span.to.getTime() + DAY_MS;
  // Local weeks start on Monday: from the Monday on or before the first day.
  const start = weekly ? new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY_MS) : first;
  const days: string[] = [];
  for (let t = start.getTime(); t <= last; t += (weekly ? 7 : 1) * DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

// ————— a run —————

export type RetentionTrigger = "schedule" | "admin" | "cli";

export interface RetentionOptions {
  /** The retention clock: cutoffs are this minus each setting's days (default: the current time). */
  now?: Date;
  /** Count only (the plan), change nothing. */
  dryRun?: boolean;
  /** Rows per batch (a quarter as many anonymised mentions, a twentieth as many closed cases: batchLimits). */
  batchSize?: number;
  /** Who asked (null: the scheduled job or the CLI). */
  actorUserId?: string | null;
  trigger?: RetentionTrigger;
  /** No batch starts after this long; the run reports complete: false and the next one goes on. */
  budgetMs?: number;
  /** Aborted (the job's lease was lost, the server stops): no further batch starts. */
  signal?: AbortSignal;
}

function emptyReport(workspaceId: string, now: Date, dryRun: boolean, retention: RetentionSettings): RetentionReport {
  const kinds = Object.fromEntries(
    RETENTION_KINDS.map((k) => [k, { matched: 0, done: 0, batches: 0, longestBatchMs: 0 } satisfies KindReport]),
  ) as Record<RetentionKind, KindReport>;
  return {
    workspaceId,
    now: now.toISOString(),
    dryRun,
    complete: true,
    retention,
    kinds,
    alongside: { caseMessages: 0, caseMentions: 0, mergedContacts: 0, emptyRollupRows: 0, modelRetrainedFrom: null },
    durationMs: 0,
    longestBatchMs: 0,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

class Runner {
  private readonly started = performance.now();
  /** When the mentions this run anonymised were posted. */
  anonymised: { from: Date; to: Date } | null = null;

  constructor(
    readonly report: RetentionReport,
    private readonly options: RetentionOptions,
  ) {}

  private shouldStop(): boolean {
    if (this.options.signal?.aborted) return true;
    return this.options.budgetMs !== undefined && performance.now() - this.started > this.options.budgetMs;
  }

  /**
   * Runs `batch` from the start of the kind's keyset until a batch picks fewer than `limit`
   * rows (nothing is left), each batch retried alone when PostgreSQL aborts it to resolve a deadlock. Returns
   * false when it stopped early (budget or abort).
   */
  async batches<C>(
    limit: number,
    batch: (cursor: C | null) => Promise<Batch<C>>,
    onBatch: (b: Batch<C>, ms: number) => void,
  ): Promise<boolean> {
    let cursor: C | null = null;
    for (;;) {
      if (this.shouldStop()) {
        this.report.complete = false;
        return false;
      }
      const t = performance.now();
      const b = await retryTransaction(() => batch(cursor));
      const ms = round(performance.now() - t);
      if (b.picked > 0) {
        onBatch(b, ms);
        this.report.longestBatchMs = Math.max(this.report.longestBatchMs, ms);
      }
      // Kinds that delete what they pick start again from the top (cursor null); the others go on after it.
      if (b.picked < limit) return true;
      cursor = b.cursor;
    }
  }

  async kind<C>(kind: RetentionKind, limit: number, batch: (cursor: C | null) => Promise<Batch<C>>): Promise<void> {
    const r = this.report.kinds[kind];
    if (r.matched === 0) return;
    await this.batches(limit, batch, (b, ms) => {
      r.batches++;
      r.done += b.done;
      r.longestBatchMs = Math.max(r.longestBatchMs, ms);
      const along = this.report.alongside;
      along.caseMessages += b.alongside?.caseMessages ?? 0;
      along.caseMentions += b.alongside?.caseMentions ?? 0;
      along.mergedContacts += b.alongside?.mergedContacts ?? 0;
      if (b.anonymised) {
        const { from, to } = b.anonymised;
        this.anonymised = this.anonymised
          ? {
              from: from < this.anonymised.from ? from : this.anonymised.from,
              to: to > this.anonymised.to ? to : this.anonymised.to,
            }
          : { from, to };
      }
    });
  }
}

async function executeRun(workspaceId: string, cuts: Cutoffs, now: Date, runner: Runner, batchSize: number) {
  const ws = workspaceId;
  const limit = batchLimits(batchSize);
  if (cuts.closed)
    await runner.kind<MentionCursor>("closedCases", limit.cases, (c) =>
      closedCaseBatch(ws, cuts.closed!, now, limit.cases, c),
    );
  if (cuts.unmatched)
    await runner.kind<MentionCursor>("unmatchedMentions", limit.mentions, (c) =>
      unmatchedBatch(ws, cuts.unmatched!, now, limit.mentions, c),
    );
  if (cuts.raw)
    await runner.kind<MentionCursor>("rawPayloads", limit.rows, (c) => rawPayloadBatch(ws, cuts, limit.rows, c));
  await runner.kind<string>("learnedExamples", limit.rows, (c) => learnedExampleBatch(ws, cuts, limit.rows, c));
  const report = runner.report;
  if (report.kinds.learnedExamples.done > 0) report.alongside.modelRetrainedFrom = await retrainWithoutErased(ws);
  if (cuts.contacts) {
    await runner.kind<string>("inactiveContacts", limit.rows, (c) => contactBatch(ws, cuts.contacts!, limit.rows, c));
    await runner.kind<string>("inactiveProfiles", limit.rows, (c) => profileBatch(ws, cuts, limit.rows, c));
  }
  if (cuts.audit) await runner.kind<never>("auditRows", limit.rows, () => auditBatch(ws, cuts.audit!, limit.rows));
  const span = runner.anonymised;
  if (span)
    for (const rollup of ROLLUPS)
      for (const day of rollupDays(span, rollup.weekly))
        await runner.batches<never>(
          limit.rows,
          () => emptyRollupBatch(ws, rollup, day, limit.rows),
          (b) => (report.alongside.emptyRollupRows += b.done),
        );
}

/**
 * One workspace's retention: the plan (counts per kind), then, unless a dry run, the batches
 * kind by kind, and one audit row with what it counted and did ("privacy.retention_run", or
 * "privacy.retention_preview" for a dry run): counts, days and timings, nothing personal.
 */
export async function runRetention(workspaceId: string, options: RetentionOptions = {}): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const started = performance.now();
  const { retention } = await privacySettings(workspaceId);
  const cuts = cutoffsOf(retention, now);
  const report = emptyReport(workspaceId, now, dryRun, retention);
  const planned = await countDue(workspaceId, cuts);
  for (const kind of RETENTION_KINDS) report.kinds[kind].matched = planned[kind];
  if (!dryRun) await executeRun(workspaceId, cuts, now, new Runner(report, options), batchSize);
  report.durationMs = round(performance.now() - started);
  await db().auditLog.create({
    data: {
      workspaceId,
      actorUserId: options.actorUserId ?? null,
      action: dryRun ? "privacy.retention_preview" : "privacy.retention_run",
      targetType: "Workspace",
      targetId: workspaceId,
      details: { ...report, trigger: options.trigger ?? "cli" } as unknown as Prisma.InputJsonValue,
      createdAt: now,
    },
  });
  return report;
}

/** Every workspace that set a retention period (the others have nothing to do and get no audit row). */
export async function runRetentionAll(
  now = new Date(),
  options: Omit<RetentionOptions, "now" | "actorUserId"> = {},
): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const ws of await db().workspace.findMany({ select: { id: true, settings: true }, orderBy: { id: "asc" } })) {
    if (options.signal?.aborted) break;
    if (!retentionConfigured(parsePrivacySettings(ws.settings).retention)) continue;
    try {
      reports.push(await runRetention(ws.id, { ...options, now }));
    } catch (error) {
      // One workspace's failure (logged without data) must not keep the others' retention back.
      console.error(`[retention] workspace ${ws.id} failed`, error);
    }
  }
  return reports;
}

/** A one-line account of a run for the server log: kinds and counts only. */
export function describeRun(report: RetentionReport): string {
  const parts = RETENTION_KINDS.filter((k) => report.kinds[k].done > 0).map((k) => `${k} ${report.kinds[k].done}`);
  return `workspace ${report.workspaceId}: ${parts.length ? parts.join(", ") : "nothing due"} in ${Math.round(report.durationMs)} ms (longest batch ${report.longestBatchMs} ms)${report.complete ? "" : ", to be continued"}`;
}

/**
 * The retention job inside `npm start`: every `intervalMs` (and once at start), under a lease so
 * that of several app servers one runs it; it stops between batches when the lease is lost.
 */
export function startRetentionWorker(intervalMs = DEFAULT_RETENTION_INTERVAL_MS): () => void {
  const owner = `${hostname()}:${process.pid}`;
  return runEvery("retention", intervalMs, async () => {
    const store = await openLeaseStore();
    await withLease(store, "job.retention", owner, async (_lease, signal) => {
      for (const report of await runRetentionAll(new Date(), { signal, trigger: "schedule" }))
        if (RETENTION_KINDS.some((k) => report.kinds[k].done > 0) || !report.complete)
          console.log(`[retention] ${describeRun(report)}`);
    });
  });
}

// ————— the last run, for the admin page —————

/** The workspace's latest retention run (not previews), from its audit row; null when none is kept. */
export async function lastRetentionRun(workspaceId: string): Promise<RetentionRunSummary | null> {
  const row = await db().auditLog.findFirst({
    where: { workspaceId, action: "privacy.retention_run" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, actorUserId: true, details: true },
  });
  if (!row) return null;
  const details = (row.details ?? {}) as Partial<RetentionReport> & { trigger?: string };
  if (!details.kinds || typeof details.kinds !== "object") return null;
  const actor = row.actorUserId
    ? ((await db().user.findUnique({ where: { id: row.actorUserId }, select: { name: true } }))?.name ?? null)
    : null;
  const { trigger, ...report } = details;
  return { at: row.createdAt.toISOString(), actor, trigger: trigger ?? "schedule", report: report as RetentionReport };
}
