// What a batch of new mentions does to cases, decided from what was read (the locked candidate
// cases, the authors' contacts) and the workspace's routing context. Pure: no database, no Next;
// lib/cases/route-batch.ts loads its input and writes its output. In order of posting, each
// mention:
//   1. joins the case of its thread (it replies to, or shares a conversation with, a mention
//      already in a case, or one this batch put in a case);
//   2. else joins its author's (or contact's) open case about the same brand, if that case
//      was active within the join window;
//   3. else reopens its author's case about the brand solved within the reopen window;
//   4. else is routed: a new case, or only logged.
import { randomUUID } from "node:crypto";
import {
  OPEN_STATUSES,
  type IntentName,
  type PriorityName,
  type SentimentName,
  type StatusName,
} from "@/lib/domain/vocabulary";
import { decideRouting, type RoutingDecision } from "@/lib/routing/decide";
import { onCustomerMessage, onStatusChange, startClocks, targetsFor, type Clocks } from "@/lib/sla/clock";
import type { RoutingContext, SlaPolicyInfo } from "./routing-context";

export interface RouteInput {
  mentionId: string;
  network: string;
  externalId: string;
  threadKey: string | null;
  inReplyToId: string | null;
  authorId: string | null;
  brandId: string | null;
  ruleIds: string[];
  sentiment: SentimentName | null;
  intent: IntentName | null;
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

/** A stored case as the batch reads it (locked). */
export interface CaseRow {
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

/** A case as the batch leaves it: a stored one it touched, or a new one. */
export interface CaseState {
  id: string;
  isNew: boolean;
  status: StatusName;
  priority: PriorityName;
  brandId: string | null;
  authorId: string | null;
  contactId: string | null;
  slaPolicyId: string | null;
  clocks: Clocks;
  solvedAt: Date | null;
  lastActivityAt: Date;
  lastAgentReplyAt: Date | null;
  reopenedAt: Date | null;
  reopenCount: number;
  /** The latest inbound message's time, network and sentiment (see lib/cases/denormalized.ts). */
  lastInboundAt: Date | null;
  network: string | null;
  sentiment: string | null;
  /** Text of this batch's messages, appended to the case's search text. */
  appendText: string;
  touched: boolean;
  /** New cases only. */
  decision?: RoutingDecision;
  subject?: string;
}

export interface LoadedCases {
  /** The batch's authors: their contact and its tier. */
  authors: Map<string, { contactId: string | null; tier: string | null }>;
  /** Cases reached through a stored mention of a thread: that mention's network, id and thread key. */
  threads: Array<{ network: string; externalId: string; threadKey: string | null; row: CaseRow }>;
  /** The people's cases, still open or solved, active within the window, newest first. */
  people: CaseRow[];
}

export interface MessageOut {
  id: string;
  caseId: string;
  mentionId: string;
  body: string;
  createdAt: Date;
}

export interface EventOut {
  id: string;
  caseId: string;
  kind: "created" | "reopened" | "status_changed";
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export interface RouteOutcome {
  summary: RouteSummary;
  /** New cases, in the order they were opened. */
  created: CaseState[];
  /** Stored cases the batch changed. */
  joined: CaseState[];
  messages: MessageOut[];
  events: EventOut[];
}

const HOUR = 3_600_000;
const key = (network: string, id: string) => `${network}\u0000${id}`;

/** The earliest time a candidate case can matter to `mentions` (sorted by posting): join and reopen windows back from the first. */
export function candidateSince(mentions: readonly RouteInput[], ctx: RoutingContext): Date {
  const windowHours = Math.max(ctx.settings.joinWindowHours, ctx.settings.reopenWindowHours);
  return new Date(mentions[0].postedAt.getTime() - windowHours * HOUR);
}

/** Decides, for `mentions` sorted by posting, what each does to cases. */
export function decideCases(mentions: readonly RouteInput[], loaded: LoadedCases, ctx: RoutingContext): RouteOutcome {
  const book = new CaseBook(loaded);
  const out: RouteOutcome = {
    summary: { created: 0, joined: 0, reopened: 0, logged: 0 },
    created: [],
    joined: [],
    messages: [],
    events: [],
  };
  for (const m of mentions) {
    const author = m.authorId ? loaded.authors.get(m.authorId) : undefined;
    const contactId = author?.contactId ?? null;
    const target = book.targetOf(m, contactId, ctx);
    const into = target ? joinCase(target, m, ctx, out) : openCase(m, contactId, author?.tier ?? null, ctx, out);
    if (!into) continue;
    book.track(into, m);
    out.messages.push({
      id: randomUUID(),
      caseId: into.id,
      mentionId: m.mentionId,
      body: m.text.slice(0, 4000),
      createdAt: m.postedAt,
    });
  }
  for (const c of book.cases.values()) {
    if (c.isNew) out.created.push(c);
    else if (c.touched) out.joined.push(c);
  }
  return out;
}

/** The cases the batch knows, by thread and by person, as it goes. */
class CaseBook {
  readonly cases = new Map<string, CaseState>();
  /** A network's message id, or `thread:` and its thread key → its case. */
  private readonly byThread = new Map<string, CaseState>();
  /** The latest case per (author, brand) and per (contact, brand). */
  private readonly byAuthor = new Map<string, CaseState>();
  private readonly byContact = new Map<string, CaseState>();

  constructor(loaded: LoadedCases) {
    for (const { row, network, externalId, threadKey } of loaded.threads) {
      const s = this.stateOf(row);
      this.byThread.set(key(network, externalId), s);
      if (threadKey) this.byThread.set(key(network, `thread:${threadKey}`), s);
    }
    // People's rows come newest first: the first one per person and brand is theirs.
    for (const row of new Set(loaded.people)) this.remember(this.stateOf(row), false);
  }

  private stateOf(row: CaseRow): CaseState {
    const existing = this.cases.get(row.id);
    if (existing) return existing;
    const s: CaseState = {
      id: row.id,
      isNew: false,
      status: row.status,
      priority: row.priority,
      brandId: row.brandId,
      authorId: row.authorId,
      contactId: row.contactId,
      slaPolicyId: row.slaPolicyId,
      solvedAt: row.solvedAt,
      lastActivityAt: row.lastActivityAt,
      lastInboundAt: row.lastInboundAt,
      lastAgentReplyAt: row.lastAgentReplyAt,
      reopenedAt: row.reopenedAt,
      reopenCount: row.reopenCount,
      network: row.network,
      sentiment: row.sentiment,
      appendText: "",
      touched: false,
      clocks: {
        firstResponseDueAt: row.firstResponseDueAt,
        nextResponseDueAt: row.nextResponseDueAt,
        resolutionDueAt: row.resolutionDueAt,
        pausedAt: row.slaPausedAt,
      },
    };
    this.cases.set(s.id, s);
    return s;
  }

  private remember(c: CaseState, replace: boolean): void {
    const a = c.authorId ? `${c.authorId}\u0000${c.brandId}` : null;
    const k = c.contactId ? `${c.contactId}\u0000${c.brandId}` : null;
    if (a && (replace || !this.byAuthor.has(a))) this.byAuthor.set(a, c);
    if (k && (replace || !this.byContact.has(k))) this.byContact.set(k, c);
  }

  /** The case `m` goes to, if any: its thread's, else its person's recent one; never a closed one or one solved too long ago. */
  targetOf(m: RouteInput, contactId: string | null, ctx: RoutingContext): CaseState | null {
    let target =
      (m.inReplyToId && this.byThread.get(key(m.network, m.inReplyToId))) ||
      (m.threadKey &&
        (this.byThread.get(key(m.network, m.threadKey)) ||
          this.byThread.get(key(m.network, `thread:${m.threadKey}`)))) ||
      null;
    if (!target && (m.authorId || contactId)) {
      // The person's most recent case about this brand, if still open within the join window
      // (a solved one is looked at for reopening below).
      const a = m.authorId ? this.byAuthor.get(`${m.authorId}\u0000${m.brandId}`) : undefined;
      const k = contactId ? this.byContact.get(`${contactId}\u0000${m.brandId}`) : undefined;
      target = (a && k ? (a.lastActivityAt >= k.lastActivityAt ? a : k) : (a ?? k)) ?? null;
      if (
        target &&
        OPEN_STATUSES.includes(target.status) &&
        m.postedAt.getTime() - target.lastActivityAt.getTime() > ctx.settings.joinWindowHours * HOUR
      )
        target = null;
    }
    if (!target) return null;
    // Closed, or solved longer ago than the reopen window: a new conversation.
    const reopenable =
      target.status === "SOLVED" &&
      !!target.solvedAt &&
      m.postedAt.getTime() - target.solvedAt.getTime() <= ctx.settings.reopenWindowHours * HOUR;
    return target.status === "CLOSED" || (target.status === "SOLVED" && !reopenable) ? null : target;
  }

  /** After `m` went into `c`: later mentions of its thread follow it, and a new case becomes its person's latest. */
  track(c: CaseState, m: RouteInput): void {
    this.byThread.set(key(m.network, m.externalId), c);
    if (!c.isNew) return;
    if (!this.cases.has(c.id)) {
      this.cases.set(c.id, c);
      this.remember(c, true);
      if (m.threadKey) this.byThread.set(key(m.network, `thread:${m.threadKey}`), c);
    }
  }
}

const policyOf = (ctx: RoutingContext, id: string | null): SlaPolicyInfo | null =>
  id ? (ctx.policies.get(id) ?? null) : null;

/** `m` joins (or reopens) `target`: status, clocks, and the latest inbound message's fields. */
function joinCase(target: CaseState, m: RouteInput, ctx: RoutingContext, out: RouteOutcome): CaseState {
  const policy = policyOf(ctx, target.slaPolicyId);
  const calendar = policy?.calendar ?? null;
  const targets = targetsFor(policy?.targets, target.priority);
  if (target.status === "SOLVED") {
    target.status = "OPEN";
    target.reopenedAt = m.postedAt;
    target.reopenCount++;
    target.solvedAt = null;
    target.clocks = startClocks(calendar, targets, m.postedAt);
    out.events.push({
      id: randomUUID(),
      caseId: target.id,
      kind: "reopened",
      before: { status: "SOLVED" },
      after: { status: "OPEN", mentionId: m.mentionId },
      createdAt: m.postedAt,
    });
    out.summary.reopened++;
  } else {
    if (target.status === "PENDING") {
      // The customer answered: back to OPEN, clocks resume.
      target.clocks = onStatusChange(calendar, target.clocks, "PENDING", "OPEN", m.postedAt);
      out.events.push({
        id: randomUUID(),
        caseId: target.id,
        kind: "status_changed",
        before: { status: "PENDING" },
        after: { status: "OPEN", reason: "customer replied" },
        createdAt: m.postedAt,
      });
      target.status = "OPEN";
    }
    const answered =
      !!target.lastAgentReplyAt && (!target.lastInboundAt || target.lastAgentReplyAt >= target.lastInboundAt);
    target.clocks = onCustomerMessage(calendar, target.clocks, targets, m.postedAt, answered);
    out.summary.joined++;
  }
  target.lastActivityAt = m.postedAt > target.lastActivityAt ? m.postedAt : target.lastActivityAt;
  target.lastInboundAt = m.postedAt;
  target.network = m.network;
  target.sentiment = m.sentiment;
  target.appendText += ` ${m.title ?? ""} ${m.text}`;
  target.touched = true;
  return target;
}

/** `m` is routed: a new case (returned), or only logged (null). */
function openCase(
  m: RouteInput,
  contactId: string | null,
  tier: string | null,
  ctx: RoutingContext,
  out: RouteOutcome,
): CaseState | null {
  const decision = decideRouting(
    {
      brandId: m.brandId,
      keywordRuleIds: m.ruleIds,
      network: m.network,
      sentiment: m.sentiment,
      intent: m.intent,
      influence: m.influence,
      followers: m.followers,
      direct: m.direct,
      contactTier: tier,
    },
    ctx.rules,
    ctx.settings.defaultSlaPolicyId ?? null,
  );
  if (!decision.createCase) {
    out.summary.logged++;
    return null;
  }
  const policy = policyOf(ctx, decision.slaPolicyId);
  const fresh: CaseState = {
    id: randomUUID(),
    isNew: true,
    status: "NEW",
    priority: decision.priority,
    brandId: m.brandId,
    authorId: m.authorId,
    contactId,
    slaPolicyId: policy?.id ?? null,
    clocks: startClocks(policy?.calendar ?? null, targetsFor(policy?.targets, decision.priority), m.postedAt),
    solvedAt: null,
    lastActivityAt: m.postedAt,
    lastInboundAt: m.postedAt,
    lastAgentReplyAt: null,
    reopenedAt: null,
    reopenCount: 0,
    network: m.network,
    sentiment: m.sentiment,
    appendText: ` ${m.title ?? ""} ${m.text}`,
    touched: true,
    decision,
    subject: subjectOf(m),
  };
  const after = {
    status: "NEW",
    priority: decision.priority,
    queueId: decision.queueId,
    ruleId: decision.ruleId,
    reasons: decision.reasons,
  };
  out.events.push({ id: randomUUID(), caseId: fresh.id, kind: "created", before: null, after, createdAt: m.postedAt });
  out.summary.created++;
  return fresh;
}

function subjectOf(m: RouteInput): string {
  const text = (m.title?.trim() || m.text).replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text || "(no text)";
}
