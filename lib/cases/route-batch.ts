import "server-only";
import {
  execute,
  jsonRecords,
  query,
  sql,
  typedArray,
  unnestColumns,
  type RawClient,
  type RecordColumn,
} from "@/lib/db/sql";
import { summarize, targetsFor } from "@/lib/sla/clock";
import {
  LATEST_INBOUND_COLUMNS,
  LATEST_INBOUND_TARGETS,
  latestInboundFrom,
  latestInboundValues,
  setLatestInbound,
} from "./denormalized";
import {
  candidateSince,
  decideCases,
  type CaseRow,
  type CaseState,
  type LoadedCases,
  type RouteInput,
  type RouteOutcome,
  type RouteSummary,
} from "./route-decide";
import type { RoutingContext } from "./routing-context";

export type { RouteInput, RouteSummary } from "./route-decide";

// Routing and threading, inside the pipeline's write transaction, for the batch's new
// mentions: load the cases they may touch (locked), decide (lib/cases/route-decide.ts, pure),
// write. A fixed number of statements per batch, whatever its size.

const key = (network: string, id: string) => `${network}\u0000${id}`;

// What the writes send: a new case whole, a joined case what a mention changes.
const NEW_CASE_COLUMNS: RecordColumn[] = [
  ["id", "text"],
  ["number", "int"],
  ["subject", "text"],
  ["status", '"CaseStatus"'],
  ["priority", '"Priority"'],
  ["tags", "jsonb", true],
  ["brandId", "text"],
  ["queueId", "text"],
  ["contactId", "text"],
  ["authorId", "text"],
  ["slaPolicyId", "text"],
  ["fr", "timestamptz"],
  ["nr", "timestamptz"],
  ["res", "timestamptz"],
  ["paused", "timestamptz"],
  ["due", "timestamptz"],
  ["risk", "timestamptz"],
  ["last", "timestamptz"],
  ["ruleId", "text"],
  ...LATEST_INBOUND_COLUMNS,
  ["appendText", "text"],
];
const JOINED_CASE_COLUMNS: RecordColumn[] = [
  ["id", "text"],
  ["status", '"CaseStatus"'],
  ["fr", "timestamptz"],
  ["nr", "timestamptz"],
  ["res", "timestamptz"],
  ["paused", "timestamptz"],
  ["due", "timestamptz"],
  ["risk", "timestamptz"],
  ["solvedAt", "timestamptz"],
  ["reopenedAt", "timestamptz"],
  ["reopenCount", "int"],
  ["last", "timestamptz"],
  ...LATEST_INBOUND_COLUMNS,
  ["appendText", "text"],
];

const CASE_COLUMNS = sql`c."id", c."status"::text AS "status", c."priority"::text AS "priority", c."brandId", c."authorId", c."contactId", c."slaPolicyId",
  c."firstResponseDueAt", c."nextResponseDueAt", c."resolutionDueAt", c."slaPausedAt", c."solvedAt", c."lastActivityAt", c."lastInboundAt",
  c."lastAgentReplyAt", c."reopenedAt", c."reopenCount", c."network"::text AS "network", c."sentiment"::text AS "sentiment"`;

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
async function findCandidateCases(
  tx: RawClient,
  workspaceId: string,
  mentions: RouteInput[],
  authorIds: string[],
  contactIds: string[],
  since: Date,
): Promise<Candidate[]> {
  // Replied-to posts and thread roots by their id (a post's own id finds only itself, not yet in
  // a case); posts of the same threads by thread key.
  const refs = new Map<string, [string, string]>();
  for (const m of mentions)
    for (const id of [m.inReplyToId, m.threadKey])
      if (id && id !== m.externalId) refs.set(key(m.network, id), [m.network, id]);
  const threads = new Map<string, [string, string]>();
  for (const m of mentions) if (m.threadKey) threads.set(key(m.network, m.threadKey), [m.network, m.threadKey]);
  if (!refs.size && !threads.size && !authorIds.length) return [];
  const r = [...refs.values()];
  const t = [...threads.values()];
  return query<Candidate>(
    tx,
    sql`WITH hits AS (
       SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
       WHERE m."workspaceId" = ${workspaceId} AND m."network" = ANY(${typedArray(
         r.map((p) => p[0]),
         '"Network"',
       )}) AND m."externalId" = ANY(${typedArray(
         r.map((p) => p[1]),
         "text",
       )})
         AND (m."network", m."externalId") IN (SELECT * FROM ${unnestColumns(r, ['"Network"', "text"])})
       UNION
       SELECT m."id", m."network", m."externalId", m."threadKey" FROM "Mention" m
       WHERE m."workspaceId" = ${workspaceId} AND m."network" = ANY(${typedArray(
         t.map((p) => p[0]),
         '"Network"',
       )}) AND m."threadKey" = ANY(${typedArray(
         t.map((p) => p[1]),
         "text",
       )})
         AND (m."network", m."threadKey") IN (SELECT * FROM ${unnestColumns(t, ['"Network"', "text"])}))
     SELECT cm."caseId", h."network"::text AS "mNetwork", h."externalId" AS "mExternalId", h."threadKey" AS "mThreadKey"
     FROM hits h JOIN "CaseMessage" cm ON cm."mentionId" = h."id" AND cm."workspaceId" = ${workspaceId}
     UNION ALL
     (SELECT c."id", NULL, NULL, NULL FROM "Case" c
      WHERE c."workspaceId" = ${workspaceId} AND c."authorId" = ANY(${typedArray(authorIds, "text")}) AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= ${since}
      UNION
      SELECT c."id", NULL, NULL, NULL FROM "Case" c
      WHERE c."workspaceId" = ${workspaceId} AND c."contactId" = ANY(${typedArray(contactIds, "text")}) AND c."status" <> 'CLOSED' AND c."lastActivityAt" >= ${since})`,
  );
}

/**
 * What the decision needs: the batch's authors (with their contacts), and the cases the batch
 * may touch, locked in id order before their state is read: a concurrent batch joining the same
 * case waits here, then reads what the other one wrote (no lost update).
 */
async function loadCases(
  tx: RawClient,
  workspaceId: string,
  mentions: RouteInput[],
  since: Date,
): Promise<LoadedCases> {
  const authorIds = [...new Set(mentions.map((m) => m.authorId).filter((x): x is string => !!x))];
  const authors = authorIds.length
    ? await query<{ id: string; contactId: string | null; tier: string | null }>(
        tx,
        sql`SELECT s."id", s."contactId", ct."tier" FROM "SocialIdentity" s LEFT JOIN "Contact" ct ON ct."id" = s."contactId" WHERE s."workspaceId" = ${workspaceId} AND s."id" = ANY(${typedArray(authorIds, "text")})`,
      )
    : [];
  const contactIds = [...new Set(authors.map((a) => a.contactId).filter((x): x is string => !!x))];
  // Only ids here: the cases' state is read once they are locked.
  const candidates = await findCandidateCases(tx, workspaceId, mentions, authorIds, contactIds, since);
  const caseIds = [...new Set(candidates.map((c) => c.caseId))].sort();
  const locked = caseIds.length
    ? await query<CaseRow>(
        tx,
        sql`SELECT ${CASE_COLUMNS} FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."id" = ANY(${typedArray(caseIds, "text")}) ORDER BY c."id" FOR NO KEY UPDATE`,
      )
    : [];
  const rowOf = new Map(locked.map((row) => [row.id, row]));
  return {
    authors: new Map(authors.map((a) => [a.id, a])),
    threads: candidates.flatMap((c) =>
      c.mNetwork && rowOf.has(c.caseId)
        ? [{ network: c.mNetwork, externalId: c.mExternalId!, threadKey: c.mThreadKey, row: rowOf.get(c.caseId)! }]
        : [],
    ),
    // The person's cases as they are now: still open or solved, active within the window, newest first.
    people: candidates
      .flatMap((c) => (c.mNetwork ? [] : [rowOf.get(c.caseId)]))
      .filter((row): row is CaseRow => !!row && row.status !== "CLOSED" && row.lastActivityAt >= since)
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? -1 : 1)),
  };
}

export async function routeNewMentions(
  tx: RawClient,
  workspaceId: string,
  inputs: RouteInput[],
  ctx: RoutingContext,
): Promise<RouteSummary & { newCases: NewCaseInfo[] }> {
  if (!inputs.length) return { created: 0, joined: 0, reopened: 0, logged: 0, newCases: [] };
  const mentions = [...inputs].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  const loaded = await loadCases(tx, workspaceId, mentions, candidateSince(mentions, ctx));
  const outcome = decideCases(mentions, loaded, ctx);
  const newCases = await writeOutcome(tx, workspaceId, outcome, ctx);
  return { ...outcome.summary, newCases };
}

/** A case this batch opened, as webhooks (case.created) describe it. */
export interface NewCaseInfo {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  brandId: string | null;
}

/** Numbers for new cases, the cases, updates, messages and events. */
async function writeOutcome(
  tx: RawClient,
  workspaceId: string,
  outcome: RouteOutcome,
  ctx: RoutingContext,
): Promise<NewCaseInfo[]> {
  const now = new Date();
  const slaOf = (c: CaseState) => {
    const policy = c.slaPolicyId ? (ctx.policies.get(c.slaPolicyId) ?? null) : null;
    return summarize(policy?.calendar ?? null, c.clocks, targetsFor(policy?.targets, c.priority), now);
  };
  const firstNumber = outcome.created.length ? await insertCases(tx, workspaceId, outcome.created, slaOf) : 0;
  const newCases = outcome.created.map((c, i) => ({
    id: c.id,
    number: firstNumber + i,
    subject: c.subject ?? "",
    status: c.status,
    priority: c.priority,
    brandId: c.brandId,
  }));
  if (outcome.joined.length) await updateCases(tx, workspaceId, outcome.joined, slaOf);
  if (outcome.messages.length) {
    const rows = outcome.messages.map((m) => [m.id, workspaceId, m.caseId, m.mentionId, m.body, m.createdAt]);
    const records = jsonRecords(
      rows,
      [
        ["id", "text"],
        ["workspaceId", "text"],
        ["caseId", "text"],
        ["mentionId", "text"],
        ["body", "text"],
        ["createdAt", "timestamptz"],
      ],
      "u",
    );
    await execute(
      tx,
      sql`INSERT INTO "CaseMessage" ("id","workspaceId","caseId","mentionId","body","createdAt","kind") SELECT u.*, 'INBOUND' FROM ${records}`,
    );
  }
  if (outcome.events.length) {
    const rows = outcome.events.map((e) => [
      e.id,
      workspaceId,
      e.caseId,
      e.kind,
      e.before === null ? null : JSON.stringify(e.before),
      JSON.stringify(e.after),
      e.createdAt,
    ]);
    const records = jsonRecords(
      rows,
      [
        ["id", "text"],
        ["workspaceId", "text"],
        ["caseId", "text"],
        ["kind", "text"],
        ["before", "jsonb", true],
        ["after", "jsonb", true],
        ["createdAt", "timestamptz"],
      ],
      "u",
    );
    await execute(
      tx,
      sql`INSERT INTO "CaseEvent" ("id","workspaceId","caseId","kind","before","after","createdAt") SELECT * FROM ${records}`,
    );
  }
  return newCases;
}

type SlaOf = (c: CaseState) => ReturnType<typeof summarize>;

/** New cases, numbered from the workspace's counter (one statement for the numbers, one for the cases). */
/** Inserts the new cases with consecutive numbers; returns the first number. */
async function insertCases(tx: RawClient, workspaceId: string, created: CaseState[], slaOf: SlaOf): Promise<number> {
  const [{ caseCounter }] = await query<{ caseCounter: number }>(
    tx,
    sql`UPDATE "Workspace" SET "caseCounter" = "caseCounter" + ${created.length} WHERE "id" = ${workspaceId} RETURNING "caseCounter"`,
  );
  const records = jsonRecords(
    created.map((c, i) => {
      const sla = slaOf(c);
      return [
        c.id,
        caseCounter - created.length + 1 + i,
        c.subject ?? "",
        c.status,
        c.priority,
        JSON.stringify(c.decision?.tags ?? []),
        c.brandId,
        c.decision?.queueId ?? null,
        c.contactId,
        c.authorId,
        c.slaPolicyId,
        c.clocks.firstResponseDueAt,
        c.clocks.nextResponseDueAt,
        c.clocks.resolutionDueAt,
        c.clocks.pausedAt,
        sla.dueAt,
        sla.atRiskAt,
        c.lastActivityAt,
        c.decision?.ruleId ?? null,
        ...latestInboundValues(c),
        c.appendText.slice(-20000),
      ];
    }),
    NEW_CASE_COLUMNS,
    "u",
  );
  await execute(
    tx,
    sql`INSERT INTO "Case" ("id","workspaceId","number","subject","status","priority","tags","brandId","queueId","contactId","authorId","slaPolicyId",
         "firstResponseDueAt","nextResponseDueAt","resolutionDueAt","slaPausedAt","slaDueAt","slaAtRiskAt","lastActivityAt","routingRuleId",${LATEST_INBOUND_TARGETS},"searchText","updatedAt")
       SELECT u."id", ${workspaceId}, u."number", u."subject", u."status", u."priority", ARRAY(SELECT jsonb_array_elements_text(u."tags")), u."brandId", u."queueId",
         u."contactId", u."authorId", u."slaPolicyId", u."fr", u."nr", u."res", u."paused", u."due", u."risk", u."last", u."ruleId", ${latestInboundFrom(sql`u`)},
         right(u."subject" || u."appendText", 20000), now()
       FROM ${records}`,
  );
  return caseCounter - created.length + 1;
}

/** Stored cases the batch changed (locked when loaded). */
async function updateCases(tx: RawClient, workspaceId: string, joined: CaseState[], slaOf: SlaOf): Promise<void> {
  const records = jsonRecords(
    joined.map((c) => {
      const sla = slaOf(c);
      return [
        c.id,
        c.status,
        c.clocks.firstResponseDueAt,
        c.clocks.nextResponseDueAt,
        c.clocks.resolutionDueAt,
        c.clocks.pausedAt,
        sla.dueAt,
        sla.atRiskAt,
        c.solvedAt,
        c.reopenedAt,
        c.reopenCount,
        c.lastActivityAt,
        ...latestInboundValues(c),
        c.appendText.slice(-20000),
      ];
    }),
    JOINED_CASE_COLUMNS,
    "u",
  );
  // `c."id" = ANY(…)` lets the planner reach them by primary key, and the rows sent are read once
  // (never again per case, whatever join it picks). The search vector follows the appended text
  // (a trigger adds only the new words).
  await execute(
    tx,
    sql`WITH u AS MATERIALIZED (SELECT * FROM ${records})
       UPDATE "Case" c SET "status" = u."status", "firstResponseDueAt" = u."fr", "nextResponseDueAt" = u."nr", "resolutionDueAt" = u."res",
         "slaPausedAt" = u."paused", "slaDueAt" = u."due", "slaAtRiskAt" = u."risk", "solvedAt" = u."solvedAt", "reopenedAt" = u."reopenedAt",
         "reopenCount" = u."reopenCount", "lastActivityAt" = u."last", ${setLatestInbound(sql`u`)},
         "searchText" = right(c."searchText" || u."appendText", 20000), "version" = c."version" + 1, "updatedAt" = now()
       FROM u WHERE c."id" = ANY(${typedArray(
         joined.map((c) => c.id),
         "text",
       )}) AND c."id" = u."id" AND c."workspaceId" = ${workspaceId}`,
  );
}
