import { describe, expect, it } from "vitest";
import { parseRule } from "@/lib/routing/rules";
import { candidateSince, decideCases, type CaseRow, type LoadedCases, type RouteInput } from "./route-decide";
import type { RoutingContext } from "./routing-context";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-20T10:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

function ctx(over: Partial<RoutingContext> = {}): RoutingContext {
  return {
    rules: [],
    settings: { joinWindowHours: 72, reopenWindowHours: 48, defaultSlaPolicyId: null },
    policies: new Map(),
    ...over,
  };
}

let seq = 0;
function mention(over: Partial<RouteInput> = {}): RouteInput {
  seq++;
  return {
    mentionId: `m${seq}`,
    network: "x",
    externalId: `e${seq}`,
    threadKey: null,
    inReplyToId: null,
    authorId: "amy",
    brandId: "b1",
    ruleIds: [],
    sentiment: "NEGATIVE",
    intent: "COMPLAINT",
    influence: 10,
    followers: 100,
    direct: false,
    text: `complaint ${seq}`,
    title: null,
    postedAt: T0,
    ...over,
  };
}

function row(over: Partial<CaseRow> = {}): CaseRow {
  return {
    id: "c1",
    status: "OPEN",
    priority: "NORMAL",
    brandId: "b1",
    authorId: "amy",
    contactId: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    resolutionDueAt: null,
    slaPausedAt: null,
    solvedAt: null,
    lastActivityAt: T0,
    lastInboundAt: T0,
    lastAgentReplyAt: null,
    reopenedAt: null,
    reopenCount: 0,
    network: "x",
    sentiment: "NEUTRAL",
    ...over,
  };
}

const loaded = (over: Partial<LoadedCases> = {}): LoadedCases => ({
  authors: new Map(),
  threads: [],
  people: [],
  ...over,
});

describe("decideCases", () => {
  it("joins the case of the thread a mention replies to, whoever wrote it, and takes its latest inbound fields", () => {
    const stored = row({ id: "c-thread", authorId: "someone-else" });
    const reply = mention({ inReplyToId: "root-1", authorId: "bob", sentiment: "POSITIVE", postedAt: at(2) });
    const out = decideCases(
      [reply],
      loaded({ threads: [{ network: "x", externalId: "root-1", threadKey: null, row: stored }] }),
      ctx(),
    );
    expect(out.summary).toEqual({ created: 0, joined: 1, reopened: 0, logged: 0 });
    expect(out.created).toEqual([]);
    expect(out.joined.map((c) => [c.id, c.lastInboundAt, c.sentiment, c.lastActivityAt])).toEqual([
      ["c-thread", at(2), "POSITIVE", at(2)],
    ]);
    expect(out.messages).toMatchObject([{ caseId: "c-thread", mentionId: reply.mentionId, createdAt: at(2) }]);
  });

  it("joins the author's open case about the brand within the join window, and not after it", () => {
    const people = [row({ id: "c-amy", lastActivityAt: at(0) })];
    const within = decideCases([mention({ postedAt: at(71) })], loaded({ people }), ctx());
    expect(within.summary.joined).toBe(1);
    expect(within.joined.map((c) => c.id)).toEqual(["c-amy"]);

    const after = decideCases(
      [mention({ postedAt: at(73) })],
      loaded({ people: [row({ id: "c-amy", lastActivityAt: at(0) })] }),
      ctx(),
    );
    expect(after.summary).toEqual({ created: 1, joined: 0, reopened: 0, logged: 0 });
    expect(after.joined).toEqual([]);
    // Another brand's case is not the author's case about this brand.
    const otherBrand = decideCases(
      [mention({ postedAt: at(1), brandId: "b2" })],
      loaded({ people: [row({ id: "c-amy" })] }),
      ctx(),
    );
    expect(otherBrand.summary.created).toBe(1);
  });

  it("joins the contact's case when the author is another identity of the same person", () => {
    const people = [row({ id: "c-contact", authorId: "amy-on-bluesky", contactId: "k1" })];
    const out = decideCases(
      [mention({ postedAt: at(1) })],
      loaded({ people, authors: new Map([["amy", { contactId: "k1", tier: null }]]) }),
      ctx(),
    );
    expect(out.joined.map((c) => c.id)).toEqual(["c-contact"]);
  });

  it("reopens a case solved within the reopen window, and opens a new case after it", () => {
    const solved = () => row({ id: "c-solved", status: "SOLVED", solvedAt: at(0), lastActivityAt: at(0) });
    const reopened = decideCases([mention({ postedAt: at(47) })], loaded({ people: [solved()] }), ctx());
    expect(reopened.summary).toEqual({ created: 0, joined: 0, reopened: 1, logged: 0 });
    expect(reopened.joined).toMatchObject([
      { id: "c-solved", status: "OPEN", reopenCount: 1, solvedAt: null, reopenedAt: at(47) },
    ]);
    expect(reopened.events).toMatchObject([{ caseId: "c-solved", kind: "reopened", before: { status: "SOLVED" } }]);

    const late = decideCases([mention({ postedAt: at(49) })], loaded({ people: [solved()] }), ctx());
    expect(late.summary).toEqual({ created: 1, joined: 0, reopened: 0, logged: 0 });
    expect(late.joined).toEqual([]);
  });

  it("opens a new case instead of joining a closed one, even in its thread", () => {
    const closed = row({ id: "c-closed", status: "CLOSED" });
    const out = decideCases(
      [mention({ inReplyToId: "root-1", postedAt: at(1) })],
      loaded({ threads: [{ network: "x", externalId: "root-1", threadKey: null, row: closed }] }),
      ctx(),
    );
    expect(out.summary).toEqual({ created: 1, joined: 0, reopened: 0, logged: 0 });
    expect(out.created[0].id).not.toBe("c-closed");
  });

  it("makes one case of several mentions of one new thread in the same batch", () => {
    const root = mention({ externalId: "t1", threadKey: "t1", authorId: "amy", postedAt: at(0) });
    const reply = mention({ inReplyToId: "t1", threadKey: "t1", authorId: "bob", postedAt: at(1) });
    const sibling = mention({ threadKey: "t1", authorId: "cy", postedAt: at(2) });
    const out = decideCases([root, reply, sibling], loaded(), ctx());
    expect(out.summary).toEqual({ created: 1, joined: 2, reopened: 0, logged: 0 });
    expect(out.created).toHaveLength(1);
    expect(new Set(out.messages.map((m) => m.caseId))).toEqual(new Set([out.created[0].id]));
    expect(out.created[0].lastInboundAt).toEqual(at(2));
    expect(out.events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("routes by the first matching rule (queue, priority, tags) and logs praise without a case", () => {
    const rule = parseRule({
      id: "r1",
      name: "VIP",
      conditions: { minFollowers: 10_000 },
      actions: { queueId: "q-vip", priority: "URGENT", tags: ["vip"] },
    })!;
    const out = decideCases(
      [
        mention({ followers: 50_000, authorId: "star" }),
        mention({ authorId: "fan", intent: "PRAISE", sentiment: "POSITIVE" }),
      ],
      loaded(),
      ctx({ rules: [rule] }),
    );
    expect(out.summary).toEqual({ created: 1, joined: 0, reopened: 0, logged: 1 });
    expect(out.created[0]).toMatchObject({
      priority: "URGENT",
      status: "NEW",
      decision: { queueId: "q-vip", ruleId: "r1", tags: ["vip"] },
    });
    expect(out.events[0]).toMatchObject({
      kind: "created",
      after: { queueId: "q-vip", priority: "URGENT", ruleId: "r1" },
    });
  });

  it("looks back over the wider of the join and reopen windows", () => {
    expect(candidateSince([mention({ postedAt: at(100) })], ctx())).toEqual(at(100 - 72));
  });
});
