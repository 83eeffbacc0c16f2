import { UNDELIVERED_STATES } from "@/lib/outbox/states";
import "server-only";
import { db } from "@/lib/db/client";
import { toCalendar, type SlaPolicyInfo } from "@/lib/cases/routing-context";
import { DONE_STATUSES, type PriorityName, type StatusName } from "@/lib/domain/vocabulary";
import type { PolicyTargets } from "@/lib/sla/clock";
import { replayCase, type Cycle, type Outcome, type TimelineItem } from "./cycles";
import type { CaseFacts } from "./service";

// Loads cases' histories (inbound messages, replies, status changes) and replays them into
// response cycles: what the stored cycles are made of, and the raw reference the tests compare
// the stored figures with.

type Reader = Pick<ReturnType<typeof db>, "case" | "caseMessage" | "caseEvent" | "slaPolicy">;

export interface ReplayedCase {
  facts: CaseFacts;
  updatedAt: Date;
  cycles: Cycle[];
  outcomes: Outcome[];
  /** Counted replies (public, by a person, delivered). */
  replies: Array<{ at: Date; by: string | null }>;
}

function statusOf(event: { kind: string; after: unknown }): StatusName | null {
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (event.kind === "merged_into") return "CLOSED";
  if (["status_changed", "reopened", "replied"].includes(event.kind) && typeof after.status === "string")
    return after.status as StatusName;
  return null;
}

export async function loadPolicies(reader: Reader, workspaceId: string): Promise<Map<string, SlaPolicyInfo>> {
  const policies = await reader.slaPolicy.findMany({
    where: { workspaceId },
    select: {
      id: true,
      targets: true,
      businessHours: { select: { timeZone: true, weeklyHours: true, holidays: true } },
    },
  });
  return new Map(
    policies.map((p) => [
      p.id,
      { id: p.id, targets: (p.targets ?? {}) as PolicyTargets, calendar: toCalendar(p.businessHours) },
    ]),
  );
}

export async function replayCases(
  reader: Reader,
  workspaceId: string,
  caseIds: string[],
  policies: Map<string, SlaPolicyInfo>,
): Promise<ReplayedCase[]> {
  if (!caseIds.length) return [];
  const [cases, messages, events] = await Promise.all([
    reader.case.findMany({
      where: { workspaceId, id: { in: caseIds } },
      select: {
        id: true,
        number: true,
        createdAt: true,
        updatedAt: true,
        priority: true,
        status: true,
        solvedAt: true,
        slaPolicyId: true,
        brandId: true,
        network: true,
        queueId: true,
        assigneeId: true,
      },
    }),
    reader.caseMessage.findMany({
      where: { workspaceId, caseId: { in: caseIds }, kind: { in: ["INBOUND", "OUTBOUND"] } },
      select: { caseId: true, kind: true, createdAt: true, authorUserId: true, automated: true, deliveryStatus: true },
    }),
    reader.caseEvent.findMany({
      where: {
        workspaceId,
        caseId: { in: caseIds },
        kind: { in: ["status_changed", "reopened", "replied", "merged_into"] },
      },
      select: { caseId: true, kind: true, after: true, createdAt: true, actorUserId: true },
    }),
  ]);
  const items = new Map<string, TimelineItem[]>(cases.map((c) => [c.id, []]));
  const replies = new Map<string, Array<{ at: Date; by: string | null }>>(cases.map((c) => [c.id, []]));
  for (const m of messages) {
    if (m.kind === "INBOUND") items.get(m.caseId)?.push({ kind: "inbound", at: m.createdAt });
    else {
      // A reply the customer never got (failed, rejected, withdrawn or lapsed) is no response.
      const counted = !m.automated && !UNDELIVERED_STATES.includes(m.deliveryStatus ?? "");
      items.get(m.caseId)?.push({ kind: "reply", at: m.createdAt, by: m.authorUserId, counted });
      if (counted) replies.get(m.caseId)?.push({ at: m.createdAt, by: m.authorUserId });
    }
  }
  for (const e of events) {
    const to = statusOf(e);
    // A reply "and solve" records its status change in the reply's event; plain replies none.
    if (to && (e.kind !== "replied" || DONE_STATUSES.includes(to)))
      items.get(e.caseId)?.push({ kind: "status", at: e.createdAt, to, by: e.actorUserId });
  }
  return cases.map((c) => {
    const policy = c.slaPolicyId ? (policies.get(c.slaPolicyId) ?? null) : null;
    const { cycles, outcomes } = replayCase({
      createdAt: c.createdAt,
      priority: c.priority as PriorityName,
      status: c.status as StatusName,
      solvedAt: c.solvedAt,
      updatedAt: c.updatedAt,
      calendar: policy?.calendar ?? null,
      targets: policy?.targets ?? null,
      items: items.get(c.id) ?? [],
    });
    return {
      facts: {
        caseId: c.id,
        caseNumber: c.number,
        brandId: c.brandId,
        network: c.network,
        queueId: c.queueId,
        assigneeId: c.assigneeId,
        slaPolicyId: c.slaPolicyId,
      },
      updatedAt: c.updatedAt,
      cycles,
      outcomes,
      replies: replies.get(c.id) ?? [],
    };
  });
}
