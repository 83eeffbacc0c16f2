// SLA clocks of a case: first response, next response and resolution, on a business calendar,
// paused while the case waits on the customer (PENDING) or on hold. Pure.
import { DONE_STATUSES, PAUSED_STATUSES, type PriorityName, type StatusName } from "@/lib/domain/vocabulary";
import { addBusinessMinutes, businessMinutesBetween, type Calendar } from "./business-time";

export interface Targets {
  /** Minutes of business time. */
  firstResponse?: number;
  nextResponse?: number;
  resolution?: number;
}

export type PolicyTargets = Partial<Record<PriorityName, Targets>>;

export interface Clocks {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** Set while paused: due times are frozen and shifted on resume. */
  pausedAt: Date | null;
}

/** Remaining share of a target below which a clock is "at risk". */
export const AT_RISK_SHARE = 0.25;

export function targetsFor(policy: PolicyTargets | null | undefined, priority: PriorityName): Targets {
  return policy?.[priority] ?? {};
}

const due = (cal: Calendar, from: Date, minutes: number | undefined) =>
  minutes && minutes > 0 ? addBusinessMinutes(cal, from, minutes) : null;

/** A new case, or a reopened one: first response and resolution run from `at`. */
export function startClocks(cal: Calendar, targets: Targets, at: Date): Clocks {
  return {
    firstResponseDueAt: due(cal, at, targets.firstResponse),
    nextResponseDueAt: null,
    resolutionDueAt: due(cal, at, targets.resolution),
    pausedAt: null,
  };
}

/** A public agent reply: first and next response are met. */
export function onAgentReply(clocks: Clocks): Clocks {
  return { ...clocks, firstResponseDueAt: null, nextResponseDueAt: null };
}

/** The customer writes again after an agent replied: the next-response clock starts. */
export function onCustomerMessage(
  cal: Calendar,
  clocks: Clocks,
  targets: Targets,
  at: Date,
  answeredBefore: boolean,
): Clocks {
  if (!answeredBefore || clocks.firstResponseDueAt || clocks.nextResponseDueAt || clocks.pausedAt) return clocks;
  return { ...clocks, nextResponseDueAt: due(cal, at, targets.nextResponse) };
}

export function pause(clocks: Clocks, at: Date): Clocks {
  return clocks.pausedAt ? clocks : { ...clocks, pausedAt: at };
}

/**
 * Resuming keeps the business time each clock had left when it was paused: the new due time
 * is that much business time after the resume. A clock already breached when paused stays so.
 */
export function resume(cal: Calendar, clocks: Clocks, at: Date): Clocks {
  if (!clocks.pausedAt) return clocks;
  const pausedAt = clocks.pausedAt;
  const shift = (d: Date | null) =>
    d && d > pausedAt ? addBusinessMinutes(cal, at, businessMinutesBetween(cal, pausedAt, d)) : d;
  return {
    firstResponseDueAt: shift(clocks.firstResponseDueAt),
    nextResponseDueAt: shift(clocks.nextResponseDueAt),
    resolutionDueAt: shift(clocks.resolutionDueAt),
    pausedAt: null,
  };
}

/** Solved or closed: every clock stops. */
export function stop(): Clocks {
  return { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, pausedAt: null };
}

/** Applies a status change to the clocks. */
export function onStatusChange(cal: Calendar, clocks: Clocks, from: StatusName, to: StatusName, at: Date): Clocks {
  if (DONE_STATUSES.includes(to)) return stop();
  if (PAUSED_STATUSES.includes(to)) return pause(clocks, at);
  if (PAUSED_STATUSES.includes(from)) return resume(cal, clocks, at);
  return clocks;
}

export type SlaState = "none" | "ok" | "at_risk" | "breached" | "paused";

export interface SlaSummary {
  state: SlaState;
  /** The running clock that ends first. */
  dueAt: Date | null;
  which: "firstResponse" | "nextResponse" | "resolution" | null;
  /** When it turns at risk (a quarter of its target left), for queries and countdowns. */
  atRiskAt: Date | null;
}

/** The clock to watch and its state now. `targets` give the sizes for the at-risk threshold. */
export function summarize(cal: Calendar, clocks: Clocks, targets: Targets, now: Date): SlaSummary {
  const running = (
    [
      ["firstResponse", clocks.firstResponseDueAt, targets.firstResponse],
      ["nextResponse", clocks.nextResponseDueAt, targets.nextResponse],
      ["resolution", clocks.resolutionDueAt, targets.resolution],
    ] as const
  ).filter((c): c is readonly ["firstResponse" | "nextResponse" | "resolution", Date, number | undefined] => !!c[1]);
  if (!running.length) return { state: "none", dueAt: null, which: null, atRiskAt: null };
  const [which, dueAt, target] = [...running].sort((a, b) => a[1].getTime() - b[1].getTime())[0];
  if (clocks.pausedAt) return { state: "paused", dueAt, which, atRiskAt: null };
  const riskMinutes = (target ?? 0) * AT_RISK_SHARE;
  // The at-risk instant: `riskMinutes` of business time before the due time.
  const atRiskAt = riskMinutes > 0 ? subtractBusinessMinutes(cal, dueAt, riskMinutes) : dueAt;
  const state: SlaState = now >= dueAt ? "breached" : now >= atRiskAt ? "at_risk" : "ok";
  return { state, dueAt, which, atRiskAt };
}

/** The latest instant with `minutes` business minutes left before `end` (bisection, to the millisecond). */
export function subtractBusinessMinutes(cal: Calendar, end: Date, minutes: number): Date {
  if (!cal) return new Date(end.getTime() - minutes * 60_000);
  let lo = end.getTime() - Math.max(minutes, 1) * 60_000 * 4 * 7; // at most 4 weeks per business day's worth
  while (businessMinutesBetween(cal, new Date(lo), end) < minutes) lo -= 30 * 24 * 3_600_000;
  let hi = end.getTime();
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessMinutesBetween(cal, new Date(mid), end) >= minutes) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}
