import "server-only";
import * as C from "./content";
import type { Tx } from "./seed-context";
import type { DemoRules } from "./seed-listening";

const QUEUE_NAMES = ["Social care", "Baggage", "Refunds", "VIP"] as const;
type QueueName = (typeof QUEUE_NAMES)[number];

/** How the demo workspace serves customers: office hours, the SLA policy and the queues. */
export interface DemoService {
  hours: { timeZone: string; weeklyHours: unknown; holidays: string[] };
  sla: { id: string; targets: unknown };
  queues: Array<{ id: string; name: string }>;
}

async function seedHoursAndSla(tx: Tx, workspaceId: string) {
  const hours = await tx.businessHours.create({
    data: {
      workspaceId,
      name: "Lisbon office",
      timeZone: "Europe/Lisbon",
      weeklyHours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["08:00", "20:00"]]])),
      holidays: ["2026-12-25", "2027-01-01"],
    },
  });
  const sla = await tx.slaPolicy.create({
    data: {
      workspaceId,
      name: "Standard",
      businessHoursId: hours.id,
      targets: {
        URGENT: { firstResponse: 30, resolution: 240 },
        HIGH: { firstResponse: 60, resolution: 480 },
        NORMAL: { firstResponse: 240, resolution: 1440 },
        LOW: { firstResponse: 480, resolution: 2880 },
      },
    },
  });
  return { hours, sla };
}

async function seedRoutingRules(tx: Tx, workspaceId: string, queueId: (name: QueueName) => string, rules: DemoRules) {
  await tx.routingRule.createMany({
    data: [
      {
        workspaceId,
        name: "VIP contacts go to the VIP queue",
        position: 1,
        conditions: { contactTiers: ["VIP"] },
        actions: { queueId: queueId("VIP"), priority: "URGENT" },
      },
      {
        workspaceId,
        name: "Praise is logged without a case",
        position: 2,
        conditions: { intents: ["PRAISE"] },
        actions: { createCase: false },
      },
      {
        workspaceId,
        name: "Refund talk goes to Refunds",
        position: 3,
        conditions: { keywordRuleIds: [rules.idOf("Refunds")] },
        actions: { queueId: queueId("Refunds"), tags: ["refund"] },
      },
      {
        workspaceId,
        name: "Lost bags go to Baggage",
        position: 4,
        conditions: { keywordRuleIds: [rules.idOf("Lost baggage")] },
        actions: { queueId: queueId("Baggage"), tags: ["baggage"] },
      },
      {
        workspaceId,
        name: "Everything else to Social care",
        position: 5,
        conditions: { sentiments: ["NEGATIVE", "NEUTRAL"] },
        actions: { queueId: queueId("Social care") },
      },
    ],
  });
}

/** Business hours, the SLA policy, queues, routing rules and the workspace's routing settings. */
export async function seedService(tx: Tx, workspaceId: string, rules: DemoRules): Promise<DemoService> {
  const { hours, sla } = await seedHoursAndSla(tx, workspaceId);
  const queues: DemoService["queues"] = [];
  for (const name of QUEUE_NAMES) queues.push(await tx.queue.create({ data: { workspaceId, name } }));
  const queueId = (name: QueueName) => queues.find((q) => q.name === name)!.id;
  await seedRoutingRules(tx, workspaceId, queueId, rules);
  await tx.workspace.update({
    where: { id: workspaceId },
    data: { settings: { routing: { defaultSlaPolicyId: sla.id, joinWindowHours: 72, reopenWindowHours: 72 } } },
  });
  return { hours, sla, queues };
}

export async function seedMacros(tx: Tx, workspaceId: string): Promise<void> {
  await tx.macro.createMany({
    data: [
      { workspaceId, name: "Ask for booking reference", body: C.AGENT_REPLIES[0] },
      { workspaceId, name: "Refund processed", body: C.AGENT_REPLIES[2], actions: { status: "SOLVED" } },
    ],
  });
  // A reply that promises money or mentions lawyers waits for a manager (Approvals).
  await tx.approvalRule.create({
    data: {
      workspaceId,
      name: "Compensation and legal",
      conditions: { words: ["compensation", "voucher", "lawyer", "legal"] },
    },
  });
}
