import "server-only";
import { db } from "@/lib/db/client";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DONE_STATUSES, type PriorityName, type StatusName } from "@/lib/domain/vocabulary";
import { onAgentReply, onStatusChange, summarize, targetsFor, type Clocks } from "@/lib/sla/clock";
import { loadSlaPolicy, type SlaPolicyInfo } from "./routing-context";
import { planReply, storeReply } from "@/lib/outbox/replies";
import { enqueueWebhookEvents, type WebhookEventInput } from "@/lib/webhooks/events";
import { placeholderProblem } from "./macros";

type Tx = Prisma.TransactionClient;

// Every change to a case: compare-and-set on the version the agent saw, one transaction,
// a case event for the history, SLA clocks and the SLA summary kept current.

const caseSelect = {
  id: true,
  number: true,
  version: true,
  status: true,
  priority: true,
  tags: true,
  queueId: true,
  assigneeId: true,
  slaPolicyId: true,
  firstResponseDueAt: true,
  nextResponseDueAt: true,
  resolutionDueAt: true,
  slaPausedAt: true,
  firstResponseAt: true,
  solvedAt: true,
  brandId: true,
  subject: true,
  assignee: { select: { name: true } },
} as const;

type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;

export interface CaseConflict {
  version: number;
  assignee: string | null;
  status: string;
}

async function load(tx: Tx, workspaceId: string, caseId: string): Promise<CaseRow> {
  const row = await tx.case.findFirst({ where: { id: caseId, workspaceId }, select: caseSelect });
  if (!row) throw notFound("That case");
  return row;
}

function conflict(row: CaseRow, message: string): ExpectedError {
  return new ExpectedError(message, "CONFLICT", {
    version: row.version,
    assignee: row.assignee?.name ?? null,
    status: row.status,
  } satisfies CaseConflict);
}

/** Clocks and SLA summary columns after a change, on the case's policy. */
function slaColumns(policy: SlaPolicyInfo | null, clocks: Clocks, priority: PriorityName) {
  const sla = summarize(policy?.calendar ?? null, clocks, targetsFor(policy?.targets, priority), new Date());
  return {
    firstResponseDueAt: clocks.firstResponseDueAt,
    nextResponseDueAt: clocks.nextResponseDueAt,
    resolutionDueAt: clocks.resolutionDueAt,
    slaPausedAt: clocks.pausedAt,
    slaDueAt: sla.dueAt,
    slaAtRiskAt: sla.atRiskAt,
  };
}

const clocksOf = (row: CaseRow): Clocks => ({
  firstResponseDueAt: row.firstResponseDueAt,
  nextResponseDueAt: row.nextResponseDueAt,
  resolutionDueAt: row.resolutionDueAt,
  pausedAt: row.slaPausedAt,
});

async function save(
  tx: Tx,
  workspaceId: string,
  row: CaseRow,
  expected: number,
  data: Prisma.CaseUncheckedUpdateManyInput,
  event: { kind: string; actorUserId: string; before?: unknown; after?: unknown },
) {
  const updated = await tx.case.updateMany({
    where: { id: row.id, workspaceId, version: expected },
    data: { ...data, version: { increment: 1 }, lastActivityAt: new Date() },
  });
  if (!updated.count)
    throw conflict(
      await load(tx, workspaceId, row.id),
      "This case changed at the same moment. Review it and try again.",
    );
  await tx.caseEvent.create({
    data: {
      workspaceId,
      caseId: row.id,
      actorUserId: event.actorUserId,
      kind: event.kind,
      before: (event.before ?? null) as Prisma.InputJsonValue,
      after: (event.after ?? null) as Prisma.InputJsonValue,
    },
  });
  await enqueueWebhookEvents(tx, workspaceId, [caseUpdatedEvent(row, data, event)]);
  return { version: expected + 1 };
}

/** case.updated for webhooks: the case after the change and what changed (from → to). */
function caseUpdatedEvent(
  row: CaseRow,
  data: Prisma.CaseUncheckedUpdateManyInput,
  event: { kind: string; before?: unknown; after?: unknown },
): WebhookEventInput {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const changes = Object.fromEntries(Object.keys(after).map((k) => [k, { from: before[k] ?? null, to: after[k] }]));
  return {
    event: "case.updated",
    data: {
      number: row.number,
      subject: row.subject,
      status: typeof data.status === "string" ? data.status : row.status,
      priority: typeof data.priority === "string" ? data.priority : row.priority,
      assignee: row.assignee ? { id: row.assigneeId!, name: row.assignee.name } : null,
      changes,
    },
  };
}

export async function assignCase(
  workspaceId: string,
  actorUserId: string,
  input: { caseId: string; version: number; assigneeId: string | null },
) {
  return db().$transaction(async (tx) => {
    const row = await load(tx, workspaceId, input.caseId);
    if (row.version !== input.version) {
      throw conflict(
        row,
        row.assigneeId && row.assigneeId !== input.assigneeId
          ? `${row.assignee?.name ?? "Someone"} claimed this case first.`
          : "This case changed since you loaded it. It has been refreshed.",
      );
    }
    if (input.assigneeId) {
      const member = await tx.membership.findFirst({
        where: { workspaceId, userId: input.assigneeId, active: true },
        select: { id: true },
      });
      if (!member) throw new ExpectedError("That person is not an active member of this workspace.");
    }
    const status = row.status === "NEW" && input.assigneeId ? "OPEN" : row.status;
    return save(
      tx,
      workspaceId,
      row,
      input.version,
      { assigneeId: input.assigneeId, status },
      {
        kind: "assigned",
        actorUserId,
        before: { assigneeId: row.assigneeId },
        after: { assigneeId: input.assigneeId },
      },
    );
  });
}

export async function setCaseStatus(
  workspaceId: string,
  actorUserId: string,
  input: { caseId: string; version: number; status: StatusName },
) {
  return db().$transaction(async (tx) => {
    const row = await load(tx, workspaceId, input.caseId);
    if (row.version !== input.version)
      throw conflict(row, "This case changed since you loaded it. It has been refreshed.");
    if (row.status === input.status) return { version: row.version };
    const policy = await loadSlaPolicy(tx, workspaceId, row.slaPolicyId);
    const clocks = onStatusChange(policy?.calendar ?? null, clocksOf(row), row.status, input.status, new Date());
    const columns = slaColumns(policy, clocks, row.priority);
    const done = DONE_STATUSES.includes(input.status);
    return save(
      tx,
      workspaceId,
      row,
      input.version,
      {
        status: input.status,
        ...columns,
        ...(input.status === "SOLVED" ? { solvedAt: new Date() } : {}),
        ...(done ? {} : { solvedAt: null }),
      },
      {
        kind: "status_changed",
        actorUserId,
        before: { status: row.status },
        after: { status: input.status },
      },
    );
  });
}

export async function updateCaseFields(
  workspaceId: string,
  actorUserId: string,
  input: { caseId: string; version: number; priority?: PriorityName; queueId?: string | null; tags?: string[] },
) {
  return db().$transaction(async (tx) => {
    const row = await load(tx, workspaceId, input.caseId);
    if (row.version !== input.version)
      throw conflict(row, "This case changed since you loaded it. It has been refreshed.");
    if (input.queueId) {
      const queue = await tx.queue.findFirst({ where: { id: input.queueId, workspaceId }, select: { id: true } });
      if (!queue) throw notFound("That queue");
    }
    const data: Prisma.CaseUncheckedUpdateManyInput = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.priority && input.priority !== row.priority) {
      Object.assign(data, { priority: input.priority });
      before.priority = row.priority;
      after.priority = input.priority;
    }
    if (input.queueId !== undefined && input.queueId !== row.queueId) {
      data.queueId = input.queueId;
      before.queueId = row.queueId;
      after.queueId = input.queueId;
    }
    if (input.tags && JSON.stringify(input.tags) !== JSON.stringify(row.tags)) {
      data.tags = input.tags;
      before.tags = row.tags;
      after.tags = input.tags;
    }
    if (!Object.keys(data).length) return { version: row.version };
    return save(tx, workspaceId, row, input.version, data, { kind: "updated", actorUserId, before, after });
  });
}

export async function addCaseNote(workspaceId: string, actorUserId: string, input: { caseId: string; body: string }) {
  return db().$transaction(async (tx) => {
    const row = await load(tx, workspaceId, input.caseId);
    await tx.caseMessage.create({
      data: { workspaceId, caseId: row.id, kind: "NOTE", authorUserId: actorUserId, body: input.body },
    });
    await tx.case.update({ where: { id: row.id }, data: { version: { increment: 1 }, lastActivityAt: new Date() } });
    return { version: row.version + 1 };
  });
}

/**
 * A public reply. It is stored with its outbox item in the case's transaction and sent after
 * commit by the outbox worker (lib/outbox/worker.ts); without a connected account for the brand
 * on that network it is recorded as "sent (sandbox)" and nothing leaves the building. A reply
 * from a stale view (the case changed since it was loaded) needs `confirmStale`. Reply and solve
 * are one change with one version check; the returned version is what the agent's next change uses.
 */
export async function replyToCase(
  workspaceId: string,
  /** Null for a reply through the automation API (a workspace API key, not a person). */
  actorUserId: string | null,
  input: { caseId: string; version: number; body: string; confirmStale: boolean; solve?: boolean },
  actor: { role: string } = { role: "AGENT" },
) {
  // Checked before anything is stored or handed to a transport: a customer never gets "Hi {name}".
  const unfilled = placeholderProblem(input.body);
  if (unfilled) throw new ExpectedError(unfilled);
  return db().$transaction(async (tx) => {
    const row = await load(tx, workspaceId, input.caseId);
    if (row.version !== input.version && !input.confirmStale) {
      throw new ExpectedError(
        "This case changed since you opened it (new messages or another agent's change). Review it, then send anyway if your reply still fits.",
        "CONFLICT",
        { stale: true, version: row.version },
      );
    }
    const now = new Date();
    // The network's limits and rules refuse a reply before anything changes.
    const plan = await planReply(tx, {
      workspaceId,
      caseId: row.id,
      caseBrandId: row.brandId,
      actor: { id: actorUserId ?? "api", role: actor.role },
      body: input.body,
      now,
    });
    const clocks = onAgentReply(clocksOf(row));
    const afterStatus: StatusName = input.solve ? "SOLVED" : row.status === "NEW" ? "OPEN" : row.status;
    const policy = await loadSlaPolicy(tx, workspaceId, row.slaPolicyId);
    const columns = slaColumns(
      policy,
      input.solve ? onStatusChange(null, clocks, row.status, "SOLVED", now) : clocks,
      row.priority,
    );
    // Compare-and-set on the version read above, so the returned version is exactly this change's.
    const updated = await tx.case.updateMany({
      where: { id: row.id, workspaceId, version: row.version },
      data: {
        ...columns,
        status: afterStatus,
        version: { increment: 1 },
        lastActivityAt: now,
        lastAgentReplyAt: now,
        ...(row.firstResponseAt ? {} : { firstResponseAt: now }),
        ...(input.solve ? { solvedAt: now } : {}),
        ...(row.assigneeId || !actorUserId ? {} : { assigneeId: actorUserId }),
      },
    });
    if (!updated.count)
      throw conflict(
        await load(tx, workspaceId, row.id),
        "This case changed at the same moment. Review it and try again.",
      );
    const stored = await storeReply(tx, { workspaceId, caseId: row.id, actorUserId, body: input.body, plan, now });
    await tx.caseEvent.create({
      data: {
        workspaceId,
        caseId: row.id,
        actorUserId,
        kind: "replied",
        after: {
          messageId: stored.messageId,
          delivery: stored.delivery,
          account: plan.account?.label ?? null,
          ...(plan.approval ? { approval: plan.approval.reason } : {}),
          ...(input.solve ? { status: "SOLVED" } : {}),
        },
      },
    });
    return { version: row.version + 1, messageId: stored.messageId, delivery: stored.delivery };
  });
}

/** Bulk changes from the inbox selection; each case is its own compare-free update (the agent chose them as listed). */
export async function bulkUpdateCases(
  workspaceId: string,
  actorUserId: string,
  input: { caseIds: string[]; assigneeId?: string | null; status?: StatusName; addTag?: string },
) {
  const found = await db().case.count({ where: { workspaceId, id: { in: input.caseIds } } });
  if (found !== new Set(input.caseIds).size) throw notFound("Some of the selected cases");
  let changed = 0;
  for (const caseId of input.caseIds) {
    const row = await db().case.findFirst({
      where: { id: caseId, workspaceId },
      select: { version: true, tags: true },
    });
    if (!row) continue;
    let version = row.version;
    if (input.assigneeId !== undefined)
      version = (await assignCase(workspaceId, actorUserId, { caseId, version, assigneeId: input.assigneeId })).version;
    if (input.status)
      version = (await setCaseStatus(workspaceId, actorUserId, { caseId, version, status: input.status })).version;
    if (input.addTag && !row.tags.includes(input.addTag))
      await updateCaseFields(workspaceId, actorUserId, { caseId, version, tags: [...row.tags, input.addTag] });
    changed++;
  }
  return { changed };
}
