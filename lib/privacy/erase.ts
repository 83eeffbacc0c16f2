import "server-only";
import { db } from "@/lib/db/client";
import { execute, ident, jsonRecords, query, sql } from "@/lib/db/sql";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { erasedExternalId, tombstoneKey } from "./tombstones";
import { addTombstones } from "./tombstone-store";
import { retrainWithoutErased } from "./retrain";

type Tx = Prisma.TransactionClient;

// Erasure of one person (a contact with all their identities, or one social identity): a job
// of steps that each commit on their own and are recorded on the job, so a crash halfway leaves
// a job that resumes where it stopped (`resumeErasureJobs`), never data that looks whole but is
// half erased. Mentions stay as anonymous counted rows (UPDATE, not DELETE: the dashboards'
// hourly counts are kept by triggers and do not move); everything that carries the person's
// words, names, handles or ids is emptied, deleted or re-keyed. docs/privacy.md says what remains.

export type ErasureSubject = { contactId: string } | { network: string; accountId: string };

/** What the job needs to finish without asking again; emptied when the job is done. */
interface ErasurePlan {
  contactIds: string[];
  identityIds: string[];
  identities: Array<{ network: string; accountId: string }>;
  /** Words to take out of agents' replies and case events: names, handles, e-mails. */
  redactions: string[];
  /** Cases the person wrote in (their author or contact). */
  caseIds: string[];
}

export interface ErasurePreview {
  person: { name: string; handles: string[] };
  counts: Record<string, number>;
}

const STEPS = [
  "tombstones",
  "mentions",
  "messages",
  "cases",
  "learned",
  "outbox",
  "audit",
  "rollups",
  "people",
  // The plan names the person: it is emptied before the files are cleaned, so no copy of it lingers.
  "forget",
  "vacuum",
] as const;
export type ErasureStep = (typeof STEPS)[number];
type Step = ErasureStep;

const BATCH = 1_000;
const ERASED = "[erased]";

// ————— the subject and what belongs to them —————

async function resolveSubject(workspaceId: string, subject: ErasureSubject) {
  if ("contactId" in subject) {
    const contact = await db().contact.findFirst({
      where: { id: subject.contactId, workspaceId },
      select: { id: true, name: true, emails: true, phones: true },
    });
    if (!contact) throw notFound("That contact");
    // Contacts merged into this one (and into those, down the chain) are the same person: their
    // hidden rows go too.
    const contacts = [contact];
    for (let frontier = [contact.id]; frontier.length;) {
      const merged = await db().contact.findMany({
        where: { workspaceId, mergedIntoId: { in: frontier } },
        select: { id: true, name: true, emails: true, phones: true },
      });
      const fresh = merged.filter((m) => !contacts.some((c) => c.id === m.id));
      contacts.push(...fresh);
      frontier = fresh.map((m) => m.id);
    }
    const identities = await db().socialIdentity.findMany({
      where: { workspaceId, contactId: { in: contacts.map((c) => c.id) } },
      select: { id: true, network: true, accountId: true, handle: true, displayName: true, email: true },
    });
    return { name: contact.name, contacts, identities };
  }
  const identity = await db().socialIdentity.findFirst({
    where: { workspaceId, network: subject.network as never, accountId: subject.accountId },
    select: { id: true, network: true, accountId: true, handle: true, displayName: true, email: true },
  });
  if (!identity) throw notFound("That social identity");
  return { name: identity.displayName || `@${identity.handle}`, contacts: [], identities: [identity] };
}

function redactionsOf(person: Awaited<ReturnType<typeof resolveSubject>>): string[] {
  const words = new Set<string>();
  for (const c of person.contacts) {
    words.add(c.name);
    for (const part of c.name.split(/\s+/)) if (part.length >= 3) words.add(part);
    c.emails.forEach((e) => words.add(e));
    c.phones.forEach((p) => words.add(p));
  }
  for (const i of person.identities) {
    words.add(i.handle);
    words.add(i.accountId);
    if (i.displayName) words.add(i.displayName);
    if (i.email) words.add(i.email);
  }
  // Longest first: "Jane Doe" goes before "Jane".
  return [...words].filter((w) => w.trim().length >= 3).sort((a, b) => b.length - a.length);
}

async function planOf(workspaceId: string, subject: ErasureSubject) {
  const person = await resolveSubject(workspaceId, subject);
  const contactIds = person.contacts.map((c) => c.id);
  const identityIds = person.identities.map((i) => i.id);
  const cases = await db().case.findMany({
    where: {
      workspaceId,
      OR: [
        ...(identityIds.length ? [{ authorId: { in: identityIds } }] : []),
        ...(contactIds.length ? [{ contactId: { in: contactIds } }] : []),
      ],
    },
    select: { id: true },
  });
  const plan: ErasurePlan = {
    contactIds,
    identityIds,
    identities: person.identities.map((i) => ({ network: i.network, accountId: i.accountId })),
    redactions: redactionsOf(person),
    caseIds: cases.map((c) => c.id),
  };
  return { person, plan };
}

/** What an erasure would take, per kind, and who it is (for the confirmation that names them). */
export async function previewErasure(workspaceId: string, subject: ErasureSubject): Promise<ErasurePreview> {
  const { person, plan } = await planOf(workspaceId, subject);
  const ids = plan.identityIds;
  const mentionIds = sql`SELECT "id" FROM "Mention" WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${ids})`;
  const [row] = await query<Record<string, number>>(
    db(),
    sql`SELECT
      (SELECT count(*)::int FROM "Mention" WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${ids})) AS "mentions",
      (SELECT count(*)::int FROM "CaseMessage" WHERE "workspaceId" = ${workspaceId} AND "mentionId" IN (${mentionIds})) AS "caseMessages",
      ${plan.caseIds.length}::int AS "cases",
      (SELECT count(*)::int FROM "ContactNote" WHERE "workspaceId" = ${workspaceId} AND "contactId" = ANY(${plan.contactIds})) AS "notes",
      (SELECT count(*)::int FROM "LinkSuggestion" WHERE "workspaceId" = ${workspaceId} AND ("identityId" = ANY(${ids}) OR "contactId" = ANY(${plan.contactIds}))) AS "linkSuggestions",
      (SELECT count(*)::int FROM "ContactMerge" WHERE "workspaceId" = ${workspaceId} AND ("survivorId" = ANY(${plan.contactIds}) OR "mergedId" = ANY(${plan.contactIds}))) AS "merges",
      (SELECT count(*)::int FROM "SentimentLabel" WHERE "workspaceId" = ${workspaceId} AND "mentionId" IN (${mentionIds})) AS "sentimentLabels",
      (SELECT count(*)::int FROM "MentionRuleMatch" WHERE "mentionId" IN (${mentionIds})) AS "ruleMatches",
      (SELECT count(*)::int FROM "AuditLog" WHERE "workspaceId" = ${workspaceId} AND "targetId" = ANY(${[...plan.contactIds, ...ids]})) AS "auditRows"`,
  );
  return {
    person: { name: person.name, handles: person.identities.map((i) => `${i.network}:@${i.handle}`) },
    counts: { contacts: plan.contactIds.length, identities: ids.length, ...row },
  };
}

// ————— the job —————

/**
 * Starts an erasure: the confirmation must name the person as the preview did. Returns the job,
 * run to its end here; if the process dies, `resumeErasureJobs` finishes it.
 */
export async function eraseSubject(
  workspaceId: string,
  actorUserId: string | null,
  subject: ErasureSubject,
  confirmName: string,
  testing: { crashAfter?: Step } = {},
): Promise<{ jobId: string; counts: Record<string, number> }> {
  const { person, plan } = await planOf(workspaceId, subject);
  if (confirmName.trim().toLowerCase() !== person.name.trim().toLowerCase())
    throw new ExpectedError(`Type the person's name exactly as shown ("${person.name}") to confirm the erasure.`);
  const subjectHash = plan.identities.length
    ? tombstoneKey(plan.identities[0].network, plan.identities[0].accountId)
    : tombstoneKey("contact", plan.contactIds[0]);
  const job = await db().$transaction(async (tx) => {
    const created = await tx.erasureJob.create({
      data: { workspaceId, subjectHash, plan: plan as never, state: "running", actorUserId },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "privacy.erasure_started",
      targetType: "ErasureJob",
      targetId: created.id,
      details: { subject: subjectHash, contacts: plan.contactIds.length, identities: plan.identityIds.length },
    });
    await tx.privacyRequest.create({ data: { workspaceId, kind: "erasure", actorUserId } });
    return created;
  });
  const counts = await runErasureJob(job.id, testing);
  return { jobId: job.id, counts };
}

/** Runs a job's remaining steps in order; each step commits and is recorded before the next. */
export async function runErasureJob(
  jobId: string,
  testing: { crashAfter?: Step } = {},
): Promise<Record<string, number>> {
  const job = await db().erasureJob.findUniqueOrThrow({ where: { id: jobId } });
  if (job.state === "done") return job.counts as Record<string, number>;
  const plan = job.plan as unknown as ErasurePlan;
  const done = new Set(job.done as string[]);
  const counts = { ...(job.counts as Record<string, number>) };
  try {
    for (const step of STEPS) {
      if (done.has(step)) continue;
      const result = await runStep(step, job.workspaceId, plan);
      Object.assign(counts, result);
      done.add(step);
      await db().erasureJob.update({
        where: { id: jobId },
        data: { done: [...done], counts, error: null, ...(step === "forget" ? { plan: {} } : {}) },
      });
      // Tests stop here as a killed process would: the job stays "running", to be resumed.
      if (testing.crashAfter === step) return counts;
    }
  } catch (error) {
    await db().erasureJob.update({
      where: { id: jobId },
      data: { state: "failed", error: (error as Error).message.slice(0, 2000) },
    });
    throw error;
  }
  await db().$transaction(async (tx) => {
    await tx.erasureJob.update({ where: { id: jobId }, data: { state: "done", finishedAt: new Date() } });
    await writeAudit(tx, {
      workspaceId: job.workspaceId,
      actorUserId: job.actorUserId,
      action: "privacy.erased",
      targetType: "ErasureJob",
      targetId: jobId,
      details: { subject: job.subjectHash, counts },
    });
  });
  return counts;
}

/** Jobs a crash left unfinished (running or failed), finished now. Run at start-up and by the CLI. */
export async function resumeErasureJobs(): Promise<number> {
  const jobs = await db().erasureJob.findMany({ where: { state: { in: ["running", "failed", "pending"] } } });
  for (const job of jobs) await runErasureJob(job.id);
  return jobs.length;
}

async function runStep(step: Step, workspaceId: string, plan: ErasurePlan): Promise<Record<string, number>> {
  switch (step) {
    case "tombstones":
      // First: a post arriving during the erasure can no longer bring the person back.
      await db().$transaction((tx) => addTombstones(tx, workspaceId, plan.identities));
      return { tombstones: plan.identities.length };
    case "mentions":
      return { mentions: await eraseMentions(workspaceId, plan) };
    case "messages":
      return { caseMessages: await eraseMessages(workspaceId, plan) };
    case "cases":
      return await eraseCases(workspaceId, plan);
    case "learned":
      return await eraseLearned(workspaceId);
    case "outbox":
      return { outboxItems: await eraseOutbox(workspaceId, plan) };
    case "audit":
      return { auditRows: await eraseAudit(workspaceId, plan) };
    case "rollups":
      return { rollupRows: await eraseRollups(workspaceId, plan) };
    case "people":
      return await erasePeople(workspaceId, plan);
    case "forget":
      return {};
    case "vacuum":
      return { vacuumed: await vacuumEmbedded() };
  }
}

// ————— steps —————

/** The person's mentions, in batches: content emptied, author unlinked, network ids re-keyed. */
async function eraseMentions(workspaceId: string, plan: ErasurePlan): Promise<number> {
  if (!plan.identityIds.length) return 0;
  let total = 0;
  for (;;) {
    const batch = await query<{ id: string; network: string; externalId: string }>(
      db(),
      sql`SELECT "id", "network"::text AS "network", "externalId" FROM "Mention"
          WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${plan.identityIds})
          ORDER BY "id" LIMIT ${BATCH}`,
    );
    if (!batch.length) return total;
    // A network id can carry the person's own id (Bluesky's at://did:…/…): a keyed hash keeps
    // the row unique without it.
    const rows = batch.map((m) => [m.id, erasedExternalId(m.network, m.externalId)]);
    await db().$transaction(async (tx) => {
      await execute(
        tx,
        sql`UPDATE "Mention" m SET "text" = '', "title" = NULL, "url" = NULL, "previousTexts" = '[]', "raw" = NULL,
              "replyRef" = NULL, "authorId" = NULL, "threadKey" = NULL, "inReplyToId" = NULL, "metrics" = '{}',
              "externalId" = u."externalId", "redactedAt" = now()
            FROM ${jsonRecords(
              rows,
              [
                ["id", "text"],
                ["externalId", "text"],
              ],
              "u",
            )}
            WHERE m."id" = u."id"`,
      );
      await execute(
        tx,
        sql`UPDATE "MentionRuleMatch" SET "spans" = '[]' WHERE "mentionId" = ANY(${batch.map((m) => m.id)})`,
      );
      await execute(
        tx,
        sql`DELETE FROM "SentimentLabel" WHERE "workspaceId" = ${workspaceId} AND "mentionId" = ANY(${batch.map((m) => m.id)})`,
      );
    });
    total += batch.length;
  }
}

/** Inbound messages copied from erased mentions: emptied (the conversation keeps the event). */
async function eraseMessages(workspaceId: string, plan: ErasurePlan): Promise<number> {
  if (!plan.caseIds.length) return 0;
  return execute(
    db(),
    sql`UPDATE "CaseMessage" cm SET "body" = '' FROM "Mention" m
        WHERE cm."workspaceId" = ${workspaceId} AND cm."caseId" = ANY(${plan.caseIds}) AND cm."kind" = 'INBOUND'
          AND m."id" = cm."mentionId" AND m."redactedAt" IS NOT NULL AND cm."body" <> ''`,
  );
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Replaces every occurrence of the person's names and handles in a text. */
export function redactText(text: string, redactions: readonly string[]): string {
  let out = text;
  for (const word of redactions) {
    const pattern = new RegExp(`@?${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "giu");
    out = out.replace(pattern, ERASED);
  }
  return out;
}

/** Their cases: subject and search text rebuilt without them; agents' replies and events lose their names. */
async function eraseCases(workspaceId: string, plan: ErasurePlan): Promise<Record<string, number>> {
  let replies = 0;
  let events = 0;
  for (let i = 0; i < plan.caseIds.length; i += BATCH) {
    const caseIds = plan.caseIds.slice(i, i + BATCH);
    await db().$transaction(async (tx) => {
      // The subject came from the customer's first words; the search text from their messages.
      await execute(
        tx,
        sql`UPDATE "Case" c SET "subject" = ${ERASED}, "searchText" = coalesce((
              SELECT string_agg(cm."body", ' ' ORDER BY cm."createdAt") FROM "CaseMessage" cm
              WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND' AND cm."body" <> ''), '')
            WHERE c."workspaceId" = ${workspaceId} AND c."id" = ANY(${caseIds})`,
      );
      replies += await redactRows(tx, workspaceId, caseIds, plan.redactions, "CaseMessage");
      events += await redactRows(tx, workspaceId, caseIds, plan.redactions, "CaseEvent");
    });
  }
  return { cases: plan.caseIds.length, repliesRedacted: replies, eventsRedacted: events };
}

/** Agents' replies and notes, and case events, that name the person: the names replaced. */
async function redactRows(
  tx: Tx,
  workspaceId: string,
  caseIds: string[],
  redactions: string[],
  table: "CaseMessage" | "CaseEvent",
): Promise<number> {
  if (!redactions.length) return 0;
  const patterns = redactions.map((w) => `%${escapeLike(w)}%`);
  if (table === "CaseMessage") {
    const rows = await query<{ id: string; body: string }>(
      tx,
      sql`SELECT "id", "body" FROM "CaseMessage" WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${caseIds})
          AND "kind" <> 'INBOUND' AND "body" ILIKE ANY(${patterns})`,
    );
    for (const r of rows)
      await execute(tx, sql`UPDATE "CaseMessage" SET "body" = ${redactText(r.body, redactions)} WHERE "id" = ${r.id}`);
    return rows.length;
  }
  const rows = await query<{ id: string; before: unknown; after: unknown }>(
    tx,
    sql`SELECT "id", "before", "after" FROM "CaseEvent" WHERE "workspaceId" = ${workspaceId} AND "caseId" = ANY(${caseIds})
        AND (coalesce("before"::text, '') ILIKE ANY(${patterns}) OR coalesce("after"::text, '') ILIKE ANY(${patterns}))`,
  );
  for (const r of rows) {
    const redact = (v: unknown) => (v == null ? null : JSON.parse(redactText(JSON.stringify(v), redactions)));
    await execute(
      tx,
      sql`UPDATE "CaseEvent" SET "before" = ${JSON.stringify(redact(r.before))}::jsonb, "after" = ${JSON.stringify(redact(r.after))}::jsonb WHERE "id" = ${r.id}`,
    );
  }
  return rows.length;
}

/** The workspace's learned sentiment model, retrained from the examples that remain. */
async function eraseLearned(workspaceId: string): Promise<Record<string, number>> {
  return { modelRetrainedFrom: await retrainWithoutErased(workspaceId) };
}

/** Webhook deliveries whose payload carried their posts or cases: the payload emptied. */
async function eraseOutbox(workspaceId: string, plan: ErasurePlan): Promise<number> {
  if (!plan.redactions.length && !plan.caseIds.length) return 0;
  const patterns = plan.redactions.map((w) => `%${escapeLike(w)}%`);
  return execute(
    db(),
    sql`UPDATE "OutboxItem" SET "payload" = jsonb_build_object('event', "payload"->'event', 'data', '{"erased": true}'::jsonb),
          "responseBody" = NULL, "lastError" = NULL
        WHERE "workspaceId" = ${workspaceId} AND "kind" = 'webhook'
          AND ("payload"::text ILIKE ANY(${patterns}) OR "payload"->'data'->>'id' IN (
            SELECT "id" FROM "Mention" WHERE "workspaceId" = ${workspaceId} AND "redactedAt" IS NOT NULL))`,
  );
}

/** Audit rows about them keep who did what and when; their details (names, values) go. */
async function eraseAudit(workspaceId: string, plan: ErasurePlan): Promise<number> {
  const targets = [...plan.contactIds, ...plan.identityIds];
  const patterns = plan.redactions.map((w) => `%${escapeLike(w)}%`);
  return db().$transaction(async (tx) => {
    await execute(tx, sql`SELECT set_config('earshot.audit_write', 'erasure', true)`);
    return execute(
      tx,
      sql`UPDATE "AuditLog" SET "details" = '{"erased": true}'
          WHERE "workspaceId" = ${workspaceId} AND "details" <> '{"erased": true}'
            AND ("targetId" = ANY(${targets}) OR "details"::text ILIKE ANY(${patterns}))`,
    );
  });
}

/**
 * Rollup rows keyed by the person: author rows (their counts already moved to nobody by the
 * triggers, the keys stay at zero) and the top-author spans that listed them; term rows of
 * words only they used, left at zero.
 */
async function eraseRollups(workspaceId: string, plan: ErasurePlan): Promise<number> {
  // Terms still waiting in the queue are applied from the erased (empty) texts: nothing to undo.
  let n = 0;
  n += await execute(
    db(),
    sql`DELETE FROM "MentionAuthorStat" WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${plan.identityIds})`,
  );
  n += await execute(
    db(),
    sql`DELETE FROM "MentionAuthorDay" WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${plan.identityIds})`,
  );
  const patterns = [...plan.identityIds, ...plan.redactions].map((w) => `%${escapeLike(w)}%`);
  if (patterns.length)
    n += await execute(
      db(),
      sql`DELETE FROM "AuthorSpan" WHERE "workspaceId" = ${workspaceId} AND "top"::text ILIKE ANY(${patterns})`,
    );
  for (const table of ["MentionTermStat", "MentionTermDay", "MentionTermWeek"] as const)
    n += await execute(db(), sql`DELETE FROM ${ident(table)} WHERE "workspaceId" = ${workspaceId} AND "mentions" <= 0`);
  return n;
}

/** The person's own rows: identities, contacts (with notes, keys, suggestions), merges, requests. */
async function erasePeople(workspaceId: string, plan: ErasurePlan): Promise<Record<string, number>> {
  return db().$transaction(async (tx) => {
    const { contactIds, identityIds } = plan;
    const suggestions = await execute(
      tx,
      sql`DELETE FROM "LinkSuggestion" WHERE "workspaceId" = ${workspaceId} AND ("identityId" = ANY(${identityIds}) OR "contactId" = ANY(${contactIds}))`,
    );
    const merges = await execute(
      tx,
      sql`DELETE FROM "ContactMerge" WHERE "workspaceId" = ${workspaceId} AND ("survivorId" = ANY(${contactIds}) OR "mergedId" = ANY(${contactIds}))`,
    );
    // Requests stay as dated records of what was asked, without the person.
    await execute(
      tx,
      sql`UPDATE "PrivacyRequest" SET "contactId" = NULL, "reason" = '' WHERE "workspaceId" = ${workspaceId} AND "contactId" = ANY(${contactIds})`,
    );
    const identities = await execute(
      tx,
      sql`DELETE FROM "SocialIdentity" WHERE "workspaceId" = ${workspaceId} AND "id" = ANY(${identityIds})`,
    );
    // Notes and matching keys go with the contact (cascade); cases keep their rows, unlinked.
    const contacts = await execute(
      tx,
      sql`DELETE FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND "id" = ANY(${contactIds})`,
    );
    return { identities, contacts, linkSuggestions: suggestions, merges };
  });
}

/**
 * On the embedded database, the erased values must not linger in its files: every table is
 * rewritten without dead row versions (VACUUM FULL: the embedded database serves small teams,
 * and this takes seconds there), then the write-ahead log is moved past the erasure twice and
 * checkpointed with recycling off, so the segments that saw the old values are deleted rather
 * than kept for reuse. (On a PostgreSQL server, dead versions wait for (auto)vacuum and its WAL
 * for its archiving policy: docs/privacy.md.)
 */
async function vacuumEmbedded(): Promise<number> {
  if (!(await isEmbedded())) return 0;
  await execute(db(), sql`VACUUM FULL`);
  for (let i = 0; i < 2; i++)
    await db().$transaction(async (tx) => {
      await execute(tx, sql`SET LOCAL wal_recycle = off`);
      await query(tx, sql`SELECT pg_switch_wal()::text AS "lsn"`);
      await execute(tx, sql`CHECKPOINT`);
    });
  return 1;
}

async function isEmbedded(): Promise<boolean> {
  const [row] = await query<{ version: string }>(db(), sql`SELECT version() AS "version"`);
  return /emscripten|wasm|pglite/i.test(row?.version ?? "");
}

/** A finished (or unfinished) erasure, as its result page shows it: no one named, counts only. */
export async function erasureJobSummary(workspaceId: string, jobId: string) {
  const job = await db().erasureJob.findFirst({
    where: { id: jobId, workspaceId },
    select: { state: true, counts: true, finishedAt: true, createdAt: true },
  });
  if (!job) throw notFound("That erasure");
  return {
    state: job.state,
    counts: job.counts as Record<string, number>,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
