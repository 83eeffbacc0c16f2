// A case's response cycles and SLA outcomes, replayed from its history (docs/metrics.md,
// "Service"). The replay uses the same clock functions as the live SLA columns, so a target met
// on screen is met here. Pure.
import { DONE_STATUSES, type PriorityName, type StatusName } from "@/lib/domain/vocabulary";
import { businessMinutesBetween, type Calendar } from "@/lib/sla/business-time";
import {
  onAgentReply,
  onCustomerMessage,
  onStatusChange,
  startClocks,
  stop,
  targetsFor,
  type Clocks,
  type PolicyTargets,
} from "@/lib/sla/clock";

export type TimelineItem =
  | { kind: "inbound"; at: Date }
  /** `counted`: a public reply by an agent, not automated, whose delivery did not fail. */
  | { kind: "reply"; at: Date; by: string | null; counted: boolean }
  | { kind: "status"; at: Date; to: StatusName; by: string | null };

export interface CaseHistory {
  createdAt: Date;
  priority: PriorityName;
  /** The status the case has now: a history that ends elsewhere is closed at `updatedAt`. */
  status: StatusName;
  solvedAt: Date | null;
  updatedAt: Date;
  calendar: Calendar;
  targets: PolicyTargets | null;
  items: TimelineItem[];
}

export interface Cycle {
  index: number;
  openedAt: Date;
  closedAt: Date | null;
  startedAt: Date;
  firstReplyAt: Date | null;
  firstReplyById: string | null;
  frtMinutes: number | null;
  frtBusinessMinutes: number | null;
  solvedAt: Date | null;
  solvedById: string | null;
  resolutionMinutes: number | null;
  resolutionBusinessMinutes: number | null;
}

export type SlaTarget = "firstResponse" | "nextResponse" | "resolution";

export interface Outcome {
  cycleIndex: number;
  target: SlaTarget;
  /** null: the clock is still running (it counts as breached once `dueAt` has passed). */
  met: boolean | null;
  dueAt: Date;
  /** When it was met, or its due time when breached or running. */
  at: Date;
}

const ORDER: Record<TimelineItem["kind"], number> = { inbound: 0, reply: 1, status: 2 };
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

export function replayCase(history: CaseHistory): { cycles: Cycle[]; outcomes: Outcome[] } {
  const cal = history.calendar;
  const targets = targetsFor(history.targets, history.priority);
  const items = [...history.items].sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);
  const cycles: Cycle[] = [];
  const outcomes: Outcome[] = [];
  let status: StatusName = "NEW";
  let clocks: Clocks = stop();
  let answered = false;
  let cur: Cycle | null = null;

  const open = (openedAt: Date, startedAt: Date): Cycle => {
    const c: Cycle = {
      index: cycles.length,
      openedAt,
      closedAt: null,
      startedAt,
      firstReplyAt: null,
      firstReplyById: null,
      frtMinutes: null,
      frtBusinessMinutes: null,
      solvedAt: null,
      solvedById: null,
      resolutionMinutes: null,
      resolutionBusinessMinutes: null,
    };
    cycles.push(c);
    clocks = startClocks(cal, targets, startedAt);
    answered = false;
    return c;
  };
  const decide = (target: SlaTarget, due: Date | null, at: Date) => {
    if (!cur || !due) return;
    const effective = clocks.pausedAt ?? at;
    outcomes.push(
      effective <= due
        ? { cycleIndex: cur.index, target, met: true, dueAt: due, at }
        : { cycleIndex: cur.index, target, met: false, dueAt: due, at: due },
    );
  };
  // A clock that stops unanswered counts only if it had come due (breached); else it never did.
  const lapse = (target: SlaTarget, due: Date | null, at: Date) => {
    if (!cur || !due) return;
    if (due < (clocks.pausedAt ?? at))
      outcomes.push({ cycleIndex: cur.index, target, met: false, dueAt: due, at: due });
  };
  const close = (at: Date, to: StatusName, by: string | null) => {
    if (!cur) return;
    lapse("firstResponse", clocks.firstResponseDueAt, at);
    lapse("nextResponse", clocks.nextResponseDueAt, at);
    if (to === "SOLVED") {
      decide("resolution", clocks.resolutionDueAt, at);
      cur.solvedAt = at;
      cur.solvedById = by;
      cur.resolutionMinutes = minutes(cur.startedAt, at);
      cur.resolutionBusinessMinutes = businessMinutesBetween(cal, cur.startedAt, at);
    } else lapse("resolution", clocks.resolutionDueAt, at);
    cur.closedAt = at;
    clocks = stop();
    cur = null;
  };

  for (const item of items) {
    if (item.kind === "inbound") {
      if (!cycles.length) {
        cur = open(history.createdAt < item.at ? history.createdAt : item.at, item.at);
      } else if (cur) {
        clocks = onCustomerMessage(cal, clocks, targets, item.at, answered);
        answered = false;
      }
    } else if (item.kind === "reply") {
      if (!item.counted || !cur) continue;
      if (!cur.firstReplyAt) {
        cur.firstReplyAt = item.at;
        cur.firstReplyById = item.by;
        cur.frtMinutes = minutes(cur.startedAt, item.at);
        cur.frtBusinessMinutes = businessMinutesBetween(cal, cur.startedAt, item.at);
      }
      decide("firstResponse", clocks.firstResponseDueAt, item.at);
      decide("nextResponse", clocks.nextResponseDueAt, item.at);
      clocks = onAgentReply(clocks);
      answered = true;
    } else {
      const wasDone = DONE_STATUSES.includes(status);
      const toDone = DONE_STATUSES.includes(item.to);
      if (toDone && !wasDone) close(item.at, item.to, item.by);
      else if (!toDone && wasDone)
        cur = open(item.at, item.at); // a reopening: its own cycle
      else if (cur) clocks = onStatusChange(cal, clocks, status, item.to, item.at);
      status = item.to;
    }
  }
  // A case with no inbound message yet (a split case whose messages moved): open at creation.
  if (!cycles.length) cur = open(history.createdAt, history.createdAt);
  // A history that does not end in the case's status (rows written without events, such as an
  // import): the status wins, closed at the time it was set.
  if (DONE_STATUSES.includes(history.status) && cur)
    close(
      history.status === "SOLVED" ? (history.solvedAt ?? history.updatedAt) : history.updatedAt,
      history.status,
      null,
    );
  // Clocks still running: stored as running, so a stored replay stays true as time passes (the
  // queries count a running clock as breached from its due time on). A paused clock that had
  // already come due is breached; one paused before its due time waits for the resume, which
  // changes the case and so replays it.
  const open_ = cur as Cycle | null;
  if (open_) {
    for (const [target, due] of [
      ["firstResponse", clocks.firstResponseDueAt],
      ["nextResponse", clocks.nextResponseDueAt],
      ["resolution", clocks.resolutionDueAt],
    ] as const) {
      if (!due) continue;
      if (clocks.pausedAt) lapse(target, due, clocks.pausedAt);
      else outcomes.push({ cycleIndex: open_.index, target, met: null, dueAt: due, at: due });
    }
  }
  return { cycles, outcomes };
}
