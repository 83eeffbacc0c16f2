import "server-only";
import { db } from "@/lib/db/client";
import { empty, intLiteral, query, sql, typedArray, type Sql } from "@/lib/db/sql";
import { writeAudit } from "@/lib/audit/log";
import { createHtmlWriter, type ExportEvent, type ExportHeader, type ExportRow } from "./export-html";
import { resolveSubject, type ResolvedSubject, type SubjectInput } from "./subject";

// The subject export (docs/privacy/export.md): everything Earshot holds about one person, as one
// JSON document or one readable HTML page, written while it is read. Every kind is read in
// keyset pages of at most PAGE rows, and what depends on their posts (rule matches, case
// messages, audit rows) is read one page of post ids at a time, so a person with 100,000
// mentions never has more than a page of anything in memory. The reads are not one snapshot
// (a long-lived transaction would pin a connection for as long as the browser takes to
// download): a post that arrives mid-export may or may not be in it.

export const PAGE = 1_000;

export type ExportFormat = "json" | "html";

/**
 * Every table that holds rows about a person, and the key of the export it appears under. The
 * completeness test (tests/integration/privacy-export.test.ts) discovers from the database's
 * schema every table that references a contact, an identity, a mention, a case or a case
 * message (by foreign key or by a column named for one) and fails for any table that is in
 * neither this map nor EXCLUDED_TABLES.
 */
export const EXPORTED_TABLES: Record<string, string> = {
  Contact: "contact",
  ContactNote: "notes",
  SocialIdentity: "identities",
  Mention: "mentions",
  Case: "cases",
  CaseEvent: "caseEvents",
  CaseMessage: "caseMessages",
  MentionRuleMatch: "ruleMatches",
  SentimentLabel: "sentimentLabels",
  LinkSuggestion: "linkSuggestions",
  ContactMerge: "merges",
  ContactKey: "contactKeys",
  PrivacyRequest: "privacyRequests",
  AuditLog: "auditRows",
  OutboxItem: "outboxItems",
};

/** Tables that reference a person's rows but hold nothing of theirs beyond what is exported, and why. */
export const EXCLUDED_TABLES: Record<string, string> = {
  CasePresence: "which agents have a case open right now (a heartbeat of agents' activity); nothing about the person",
  CaseCycle:
    "response-time figures of each case (first reply and resolution minutes, the agent ids), computed from the exported cases, messages and case history",
  SlaOutcome: "whether each SLA target of a case was met, with its due time; computed from the exported case history",
  ReplyFact: "one counted reply per row (when, by which agent) for the dashboards; the replies themselves are exported",
  MentionAuthorDay:
    "how many mentions each author posted per day (the top-authors rollup): counts of the exported mentions, no content",
  MentionAuthorStat:
    "the same per-day author counts per brand and network: counts of the exported mentions, no content",
  AuthorSpanTotal: "an author's mention count over a dashboard period (a cache of the rollups above), no content",
  MentionStatQueue: "mention ids waiting (seconds) for the rollups to count them; no content",
};

interface SectionSpec {
  key: string;
  title: string;
  note?: string;
  rows: (ctx: ExportContext) => AsyncGenerator<ExportRow[]>;
}

interface ExportContext {
  workspaceId: string;
  subject: ResolvedSubject;
}

// ————— paging —————

/** Pages of a keyset query: `fetch(last row of the previous page)` until a page comes back short. */
async function* keyset<T>(fetch: (after: T | undefined) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: T | undefined;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/** Keyset pages ordered by "id". */
function byId<T extends { id: string }>(fetch: (afterId: string | undefined) => Promise<T[]>): AsyncGenerator<T[]> {
  return keyset<T>((after) => fetch(after?.id));
}

const idAfter = (after: string | undefined) => (after === undefined ? undefined : { gt: after });
const page = { orderBy: { id: "asc" as const }, take: PAGE };
const afterSql = (column: Sql, after: string | undefined) =>
  after === undefined ? empty : sql`AND ${column} > ${after}`;
const textArray = (values: readonly string[]) => typedArray(values, "text");

/** Their posts' ids, a page at a time (identity by identity, each in id order). */
async function* mentionIdPages({ workspaceId, subject }: ExportContext): AsyncGenerator<string[]> {
  for (const authorId of subject.identityIds)
    for await (const rows of byId((after) =>
      db().mention.findMany({ where: { workspaceId, authorId, id: idAfter(after) }, select: { id: true }, ...page }),
    ))
      yield rows.map((r) => r.id);
}

/** The cases that are theirs (they are its contact or its author), a page of ids at a time. */
async function* ownCaseIdPages({ workspaceId, subject }: ExportContext): AsyncGenerator<string[]> {
  for await (const rows of byId((after) =>
    db().case.findMany({
      where: {
        workspaceId,
        OR: [{ contactId: { in: subject.contactIds } }, { authorId: { in: subject.identityIds } }],
        id: idAfter(after),
      },
      select: { id: true },
      ...page,
    }),
  ))
    yield rows.map((r) => r.id);
}

/** Messages of their own cases other than posts (their posts come by mention): replies, notes, inbound without a post. */
async function* ownCaseMessagePages(ctx: ExportContext) {
  for await (const caseIds of ownCaseIdPages(ctx))
    yield* byId((after) =>
      db().caseMessage.findMany({
        where: {
          workspaceId: ctx.workspaceId,
          caseId: { in: caseIds },
          NOT: { kind: "INBOUND", mentionId: { not: null } },
          id: idAfter(after),
        },
        ...page,
      }),
    );
}

/** A row as JSON values: dates as ISO instants, big integers as text; the workspace id (the same everywhere) left out. */
function plain(row: object): ExportRow {
  const out: ExportRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "workspaceId") continue;
    out[key] =
      value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : (value as unknown);
  }
  return out;
}

async function* plainPages(pages: AsyncGenerator<object[]>): AsyncGenerator<ExportRow[]> {
  for await (const rows of pages) yield rows.map(plain);
}

// ————— the sections, in the order they are written —————

async function* notes({ workspaceId, subject }: ExportContext) {
  if (!subject.contactIds.length) return;
  yield* plainPages(
    byId((after) =>
      db().contactNote.findMany({
        where: { workspaceId, contactId: { in: subject.contactIds }, id: idAfter(after) },
        ...page,
      }),
    ),
  );
}

async function* identities({ workspaceId, subject }: ExportContext) {
  yield* plainPages(
    byId((after) =>
      db().socialIdentity.findMany({
        where: { workspaceId, id: { in: subject.identityIds, ...idAfter(after) } },
        ...page,
      }),
    ),
  );
}

async function* mentions({ workspaceId, subject }: ExportContext) {
  for (const authorId of subject.identityIds)
    for await (const rows of byId((after) =>
      db().mention.findMany({
        where: { workspaceId, authorId, id: idAfter(after) },
        include: { brand: { select: { name: true } } },
        ...page,
      }),
    ))
      yield rows.map(({ brand, raw, ...mention }) => plain({ ...mention, brandName: brand?.name ?? null, raw }));
}

function caseIdPage({ workspaceId, subject }: ExportContext, after: string | undefined) {
  const identityIds = textArray(subject.identityIds);
  return query<{ id: string }>(
    db(),
    sql`SELECT "id" FROM (
          SELECT c."id" FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."contactId" = ANY(${textArray(subject.contactIds)})
          UNION
          SELECT c."id" FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."authorId" = ANY(${identityIds})
          UNION
          SELECT cm."caseId" FROM "Mention" m JOIN "CaseMessage" cm ON cm."mentionId" = m."id"
          WHERE m."workspaceId" = ${workspaceId} AND m."authorId" = ANY(${identityIds}) AND cm."workspaceId" = ${workspaceId}
        ) ids
        WHERE TRUE ${afterSql(sql`"id"`, after)}
        ORDER BY "id" LIMIT ${intLiteral(PAGE)}`,
  );
}

const THIRD_PARTY_CASE_FIELDS = ["subject", "contactId", "authorId"] as const;

/**
 * Their own cases, and cases one of their posts is part of. Another customer's case is shown
 * without what identifies or quotes that customer (its subject is their first words, its author
 * and contact are them): the person's own post in it is in caseMessages.
 */
async function* cases(ctx: ExportContext) {
  const contactIds = new Set(ctx.subject.contactIds);
  const identityIds = new Set(ctx.subject.identityIds);
  for await (const ids of byId((after) => caseIdPage(ctx, after))) {
    const rows = await db().case.findMany({
      where: { workspaceId: ctx.workspaceId, id: { in: ids.map((r) => r.id) } },
      // The search copy repeats the subject and the customers' messages (exported as messages).
      omit: { searchText: true },
      orderBy: { id: "asc" },
    });
    yield rows.map((c) => {
      if (c.contactId && contactIds.has(c.contactId)) return plain({ involvement: "their contact's case", ...c });
      if (c.authorId && identityIds.has(c.authorId))
        return plain({ involvement: "their case (they wrote its first post)", ...c });
      const row = plain({ involvement: "one of their posts is in another customer's case", ...c });
      for (const key of THIRD_PARTY_CASE_FIELDS) delete row[key];
      return row;
    });
  }
}

async function* caseEvents(ctx: ExportContext) {
  for await (const caseIds of ownCaseIdPages(ctx))
    yield* plainPages(
      byId((after) =>
        db().caseEvent.findMany({
          where: { workspaceId: ctx.workspaceId, caseId: { in: caseIds }, id: idAfter(after) },
          ...page,
        }),
      ),
    );
}

async function* caseMessages(ctx: ExportContext) {
  for await (const mentionIds of mentionIdPages(ctx))
    yield* plainPages(
      byId((after) =>
        db().caseMessage.findMany({
          where: { workspaceId: ctx.workspaceId, mentionId: { in: mentionIds }, id: idAfter(after) },
          ...page,
        }),
      ),
    );
  yield* plainPages(ownCaseMessagePages(ctx));
}

async function* ruleMatches(ctx: ExportContext) {
  for await (const mentionIds of mentionIdPages(ctx))
    for await (const rows of byId((after) =>
      db().mentionRuleMatch.findMany({
        where: { workspaceId: ctx.workspaceId, mentionId: { in: mentionIds }, id: idAfter(after) },
        include: { rule: { select: { name: true } } },
        ...page,
      }),
    ))
      yield rows.map(({ rule, ...match }) => plain({ ...match, ruleName: rule.name }));
}

/** Examples the sentiment model learned from their posts (an agent's correction, or imported). */
async function* sentimentLabels({ workspaceId, subject }: ExportContext) {
  yield* plainPages(
    byId((after) =>
      query<ExportRow & { id: string }>(
        db(),
        sql`SELECT s.* FROM "SentimentLabel" s JOIN "Mention" m ON m."id" = s."mentionId"
            WHERE s."workspaceId" = ${workspaceId} AND m."workspaceId" = ${workspaceId}
              AND m."authorId" = ANY(${textArray(subject.identityIds)}) ${afterSql(sql`s."id"`, after)}
            ORDER BY s."id" LIMIT ${intLiteral(PAGE)}`,
      ),
    ),
  );
}

async function* linkSuggestions({ workspaceId, subject }: ExportContext) {
  yield* plainPages(
    byId((after) =>
      db().linkSuggestion.findMany({
        where: {
          workspaceId,
          OR: [{ identityId: { in: subject.identityIds } }, { contactId: { in: subject.contactIds } }],
          id: idAfter(after),
        },
        ...page,
      }),
    ),
  );
}

async function* merges({ workspaceId, subject }: ExportContext) {
  if (!subject.contactIds.length) return;
  yield* plainPages(
    byId((after) =>
      db().contactMerge.findMany({
        where: {
          workspaceId,
          OR: [{ survivorId: { in: subject.contactIds } }, { mergedId: { in: subject.contactIds } }],
          id: idAfter(after),
        },
        ...page,
      }),
    ),
  );
}

/** The hidden rows of contacts merged into theirs (kept so that a merge can be undone). */
async function* mergedContacts({ workspaceId, subject }: ExportContext) {
  const merged = subject.contactIds.filter((id) => id !== subject.targetId);
  if (!merged.length) return;
  yield* plainPages(
    byId((after) => db().contact.findMany({ where: { workspaceId, id: { in: merged, ...idAfter(after) } }, ...page })),
  );
}

type KeyRow = { contactId: string; kind: string; value: string };

/** The normalised matching keys derived from their contact fields (e-mails, phones, handles, name). */
async function* contactKeys({ workspaceId, subject }: ExportContext) {
  if (!subject.contactIds.length) return;
  yield* plainPages(
    keyset<KeyRow>((after) =>
      query<KeyRow>(
        db(),
        sql`SELECT "contactId", "kind", "value" FROM "ContactKey"
            WHERE "workspaceId" = ${workspaceId} AND "contactId" = ANY(${textArray(subject.contactIds)})
            ${after ? sql`AND ("contactId", "kind", "value") > (${after.contactId}, ${after.kind}, ${after.value})` : empty}
            ORDER BY "contactId", "kind", "value" LIMIT ${intLiteral(PAGE)}`,
      ),
    ),
  );
}

async function* privacyRequests({ workspaceId, subject }: ExportContext) {
  if (!subject.contactIds.length) return;
  yield* plainPages(
    byId((after) =>
      db().privacyRequest.findMany({
        where: { workspaceId, contactId: { in: subject.contactIds }, id: idAfter(after) },
        ...page,
      }),
    ),
  );
}

/** Audit rows whose target is one of these ids (by targetId only: details are not searched). */
function auditRowsAbout(workspaceId: string, targetIds: string[]) {
  return plainPages(
    byId((after) =>
      db().auditLog.findMany({ where: { workspaceId, targetId: { in: targetIds }, id: idAfter(after) }, ...page }),
    ),
  );
}

async function* auditRows(ctx: ExportContext) {
  const { workspaceId, subject } = ctx;
  yield* auditRowsAbout(workspaceId, [...subject.contactIds, ...subject.identityIds]);
  for await (const mentionIds of mentionIdPages(ctx)) yield* auditRowsAbout(workspaceId, mentionIds);
  for await (const caseIds of ownCaseIdPages(ctx)) yield* auditRowsAbout(workspaceId, caseIds);
  for await (const messages of ownCaseMessagePages(ctx)) {
    const messageIds = messages.map((m) => m.id);
    const deliveries = await db().outboxItem.findMany({
      where: { workspaceId, caseMessageId: { in: messageIds } },
      select: { id: true },
    });
    yield* auditRowsAbout(workspaceId, [...messageIds, ...deliveries.map((d) => d.id)]);
  }
}

/** Webhook deliveries that carried their post, one of their cases, or a reply in one. */
function webhookPage({ workspaceId, subject }: ExportContext, after: string | undefined) {
  const identityIds = textArray(subject.identityIds);
  const theirCase = sql`(c."contactId" = ANY(${textArray(subject.contactIds)}) OR c."authorId" = ANY(${identityIds}))`;
  return query<ExportRow & { id: string }>(
    db(),
    sql`SELECT o.* FROM "OutboxItem" o
        WHERE o."workspaceId" = ${workspaceId} AND o."kind" = 'webhook' ${afterSql(sql`o."id"`, after)}
          AND (
            (o."payload"->>'event' = 'mention.created' AND EXISTS (
              SELECT 1 FROM "Mention" m WHERE m."id" = o."payload"->'data'->>'id'
                AND m."workspaceId" = ${workspaceId} AND m."authorId" = ANY(${identityIds})))
            OR (o."payload"->>'event' IN ('case.created', 'case.updated')
              AND o."payload"->'data'->>'number' ~ '^[0-9]{1,9}$' AND EXISTS (
              SELECT 1 FROM "Case" c WHERE c."workspaceId" = ${workspaceId}
                AND c."number" = (o."payload"->'data'->>'number')::int AND ${theirCase}))
            OR (o."payload"->>'event' IN ('reply.sent', 'reply.failed') AND EXISTS (
              SELECT 1 FROM "CaseMessage" cm JOIN "Case" c ON c."id" = cm."caseId"
              WHERE cm."id" = o."payload"->'data'->>'messageId' AND cm."workspaceId" = ${workspaceId} AND ${theirCase}))
          )
        ORDER BY o."id" LIMIT ${intLiteral(PAGE)}`,
  );
}

async function* outboxItems(ctx: ExportContext) {
  for await (const messages of ownCaseMessagePages(ctx))
    yield* plainPages(
      byId((after) =>
        db().outboxItem.findMany({
          where: { workspaceId: ctx.workspaceId, caseMessageId: { in: messages.map((m) => m.id) }, id: idAfter(after) },
          ...page,
        }),
      ),
    );
  yield* plainPages(byId((after) => webhookPage(ctx, after)));
}

const SECTIONS: readonly SectionSpec[] = [
  { key: "notes", title: "Notes", note: "Agents' notes on the contact.", rows: notes },
  { key: "identities", title: "Social identities", note: "Profiles on each network, as last seen.", rows: identities },
  {
    key: "mentions",
    title: "Mentions (their posts)",
    note: "Every post of theirs Earshot stored: text, title, address, earlier versions of edited texts (previous texts) and the payload as the network sent it (raw).",
    rows: mentions,
  },
  {
    key: "cases",
    title: "Cases",
    note: "Cases they are the contact or the author of, and other customers' cases one of their posts is part of (shown without that customer's subject, contact and author).",
    rows: cases,
  },
  { key: "caseEvents", title: "Case history", note: "Changes made to their own cases.", rows: caseEvents },
  {
    key: "caseMessages",
    title: "Case messages",
    note: "Their posts in cases, and the replies, notes and other messages in their own cases.",
    rows: caseMessages,
  },
  {
    key: "ruleMatches",
    title: "Keyword rule matches",
    note: "Which rule matched which post, and where.",
    rows: ruleMatches,
  },
  {
    key: "sentimentLabels",
    title: "Sentiment labels",
    note: "Sentiment examples the workspace's model learned from their posts (agents' corrections and imports).",
    rows: sentimentLabels,
  },
  { key: "linkSuggestions", title: "Link suggestions", rows: linkSuggestions },
  { key: "merges", title: "Merges", note: "Merges of their contact, with what it looked like before.", rows: merges },
  { key: "mergedContacts", title: "Merged contacts", note: "Contacts merged into theirs.", rows: mergedContacts },
  {
    key: "contactKeys",
    title: "Matching keys",
    note: "Normalised copies of their e-mails, phones, websites, handles and name, used to link new profiles.",
    rows: contactKeys,
  },
  { key: "privacyRequests", title: "Privacy requests", rows: privacyRequests },
  {
    key: "auditRows",
    title: "Audit rows",
    note: "Audit rows whose target is their contact, an identity, a post, one of their cases, or a reply or delivery in one (found by target id; the rows' details are not searched).",
    rows: auditRows,
  },
  {
    key: "outboxItems",
    title: "Outbox",
    note: "Replies to them (queued, sent or failed) and webhook deliveries that carried their posts or cases.",
    rows: outboxItems,
  },
];

/** The export's top-level keys, in order (what EXPORTED_TABLES' values must be among). */
export const EXPORT_KEYS: readonly string[] = [
  "subject",
  "generatedAt",
  "workspace",
  "contact",
  ...SECTIONS.map((s) => s.key),
  "counts",
];

// ————— the events, and the two formats —————

function describeSubject(subject: ResolvedSubject): { lines: Array<readonly [string, string]>; data: ExportRow } {
  if (subject.kind === "contact")
    return {
      lines: [
        ["Subject", `Contact “${subject.label}”`],
        ["Covers", "The contact, the contacts merged into it and every social identity linked to it."],
      ],
      data: { type: "contact", contactId: subject.targetId, name: subject.label, contactIds: subject.contactIds },
    };
  const identity = subject.identity!;
  const scope = subject.linkedContactId
    ? "This social identity only. It is linked to a contact, whose fields, notes and other identities are not part of this export."
    : "This social identity only.";
  return {
    lines: [
      ["Subject", `Social identity ${identity.network}:${identity.accountId} (@${identity.handle})`],
      ["Covers", scope],
    ],
    data: {
      type: "identity",
      identityId: subject.targetId,
      network: identity.network,
      accountId: identity.accountId,
      handle: identity.handle,
      scope,
    },
  };
}

/** The export as events: a start, the contact, then each section's pages, then the counts. */
export async function* subjectExportEvents(
  workspace: { id: string; slug: string },
  subject: ResolvedSubject,
  generatedAt = new Date(),
): AsyncGenerator<ExportEvent> {
  const ctx: ExportContext = { workspaceId: workspace.id, subject };
  const described = describeSubject(subject);
  const header: ExportHeader = {
    title: `Data Earshot holds about ${subject.label}`,
    generatedAt: generatedAt.toISOString(),
    workspaceSlug: workspace.slug,
    subject: described.lines,
  };
  yield { kind: "start", header, subject: described.data };
  const contact =
    subject.kind === "contact"
      ? await db().contact.findFirst({ where: { workspaceId: workspace.id, id: subject.targetId } })
      : null;
  yield { kind: "object", key: "contact", title: "Contact", value: contact ? plain(contact) : null };
  const counts: Array<{ key: string; title: string; count: number }> = [];
  for (const section of SECTIONS) {
    yield { kind: "section", key: section.key, title: section.title, note: section.note };
    let count = 0;
    for await (const rows of section.rows(ctx)) {
      count += rows.length;
      yield { kind: "rows", key: section.key, rows };
    }
    yield { kind: "sectionEnd", key: section.key, count };
    counts.push({ key: section.key, title: section.title, count });
  }
  yield { kind: "end", sections: counts };
}

/** A writer of the JSON document: one top-level object, each section an array written page by page. */
function createJsonWriter(): (event: ExportEvent) => string {
  let firstRow = true;
  return (event) => {
    switch (event.kind) {
      case "start":
        return `{\n"subject": ${JSON.stringify(event.subject)},\n"generatedAt": ${JSON.stringify(event.header.generatedAt)},\n"workspace": ${JSON.stringify({ slug: event.header.workspaceSlug })}`;
      case "object":
        return `,\n${JSON.stringify(event.key)}: ${JSON.stringify(event.value)}`;
      case "section":
        firstRow = true;
        return `,\n${JSON.stringify(event.key)}: [`;
      case "rows": {
        const text = event.rows.map((r) => JSON.stringify(r)).join(",\n");
        const out = `${firstRow ? "\n" : ",\n"}${text}`;
        firstRow = false;
        return out;
      }
      case "sectionEnd":
        return firstRow ? "]" : "\n]";
      case "end":
        return `,\n"counts": ${JSON.stringify(Object.fromEntries(event.sections.map((s) => [s.key, s.count])))}\n}\n`;
    }
  };
}

/** The export as text chunks (one per page of rows) in the format asked for. */
export async function* renderSubjectExport(events: AsyncIterable<ExportEvent>, format: ExportFormat) {
  const write = format === "json" ? createJsonWriter() : createHtmlWriter();
  for await (const event of events) {
    const text = write(event);
    if (text) yield text;
  }
}

export interface SubjectExport {
  subject: ResolvedSubject;
  filename: string;
  contentType: string;
  chunks: AsyncGenerator<string>;
}

/**
 * Resolves the subject, records the export (an audit row "privacy.exported" on the contact or
 * identity, and a PrivacyRequest of kind "export"), then returns the export to stream. The
 * record is written when the export starts, in one transaction: a download the reader abandons
 * halfway was still an export of that person's data.
 */
export async function startSubjectExport(
  workspace: { id: string; slug: string },
  actor: { userId: string | null; via: "console" | "cli" },
  input: SubjectInput,
  format: ExportFormat,
): Promise<SubjectExport> {
  const subject = await resolveSubject(workspace.id, input);
  const generatedAt = new Date();
  await db().$transaction(async (tx) => {
    await writeAudit(tx, {
      workspaceId: workspace.id,
      actorUserId: actor.userId,
      action: "privacy.exported",
      targetType: subject.targetType,
      targetId: subject.targetId,
      // Ids and counts only: the audit row outlives an erasure of the person.
      details: {
        format,
        via: actor.via,
        contacts: subject.contactIds.length,
        identities: subject.identityIds.length,
      },
    });
    await tx.privacyRequest.create({
      data: {
        workspaceId: workspace.id,
        contactId: subject.kind === "contact" ? subject.targetId : (subject.linkedContactId ?? null),
        kind: "export",
        reason: "",
        actorUserId: actor.userId,
        createdAt: generatedAt,
      },
    });
  });
  const stamp = generatedAt.toISOString().slice(0, 10);
  return {
    subject,
    filename: `earshot-${workspace.slug}-${subject.kind}-${subject.targetId}-${stamp}.${format}`,
    contentType: format === "json" ? "application/json" : "text/html",
    chunks: renderSubjectExport(subjectExportEvents(workspace, subject, generatedAt), format),
  };
}
