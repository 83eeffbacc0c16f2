import "server-only";
import type { CaseStatus, MessageKind, Priority } from "@/lib/generated/prisma/client";
import { latestInboundFromMessages } from "@/lib/cases/denormalized";
import { toCalendar } from "@/lib/cases/routing-context";
import { execute, sql } from "@/lib/db/sql";
import { onAgentReply, pause, startClocks, stop, summarize, targetsFor, type PolicyTargets } from "@/lib/sla/clock";
import * as C from "./content";
import { HOUR, notAfter, type DemoContext } from "./seed-context";
import type { DemoIdentity } from "./seed-contacts";
import type { CaseCandidate } from "./seed-mentions";
import type { DemoService } from "./seed-service";
import type { DemoUser } from "./seed-workspace";
import { CASE_STATUSES } from "@/lib/domain/vocabulary";
import { renderMacro } from "@/lib/cases/macros";

const STATUSES: readonly CaseStatus[] = CASE_STATUSES;
const FIRST_CASE_NUMBER = 1001;

/** Who and when: the case's story up to the demo's "now". */
interface CasePlan {
  index: number;
  candidate: CaseCandidate;
  identity: DemoIdentity;
  status: CaseStatus;
  priority: Priority;
  created: Date;
  assignee: DemoUser | null;
  responded: Date | null;
  solved: Date | null;
}

function planCase(
  { anchor, rnd }: DemoContext,
  index: number,
  candidate: CaseCandidate,
  identities: DemoIdentity[],
  agents: DemoUser[],
): CasePlan {
  const { mention } = candidate;
  const identity = identities.find((x) => x.id === mention.authorId)!;
  const status = STATUSES[index % STATUSES.length];
  const priority: Priority =
    identity.followers > 10_000 && mention.sentiment === "NEGATIVE"
      ? "HIGH"
      : rnd.pick(["LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"] as const);
  const created = mention.postedAt;
  const assignee = status === "NEW" ? null : rnd.pick(agents);
  const responded =
    status !== "NEW" && status !== "OPEN"
      ? notAfter(anchor, new Date(created.getTime() + rnd.int(5, 300) * 60_000))
      : null;
  const solved =
    status === "SOLVED" || status === "CLOSED"
      ? notAfter(anchor, new Date(created.getTime() + rnd.int(2, 72) * HOUR))
      : null;
  return { index, candidate, identity, status, priority, created, assignee, responded, solved };
}

/** The SLA clocks as the real case would have them (business hours, pauses, stops). */
function slaFields({ anchor }: DemoContext, service: DemoService, plan: CasePlan) {
  const { status, priority, created, responded } = plan;
  const calendar = toCalendar(service.hours);
  const targets = targetsFor(service.sla.targets as PolicyTargets, priority);
  let clocks = startClocks(calendar, targets, created);
  if (responded) clocks = onAgentReply(clocks);
  if (status === "PENDING" || status === "ON_HOLD") clocks = pause(clocks, responded ?? created);
  if (status === "SOLVED" || status === "CLOSED") clocks = stop();
  const summary = summarize(calendar, clocks, targets, anchor);
  return {
    slaPolicyId: service.sla.id,
    firstResponseDueAt: clocks.firstResponseDueAt,
    resolutionDueAt: clocks.resolutionDueAt,
    slaPausedAt: clocks.pausedAt,
    slaDueAt: summary.dueAt,
    slaAtRiskAt: summary.atRiskAt,
  };
}

async function createCase(ctx: DemoContext, service: DemoService, plan: CasePlan, number: number): Promise<string> {
  const { tx, workspaceId, anchor, rnd } = ctx;
  const {
    candidate: { mention, kind },
    status,
    created,
    responded,
    solved,
  } = plan;
  const sla = slaFields(ctx, service, plan);
  const kase = await tx.case.create({
    data: {
      workspaceId,
      number,
      subject: mention.text.length > 80 ? `${mention.text.slice(0, 77)}...` : mention.text,
      status,
      priority: plan.priority,
      tags: kind === "complaint" ? [rnd.pick(["baggage", "delay", "refund", "app"])] : ["question"],
      brandId: mention.brandId,
      queueId: rnd.pick(service.queues).id,
      assigneeId: plan.assignee?.id ?? null,
      contactId: plan.identity.contactId,
      authorId: plan.identity.id,
      ...sla,
      lastAgentReplyAt: responded,
      firstResponseAt: responded,
      solvedAt: solved,
      reopenedAt:
        plan.index % 17 === 0 && status === "OPEN" ? notAfter(anchor, new Date(created.getTime() + 30 * HOUR)) : null,
      lastActivityAt: solved ?? responded ?? created,
      createdAt: created,
    },
  });
  return kase.id;
}

/** The customer's mention, the agent's reply once responded, and sometimes an internal note. */
async function seedMessages(
  { tx, workspaceId, anchor, rnd }: DemoContext,
  caseId: string,
  plan: CasePlan,
): Promise<void> {
  const {
    candidate: { mention },
    assignee,
    responded,
    created,
  } = plan;
  const messages: Array<{ kind: MessageKind; body: string; at: Date; authorUserId?: string; mentionId?: string }> = [
    { kind: "INBOUND", body: mention.text, at: created, mentionId: mention.id },
  ];
  if (responded && assignee) {
    messages.push({
      kind: "OUTBOUND",
      body: renderMacro(rnd.pick(C.AGENT_REPLIES), {
        authorName: plan.identity.displayName,
        authorHandle: null,
        agentName: "",
        caseNumber: 0,
        brandName: null,
      }),
      at: responded,
      authorUserId: assignee.id,
    });
  }
  if (rnd.chance(0.3) && assignee) {
    messages.push({
      kind: "NOTE",
      body: rnd.pick(C.INTERNAL_NOTES),
      at: notAfter(anchor, new Date(created.getTime() + 20 * 60_000)),
      authorUserId: assignee.id,
    });
  }
  await tx.caseMessage.createMany({
    data: messages.map((m) => ({
      workspaceId,
      caseId,
      kind: m.kind,
      body: m.body,
      createdAt: m.at,
      authorUserId: m.authorUserId ?? null,
      mentionId: m.mentionId ?? null,
    })),
  });
}

async function seedEvents({ tx, workspaceId }: DemoContext, caseId: string, plan: CasePlan): Promise<void> {
  const { status, priority, assignee, created, responded, solved } = plan;
  await tx.caseEvent.createMany({
    data: [
      { workspaceId, caseId, kind: "created", after: { status: "NEW", priority }, createdAt: created },
      ...(assignee
        ? [
            {
              workspaceId,
              caseId,
              kind: "assigned",
              after: { assigneeId: assignee.id },
              createdAt: new Date(created.getTime() + 5 * 60_000),
            },
          ]
        : []),
      ...(status !== "NEW"
        ? [
            {
              workspaceId,
              caseId,
              actorUserId: assignee?.id ?? null,
              kind: "status_changed",
              before: { status: "NEW" },
              after: { status },
              createdAt: solved ?? responded ?? created,
            },
          ]
        : []),
    ],
  });
}

/** The columns the inbox searches and filters on, as the pipeline keeps them. */
async function denormalizeCases({ tx, workspaceId }: DemoContext): Promise<void> {
  // Search text: the subject and the customers' messages.
  await execute(
    tx,
    sql`UPDATE "Case" c SET "searchText" = right(c."subject" || ' ' || COALESCE((SELECT string_agg(m."text", ' ' ORDER BY cm."createdAt") FROM "CaseMessage" cm
       JOIN "Mention" m ON m."id" = cm."mentionId" WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'), ''), 20000) WHERE c."workspaceId" = ${workspaceId}`,
  );
  // Cases carry their latest inbound message's time, network and sentiment (the inbox filters on them).
  await execute(
    tx,
    sql`UPDATE "Case" c SET ${latestInboundFromMessages(sql`c`)} WHERE c."workspaceId" = ${workspaceId}`,
  );
}

/** One case per candidate, numbered from 1001 in candidate order, across every status. */
export async function seedCases(
  ctx: DemoContext,
  candidates: CaseCandidate[],
  identities: DemoIdentity[],
  agents: DemoUser[],
  service: DemoService,
): Promise<number> {
  for (const [index, candidate] of candidates.entries()) {
    const plan = planCase(ctx, index, candidate, identities, agents);
    const caseId = await createCase(ctx, service, plan, FIRST_CASE_NUMBER + index);
    await seedMessages(ctx, caseId, plan);
    await seedEvents(ctx, caseId, plan);
  }
  await ctx.tx.workspace.update({
    where: { id: ctx.workspaceId },
    data: { caseCounter: FIRST_CASE_NUMBER + candidates.length - 1 },
  });
  await denormalizeCases(ctx);
  return candidates.length;
}
