import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { jsonRecords, unnestColumns, type RecordColumn } from "@/lib/ingest/sql";
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

// What the writes send: a new case whole, a joined case what a mention changes.
const NEW_CASE_COLUMNS: RecordColumn[] = [
  ["id", "text"], ["number", "int"], ["subject", "text"], ["status", '"CaseStatus"'], ["priority", '"Priority"'], ["tags", "jsonb", true], ["brandId", "text"],
  ["queueId", "text"], ["contactId", "text"], ["authorId", "text"], ["slaPolicyId", "text"], ["fr", "timestamptz"], ["nr", "timestamptz"], ["res", "timestamptz"],
  ["paused", "timestamptz"], ["due", "timestamptz"], ["risk", "timestamptz"], ["last", "timestamptz"], ["lastIn", "timestamptz"], ["ruleId", "text"],
  ["network", '"Network"'], ["sentiment", '"Sentiment"'], ["appendText", "text"],
];
const JOINED_CASE_COLUMNS: RecordColumn[] = [
  ["id", "text"], ["status", '"CaseStatus"'], ["fr", "timestamptz"], ["nr", "timestamptz"], ["res", "timestamptz"], ["paused", "timestamptz"], ["due", "timestamptz"],
  ["risk", "timestamptz"], ["solvedAt", "timestamptz"], ["reopenedAt", "timestamptz"], ["reopenCount", "int"], ["last", "timestamptz"], ["lastIn", "timestamptz"],
  ["network", '"Network"'], ["sentiment", '"Sentiment"'], ["appendText", "text"],
];

const CASE_COLUMNS = `c."id", c."status"::text AS "status", c."priority"::text AS "priority", c."brandId", c."authorId", c."contactId", c."slaPolicyId",
  c."firstResponseDueAt", c."nextResponseDueAt", c."resolutionDueAt", c."slaPausedAt", c."solvedAt", c."lastActivityAt", c."lastInboundAt",
  c."lastAgentReplyAt", c."reopenedAt", c."reopenCount", c."network"::text AS "network", c."sentiment"::text AS "sentiment"`;

interface CaseRow {
  id: string;
  status: StatusName;
  priority: PriorityName;
  brandId: string | null;
  authorId: string | null;
  contactId: string | null;
  slaPolicyId: string | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaPausedAt: Date | null;
  solvedAt: Date | null;
  lastActivityAt: Date;
  lastInboundAt: Date | null;
  lastAgentReplyAt: Date | null;
  reopenedAt: Date | null;
  reopenCount: number;
  network: string | null;
  sentiment: string | null;
}

/** A case the batch may touch: through a mention of a thread (its network, id and thread key), or through a person (no mention). */
interface Candidate {
  caseId: string;
  mNetwork: string | null;
  mExternalId: string | null;
  mThreadKey: string | null;
}

/**
 * The cases of the threads the batch's mentions reply to or belong to, and the recent cases of
 * their authors and contacts, in one statement. Every lookup goes through an index with the
 * batch's values as `= ANY` lists, so its cost follows the batch, not the workspace (a hash join
 * over the workspace's mentions is what a planner without statistics picks otherwise).
 */
async function findCandidateCases(tx: Tx, workspaceId: string, mentions: RouteInput[], authorIds: string[], contactIds: string[], since: Date): Promise<Candidate[]> {
  // Replied-to posts and thread roots by their id (a post's own id finds only itself, not yet in
  // a case); posts of the same threads by thread key.
  const refs = new Map<string, [string, string]>();
  for (const m of mentions) for (const id of [m.inReplyToId, m.threadKey]) if (id && id !== m.externalId) refs.set(key(m.network, id), [m.network, id]);
  const threads = new Map<string, [string, string]>();
  for (const m of mentions) if (m.threadKey) threads.set(key(m.network, m.threadKey), [m.network, m.threadKey]);
  if (!refs.size && !threads.size && !authorIds.length) return [];
  const r = unnestColumns([...refs.values()], ['"Network"', "text"], 1);
  const t = unnestColumns([...threads.values()], ['"Network"', "text"], 3);
  const rows = await tx.$queryRawUnsafe<Candidate[]>(
    `WITH hits AS (
       SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
       WHERE m."workspaceId" = $1 AND m."network" = ANY($2::"Network"[]) AND m."externalId" = ANY($3::text[])
         AND (m."network", m."externalId") IN (SELECT * FROM ${r.sql})
       UNION
       SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
       WHERE m."workspaceId" = $1 AND m."network" = ANY($4::"Network"[]) AND m."threadKey" = ANY($5::text[])
         AND (m."network", m."threadKey") IN (SELECT * FROM ${t.sql}))
     SELECT cm."caseId", h."network"::text AS "mNetwork", h."externalId" AS "mExternalId", h."threadKey" AS "mThreadKey"
     FROM hits h JOIN "CaseMessage" cm ON cm."mentionId" = h."id" AND cm."workspaceId" = $1
     UNION ALL
     (SELECT c."id", NULL, NULL, NULL FROM "Case" c
      WHERE c."workspaceId" = $1 AND c."authorId" = ANY($6::text[]) AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= $8
      UNION
      SELECT c."id", NULL, NULL, NULL FROM "Case" c
      WHERE c."workspaceId" = $1 AND c."contactId" = ANY($7::text[]) AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= $8)`,
    workspaceId,
    ...r.params,
    ...t.params,
    authorIds,
    contactIds,
    since,
  );
  return rows;
}

export async function routeNewMentions(tx: Tx, workspaceId: string, inputs: RouteInput[], ctx: RoutingContext): Promise<RouteSummary> {
  const summary: RouteSummary = { created: 0, joined: 0, reopened: 0, logged: 0 };
  if (!inputs.length) return summary;
  const mentions = [...inputs].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());

  // 1. Which cases the batch may touch: those of the threads its mentions belong to, and the
  //    recent cases of their authors and contacts. Only ids here: the cases' state is read in 2,
  //    once they are locked.
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
  const candidates = await findCandidateCases(tx, workspaceId, mentions, authorIds, contactIds, since);

  // 2. Those cases, locked in id order before their state is read: a concurrent batch joining
  //    the same case waits here, then reads what the other one wrote (no lost update).
  const caseIds = [...new Set(candidates.map((c) => c.caseId))].sort();
  const locked = caseIds.length
    ? await tx.$queryRawUnsafe<CaseRow[]>(
        `SELECT ${CASE_COLUMNS} FROM "Case" c WHERE c."workspaceId" = $1 AND c."id" = ANY($2::text[]) ORDER BY c."id" FOR NO KEY UPDATE`,
        workspaceId,
        caseIds,
      )
    : [];
  const rowOf = new Map(locked.map((row) => [row.id, row]));
  const threadRows = candidates.flatMap((c) => (c.mNetwork && rowOf.has(c.caseId) ? [{ ...c, row: rowOf.get(c.caseId)! }] : []));
  // The person's cases as they are now: still open or solved, active within the window, newest first.
  const personRows = candidates
    .flatMap((c) => (c.mNetwork ? [] : [rowOf.get(c.caseId)]))
    .filter((row): row is CaseRow => !!row && row.status !== "CLOSED" && row.lastActivityAt >= since)
    .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? -1 : 1));

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
  for (const { row, mNetwork, mExternalId, mThreadKey } of threadRows) {
    const s = state(row);
    threadCase.set(key(mNetwork!, mExternalId!), s);
    if (mThreadKey) threadCase.set(key(mNetwork!, `thread:${mThreadKey}`), s);
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
  for (const row of new Set(personRows)) remember(state(row), false);

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
  const touched = [...cases.values()].filter((c) => c.touched);
  const slaOf = (c: CaseState) => {
    const policy = policyOf(c.slaPolicyId);
    return summarize(policy?.calendar ?? null, c.clocks, targetsFor(policy?.targets, c.priority), now);
  };
  const created = touched.filter((c) => c.isNew);
  if (created.length) {
    const v = jsonRecords(
      created.map((c) => {
        const sla = slaOf(c);
        return [
          c.id, c.number, c.subject ?? "", c.status, c.priority, JSON.stringify(c.decision?.tags ?? []), c.brandId, c.decision?.queueId ?? null, c.contactId, c.authorId,
          c.slaPolicyId, c.clocks.firstResponseDueAt, c.clocks.nextResponseDueAt, c.clocks.resolutionDueAt, c.clocks.pausedAt, sla.dueAt, sla.atRiskAt,
          c.lastActivityAt, c.lastInboundAt, c.decision?.ruleId ?? null, c.network, c.sentiment, c.appendText.slice(-20000),
        ];
      }),
      NEW_CASE_COLUMNS,
      "u",
      1,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "Case" ("id","workspaceId","number","subject","status","priority","tags","brandId","queueId","contactId","authorId","slaPolicyId",
         "firstResponseDueAt","nextResponseDueAt","resolutionDueAt","slaPausedAt","slaDueAt","slaAtRiskAt","lastActivityAt","lastInboundAt","routingRuleId","network","sentiment","searchText","updatedAt")
       SELECT u."id", $1, u."number", u."subject", u."status", u."priority", ARRAY(SELECT jsonb_array_elements_text(u."tags")), u."brandId", u."queueId",
         u."contactId", u."authorId", u."slaPolicyId", u."fr", u."nr", u."res", u."paused", u."due", u."risk", u."last", u."lastIn", u."ruleId", u."network", u."sentiment",
         right(u."subject" || u."appendText", 20000), now()
       FROM ${v.sql}`,
      workspaceId,
      ...v.params,
    );
  }
  const joined = touched.filter((c) => !c.isNew);
  if (joined.length) {
    const v = jsonRecords(
      joined.map((c) => {
        const sla = slaOf(c);
        return [
          c.id, c.status, c.clocks.firstResponseDueAt, c.clocks.nextResponseDueAt, c.clocks.resolutionDueAt, c.clocks.pausedAt, sla.dueAt, sla.atRiskAt,
          c.solvedAt, c.reopenedAt, c.reopenCount, c.lastActivityAt, c.lastInboundAt, c.network, c.sentiment, c.appendText.slice(-20000),
        ];
      }),
      JOINED_CASE_COLUMNS,
      "u",
      2,
    );
    // Locked in step 2. `c."id" = ANY(…)` lets the planner reach them by primary key, and the
    // rows sent are read once (never again per case, whatever join it picks). The search vector
    // follows the appended text (a trigger adds only the new words).
    await tx.$executeRawUnsafe(
      `WITH u AS MATERIALIZED (SELECT * FROM ${v.sql})
       UPDATE "Case" c SET "status" = u."status", "firstResponseDueAt" = u."fr", "nextResponseDueAt" = u."nr", "resolutionDueAt" = u."res",
         "slaPausedAt" = u."paused", "slaDueAt" = u."due", "slaAtRiskAt" = u."risk", "solvedAt" = u."solvedAt", "reopenedAt" = u."reopenedAt",
         "reopenCount" = u."reopenCount", "lastActivityAt" = u."last", "lastInboundAt" = u."lastIn", "network" = u."network", "sentiment" = u."sentiment",
         "searchText" = right(c."searchText" || u."appendText", 20000), "version" = c."version" + 1, "updatedAt" = now()
       FROM u WHERE c."id" = ANY($2::text[]) AND c."id" = u."id" AND c."workspaceId" = $1`,
      workspaceId,
      joined.map((c) => c.id),
      ...v.params,
    );
  }
  if (messages.length) {
    const v = jsonRecords(messages, [["id", "text"], ["workspaceId", "text"], ["caseId", "text"], ["mentionId", "text"], ["body", "text"], ["createdAt", "timestamptz"]], "u");
    await tx.$executeRawUnsafe(`INSERT INTO "CaseMessage" ("id","workspaceId","caseId","mentionId","body","createdAt","kind") SELECT u.*, 'INBOUND' FROM ${v.sql}`, ...v.params);
  }
  if (events.length) {
    const v = jsonRecords(events, [["id", "text"], ["workspaceId", "text"], ["caseId", "text"], ["kind", "text"], ["before", "jsonb", true], ["after", "jsonb", true], ["createdAt", "timestamptz"]], "u");
    await tx.$executeRawUnsafe(`INSERT INTO "CaseEvent" ("id","workspaceId","caseId","kind","before","after","createdAt") SELECT * FROM ${v.sql}`, ...v.params);
  }
  return summary;
}

function subjectOf(m: RouteInput): string {
  const text = (m.title?.trim() || m.text).replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text || "(no text)";
}
