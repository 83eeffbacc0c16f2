// The domain's closed vocabularies: case statuses, priorities, networks, sentiments, intents and
// roles. Each comes from the enum Prisma generates from prisma/schema.prisma, so the database,
// validation (z.enum) and the screens can never disagree, and nothing else writes them out.
// Pure: the generated enums module is plain constant objects (no client, no Node), so this is
// safe in client components too.
import { CaseStatus, Intent, Network, Priority, Role, Sentiment } from "@/lib/generated/prisma/enums";

/** Every value of a generated enum, in schema order, as a non-empty tuple (what z.enum takes). */
function valuesOf<T extends string>(generated: Record<string, T>): readonly [T, ...T[]] {
  return Object.values(generated) as [T, ...T[]];
}

// ---- Cases -----------------------------------------------------------------------------------

export type StatusName = CaseStatus;
export const CASE_STATUSES = valuesOf(CaseStatus);

/** A case that still needs work: the inbox's views and counts. Never overlaps DONE_STATUSES. */
export const OPEN_STATUSES: readonly StatusName[] = [
  CaseStatus.NEW,
  CaseStatus.OPEN,
  CaseStatus.PENDING,
  CaseStatus.ON_HOLD,
];
/** Waiting on the customer or on hold: the SLA clocks pause. */
export const PAUSED_STATUSES: readonly StatusName[] = [CaseStatus.PENDING, CaseStatus.ON_HOLD];
/** Solved or closed: the SLA clocks stop. */
export const DONE_STATUSES: readonly StatusName[] = [CaseStatus.SOLVED, CaseStatus.CLOSED];

export type PriorityName = Priority;
/** Lowest first. */
export const PRIORITIES = valuesOf(Priority);

// ---- Mentions --------------------------------------------------------------------------------

export type NetworkName = Network;
export const NETWORKS = valuesOf(Network);

export type SentimentName = Sentiment;
export const SENTIMENTS = valuesOf(Sentiment);

export type IntentName = Intent;
export const INTENTS = valuesOf(Intent);

// ---- People ----------------------------------------------------------------------------------

export type RoleName = Role;
/**
 * Lowest first: each role can do everything the ones before it can (lib/auth/roles.ts). Listed
 * by hand because the order is the meaning; a unit test checks it names every Role.
 */
export const ROLES = [Role.AGENT, Role.MANAGER, Role.ADMIN] as const satisfies readonly RoleName[];
