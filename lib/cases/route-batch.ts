import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unnestColumns } from "@/lib/ingest/sql";
import { decideRouting, type RoutingDecision } from "@/lib/routing/decide";
import { onCustomerMessage, onStatusChange, startClocks, summarize, targetsFor, type Clocks, type PriorityName, type StatusName } from "@/lib/sla/clock";
import type { RoutingContext } from "./routing-context";

type Tx = Prisma.TransactionClient;

// Routing and threading, inside the pipeline's write transaction, for the batch's new
// mentions. In order of posting, each mention:
//   1. joins the case of its thread (it replies to, or shares a conversation with, a mention
//      already in a case);
//   2. else joins its author's (or contact's) open case about the same brand, if that case
//      was active within the join window;
//   3. else reopens its author's case about the brand solved within the reopen window;
//   4. else is routed: a new case, or only logged.
// A fixed number of statements per batch, whatever its size.

export interface RouteInput {
  mentionId: string;
  network: string;
  externalId: string;
  threadKey: string | null;
  inReplyToId: string | null;
  authorId: string | null;
  brandId: string | null;
  ruleIds: string[];
  sentiment: "POSITIVE" | "NEUTRAL" | "NEGATIVE" | null;
  intent: "QUESTION" | "COMPLAINT" | "PRAISE" | "OTHER" | null;
  influence: number | null;
  followers: number | null;
  direct: boolean;
  text: string;
  title: string | null;
  postedAt: Date;
}

export interface RouteSummary {
  created: number;
  joined: number;
  reopened: number;
  logged: number;
}

interface CaseState {
  id: string;
  isNew: boolean;
  number?: number;
  status: StatusName;
  priority: PriorityName;
  brandId: string | null;
  authorId: string | null;
  contactId: string | null;
  slaPolicyId: string | null;
  clocks: Clocks;
  solvedAt: Date | null;
  lastActivityAt: Date;
  lastInboundAt: Date | null;
  lastAgentReplyAt: Date | null;
  reopenedAt: Date | null;
  reopenCount: number;
  network: string | null;
  sentiment: string | null;
  /** Text of this batch's messages, appended to the case's search text. */
  appendText: string;
  touched: boolean;
  decision?: RoutingDecision;
  subject?: string;
}

const HOUR = 3_600_000;
const OPEN: StatusName[] = ["NEW", "OPEN", "PENDING", "ON_HOLD"];
const key = (network: string, id: string) => `${network}\u0000${id}`;

export async function routeNewMentions(tx: Tx, workspaceId: string, inputs: RouteInput[], ctx: RoutingContext): Promise<RouteSummary> {
  const summary: RouteSummary = { created: 0, joined: 0, reopened: 0, logged: 0 };
  if (!inputs.length) return summary;
  const mentions = [...inputs].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());

  // 1. Cases of the threads these mentions belong to.
  const refs = mentions.flatMap((m) => [m.inReplyToId, m.threadKey].filter((x): x is string => !!x).map((id) => [m.network, id]));
  const threads = mentions.filter((m) => m.threadKey).map((m) => [m.network, m.threadKey!]);
  const caseColumns = `c."id", c."status"::text AS "status", c."priority"::text AS "priority", c."brandId", c."authorId", c."contactId", c."slaPolicyId",
    c."firstResponseDueAt", c."nextResponseDueAt", c."resolutionDueAt", c."slaPausedAt", c."solvedAt", c."lastActivityAt", c."lastInboundAt",
    c."lastAgentReplyAt", c."reopenedAt", c."reopenCount", c."network"::text AS "network", c."sentiment"::text AS "sentiment"`;
  type CaseRow = { id: string; status: StatusName; priority: PriorityName; brandId: string | null; authorId: string | null; contactId: string | null; slaPolicyId: string | null; firstResponseDueAt: Date | null; nextResponseDueAt: Date | null; resolutionDueAt: Date | null; slaPausedAt: Date | null; solvedAt: Date | null; lastActivityAt: Date; lastInboundAt: Date | null; lastAgentReplyAt: Date | null; reopenedAt: Date | null; reopenCount: number; network: string | null; sentiment: string | null };
  const r = unnestColumns(refs, ['"Network"', "text"], 1);
  const t = unnestColumns(threads, ['"Network"', "text"], 3);
  // Two index lookups (by external id, by thread key), not one OR that would scan mentions.
  const threadRows = refs.length || threads.length
    ? await tx.$queryRawUnsafe<Array<CaseRow & { mNetwork: string; mExternalId: string; mThreadKey: string | null }>>(
        `WITH hits AS (
           SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
             WHERE m."workspaceId" = $1 AND (m."network", m."externalId") IN (SELECT * FROM ${refs.length ? r.sql : `unnest($2::"Network"[], $3::text[])`})
           UNION
           SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
             WHERE m."workspaceId" = $1 AND (m."network", m."threadKey") IN (SELECT * FROM ${threads.length ? t.sql : `unnest($4::"Network"[], $5::text[])`}))
         SELECT h."network"::text AS "mNetwork", h."externalId" AS "mExternalId", h."threadKey" AS "mThreadKey", ${caseColumns}
         FROM hits h JOIN "CaseMessage" cm ON cm."mentionId" = h."id" JOIN "Case" c ON c."id" = cm."caseId" AND c."workspaceId" = $1`,
        workspaceId,
        ...(refs.length ? r.params : [[], []]),
        ...(threads.length ? t.params : [[], []]),
      )
    : [];

  // 2. The authors' contacts and tiers, and the recent cases of those authors and contacts.
  const authorIds = [...new Set(mentions.map((m) => m.authorId).filter((x): x is string => !!x))];
  const authors = authorIds.length
    ? await tx.$queryRawUnsafe<Array<{ id: string; contactId: string | null; tier: string | null }>>(
        `SELECT s."id", s."contactId", ct."tier" FROM "SocialIdentity" s LEFT JOIN "Contact" ct ON ct."id" = s."contactId" WHERE s."workspaceId" = $1 AND s."id" = ANY($2::text[])`,
        workspaceId,
        authorIds,
      )
    : [];
  const authorOf = new Map(authors.map((a) => [a.id, a]));
  const contactIds = [...new Set(authors.map((a) => a.contactId).filter((x): x is string => !!x))];
  const windowHours = Math.max(ctx.settings.joinWindowHours, ctx.settings.reopenWindowHours);
  const since = new Date(mentions[0].postedAt.getTime() - windowHours * HOUR);
  const personRows = authorIds.length
    ? await tx.$queryRawUnsafe<CaseRow[]>(
        `SELECT ${caseColumns} FROM "Case" c
         WHERE c."workspaceId" = $1 AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= $4 AND c."authorId" = ANY($2::text[])
         UNION
         SELECT ${caseColumns} FROM "Case" c
         WHERE c."workspaceId" = $1 AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= $4 AND c."contactId" = ANY($3::text[])
         ORDER BY "lastActivityAt" DESC`,
        workspaceId,
        authorIds,
        contactIds,
        since,
      )
    : [];

  const cases = new Map<string, CaseState>();
  const state = (row: CaseRow): CaseState => {
    const existing = cases.get(row.id);
    if (existing) return existing;
    const s: CaseState = {
      id: row.id, isNew: false, status: row.status, priority: row.priority, brandId: row.brandId, authorId: row.authorId, contactId: row.contactId,
      slaPolicyId: row.slaPolicyId, solvedAt: row.solvedAt, lastActivityAt: row.lastActivityAt, lastInboundAt: row.lastInboundAt,
      lastAgentReplyAt: row.lastAgentReplyAt, reopenedAt: row.reopenedAt, reopenCount: row.reopenCount, network: row.network, sentiment: row.sentiment, appendText: "", touched: false,
      clocks: { firstResponseDueAt: row.firstResponseDueAt, nextResponseDueAt: row.nextResponseDueAt, resolutionDueAt: row.resolutionDueAt, pausedAt: row.slaPausedAt },
    };
    cases.set(s.id, s);
    return s;
  };
  // Thread membership: a network's message id or thread key → its case.
  const threadCase = new Map<string, CaseState>();
  for (const row of threadRows) {
    const s = state(row);
    threadCase.set(key(row.mNetwork, row.mExternalId), s);
    if (row.mThreadKey) threadCase.set(key(row.mNetwork, `thread:${row.mThreadKey}`), s);
  }
  // The latest case per (author, brand) and per (contact, brand); rows come newest first.
  const byAuthor = new Map<string, CaseState>();
  const byContact = new Map<string, CaseState>();
  const remember = (c: CaseState, replace: boolean) => {
    const a = c.authorId ? `${c.authorId}\u0000${c.brandId}` : null;
    const k = c.contactId ? `${c.contactId}\u0000${c.brandId}` : null;
    if (a && (replace || !byAuthor.has(a))) byAuthor.set(a, c);
    if (k && (replace || !byContact.has(k))) byContact.set(k, c);
  };
  for (const row of personRows) remember(state(row), false);

  const messages: unknown[][] = [];
  const events: unknown[][] = [];
  const now = new Date();
  const policyOf = (id: string | null) => (id ? ctx.policies.get(id) ?? null : null);

  for (const m of mentions) {
    const author = m.authorId ? authorOf.get(m.authorId) : undefined;
    const contactId = author?.contactId ?? null;
    let target =
      (m.inReplyToId && threadCase.get(key(m.network, m.inReplyToId))) ||
      (m.threadKey && (threadCase.get(key(m.network, m.threadKey)) || threadCase.get(key(m.network, `thread:${m.threadKey}`)))) ||
      null;
    if (!target && (m.authorId || contactId)) {
      // The person's most recent case about this brand, if still open within the join window
      // (a solved one is looked at for reopening below).
      const a = m.authorId ? byAuthor.get(`${m.authorId}\u0000${m.brandId}`) : undefined;
      const k = contactId ? byContact.get(`${contactId}\u0000${m.brandId}`) : undefined;
      target = (a && k ? (a.lastActivityAt >= k.lastActivityAt ? a : k) : a ?? k) ?? null;
      if (target && OPEN.includes(target.status) && m.postedAt.getTime() - target.lastActivityAt.getTime() > ctx.settings.joinWindowHours * HOUR) target = null;
    }
    if (target) {
      // Closed, or solved longer ago than the reopen window: a new conversation.
      const reopenable = target.status === "SOLVED" && !!target.solvedAt && m.postedAt.getTime() - target.solvedAt.getTime() <= ctx.settings.reopenWindowHours * HOUR;
      if (target.status === "CLOSED" || (target.status === "SOLVED" && !reopenable)) target = null;
    }

    if (target) {
      const policy = policyOf(target.slaPolicyId);
      const targets = targetsFor(policy?.targets, target.priority);
      if (target.status === "SOLVED") {
        target.status = "OPEN";
        target.reopenedAt = m.postedAt;
        target.reopenCount++;
        target.solvedAt = null;
        target.clocks = startClocks(policy?.calendar ?? null, targets, m.postedAt);
        events.push([randomUUID(), workspaceId, target.id, "reopened", JSON.stringify({ status: "SOLVED" }), JSON.stringify({ status: "OPEN", mentionId: m.mentionId }), m.postedAt]);
        summary.reopened++;
      } else {
        if (target.status === "PENDING") {
          // The customer answered: back to OPEN, clocks resume.
          target.clocks = onStatusChange(policy?.calendar ?? null, target.clocks, "PENDING", "OPEN", m.postedAt);
          events.push([randomUUID(), workspaceId, target.id, "status_changed", JSON.stringify({ status: "PENDING" }), JSON.stringify({ status: "OPEN", reason: "customer replied" }), m.postedAt]);
          target.status = "OPEN";
        }
        target.clocks = onCustomerMessage(policy?.calendar ?? null, target.clocks, targets, m.postedAt, !!target.lastAgentReplyAt && (!target.lastInboundAt || target.lastAgentReplyAt >= target.lastInboundAt));
        summary.joined++;
      }
      target.lastActivityAt = m.postedAt > target.lastActivityAt ? m.postedAt : target.lastActivityAt;
      target.lastInboundAt = m.postedAt;
      target.network = m.network;
      target.sentiment = m.sentiment;
      target.appendText += ` ${m.title ?? ""} ${m.text}`;
      target.touched = true;
      messages.push([randomUUID(), workspaceId, target.id, m.mentionId, m.text.slice(0, 4000), m.postedAt]);
      threadCase.set(key(m.network, m.externalId), target);
      continue;
    }

    const decision = decideRouting(
      { brandId: m.brandId, keywordRuleIds: m.ruleIds, network: m.network, sentiment: m.sentiment, intent: m.intent, influence: m.influence, followers: m.followers, direct: m.direct, contactTier: author?.tier ?? null },
      ctx.rules,
      ctx.settings.defaultSlaPolicyId ?? null,
    );
    if (!decision.createCase) {
      summary.logged++;
      continue;
    }
    const policy = policyOf(decision.slaPolicyId);
    const fresh: CaseState = {
      id: randomUUID(), isNew: true, status: "NEW", priority: decision.priority, brandId: m.brandId, authorId: m.authorId, contactId, slaPolicyId: policy?.id ?? null,
      clocks: startClocks(policy?.calendar ?? null, targetsFor(policy?.targets, decision.priority), m.postedAt), solvedAt: null,
      lastActivityAt: m.postedAt, lastInboundAt: m.postedAt, lastAgentReplyAt: null, reopenedAt: null, reopenCount: 0, network: m.network, sentiment: m.sentiment, appendText: ` ${m.title ?? ""} ${m.text}`, touched: true, decision,
      subject: subjectOf(m),
    };
    cases.set(fresh.id, fresh);
    remember(fresh, true);
    threadCase.set(key(m.network, m.externalId), fresh);
    if (m.threadKey) threadCase.set(key(m.network, `thread:${m.threadKey}`), fresh);
    messages.push([randomUUID(), workspaceId, fresh.id, m.mentionId, m.text.slice(0, 4000), m.postedAt]);
    events.push([randomUUID(), workspaceId, fresh.id, "created", null, JSON.stringify({ status: "NEW", priority: decision.priority, queueId: decision.queueId, ruleId: decision.ruleId, reasons: decision.reasons }), m.postedAt]);
    summary.created++;
  }

  // 3. Writes: numbers for new cases, the cases, updates, messages and events.
  const fresh = [...cases.values()].filter((c) => c.isNew);
  if (fresh.length) {
    const [{ caseCounter }] = await tx.$queryRawUnsafe<Array<{ caseCounter: number }>>(
      `UPDATE "Workspace" SET "caseCounter" = "caseCounter" + $2 WHERE "id" = $1 RETURNING "caseCounter"`,
      workspaceId,
      fresh.length,
    );
    fresh.forEach((c, i) => (c.number = caseCounter - fresh.length + 1 + i));
  }
  const rows = [...cases.values()].filter((c) => c.touched);
  if (rows.length) {
    const values = rows.map((c) => {
      const policy = policyOf(c.slaPolicyId);
      const sla = summarize(policy?.calendar ?? null, c.clocks, targetsFor(policy?.targets, c.priority), now);
      return [
        c.id, c.isNew, c.number ?? 0, c.subject ?? "", c.status, c.priority, c.decision?.tags ?? [], c.brandId, c.decision?.queueId ?? null, c.contactId, c.authorId,
        c.slaPolicyId, c.clocks.firstResponseDueAt, c.clocks.nextResponseDueAt, c.clocks.resolutionDueAt, c.clocks.pausedAt, sla.dueAt, sla.atRiskAt,
        c.solvedAt, c.reopenedAt, c.reopenCount, c.lastActivityAt, c.lastInboundAt, c.decision?.ruleId ?? null, c.network, c.sentiment, c.appendText.slice(-20000),
      ];
    });
    // Arrays of arrays do not unnest per row: tags travel as JSON text. New and existing cases
    // are sent separately, each statement only with its own rows.
    const casts = [
      "text", "boolean", "int", "text", '"CaseStatus"', '"Priority"', "text", "text", "text", "text", "text",
      "text", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "timestamptz",
      "timestamptz", "timestamptz", "int", "timestamptz", "timestamptz", "text", '"Network"', '"Sentiment"', "text",
    ];
    const encoded = values.map((row) => row.map((x, i) => (i === 6 ? JSON.stringify(x) : x)));
    const cols = `u("id","isNew","number","subject","status","priority","tags","brandId","queueId","contactId","authorId","slaPolicyId","fr","nr","res","paused","due","risk","solvedAt","reopenedAt","reopenCount","last","lastIn","ruleId","network","sentiment","appendText")`;
    const inserted = encoded.filter((row) => row[1] === true);
    // Existing cases in id order: concurrent batches joining the same cases lock them alike.
    const updated = encoded.filter((row) => row[1] !== true).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    if (inserted.length) {
      const v = unnestColumns(inserted, casts, 1);
      await tx.$executeRawUnsafe(
        `INSERT INTO "Case" ("id","workspaceId","number","subject","status","priority","tags","brandId","queueId","contactId","authorId","slaPolicyId",
           "firstResponseDueAt","nextResponseDueAt","resolutionDueAt","slaPausedAt","slaDueAt","slaAtRiskAt","lastActivityAt","lastInboundAt","routingRuleId","network","sentiment","searchText","updatedAt")
         SELECT u."id", $1, u."number", u."subject", u."status", u."priority", ARRAY(SELECT jsonb_array_elements_text(u."tags"::jsonb)), u."brandId", u."queueId",
           u."contactId", u."authorId", u."slaPolicyId", u."fr", u."nr", u."res", u."paused", u."due", u."risk", u."last", u."lastIn", u."ruleId", u."network", u."sentiment", right(u."subject" || u."appendText", 20000), now()
         FROM ${v.sql} AS ${cols}`,
        workspaceId,
        ...v.params,
      );
    }
    if (updated.length) {
      const v = unnestColumns(updated, casts, 1);
      // Locked first, in that order: an UPDATE … FROM locks in whatever order its join runs.
      await tx.$executeRawUnsafe(
        `WITH u AS (SELECT * FROM ${v.sql} AS ${cols}),
         locked AS (SELECT c."id" FROM "Case" c WHERE c."workspaceId" = $1 AND c."id" IN (SELECT "id" FROM u) ORDER BY c."id" FOR NO KEY UPDATE)
         UPDATE "Case" c SET "status" = u."status", "firstResponseDueAt" = u."fr", "nextResponseDueAt" = u."nr", "resolutionDueAt" = u."res",
           "slaPausedAt" = u."paused", "slaDueAt" = u."due", "slaAtRiskAt" = u."risk", "solvedAt" = u."solvedAt", "reopenedAt" = u."reopenedAt",
           "reopenCount" = u."reopenCount", "lastActivityAt" = u."last", "lastInboundAt" = u."lastIn", "network" = u."network", "sentiment" = u."sentiment",
           "searchText" = right(c."searchText" || u."appendText", 20000), "version" = c."version" + 1, "updatedAt" = now()
         FROM u JOIN locked l ON l."id" = u."id" WHERE c."id" = u."id" AND c."workspaceId" = $1`,
        workspaceId,
        ...v.params,
      );
    }
  }
  if (messages.length) {
    const v = unnestColumns(messages, ["text", "text", "text", "text", "text", "timestamptz"]);
    await tx.$executeRawUnsafe(`INSERT INTO "CaseMessage" ("id","workspaceId","caseId","mentionId","body","createdAt","kind") SELECT *, 'INBOUND' FROM ${v.sql}`, ...v.params);
  }
  if (events.length) {
    const v = unnestColumns(events, ["text", "text", "text", "text", "jsonb", "jsonb", "timestamptz"]);
    await tx.$executeRawUnsafe(`INSERT INTO "CaseEvent" ("id","workspaceId","caseId","kind","before","after","createdAt") SELECT * FROM ${v.sql}`, ...v.params);
  }
  return summary;
}

function subjectOf(m: RouteInput): string {
  const text = (m.title?.trim() || m.text).replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text || "(no text)";
}
