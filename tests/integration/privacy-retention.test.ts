// Retention (issue #18, item 3) on a generated dataset with the clock moved forward: what a dry
// run counts is what the run then does, anonymised rows keep only their counted fields, recent
// rows are untouched, the dashboards' totals for the period do not move, a rerun does nothing,
// audit rows go only through retention, and only admins may change the settings or run it.
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import { listeningMetrics, type ListeningMetrics } from "@/lib/metrics/listening";
import { serviceMetrics } from "@/lib/metrics/service-queries";
import { refreshCaseMetrics } from "@/lib/metrics/refresh";
import { loadPolicies, replayCases } from "@/lib/metrics/history";
import { makePeriod } from "@/lib/metrics/period";
import { setPrivacySettings, privacySettings } from "@/lib/privacy/settings-store";
import { DEFAULT_PRIVACY_SETTINGS, RETENTION_KINDS, type RetentionReport } from "@/lib/privacy/settings";
import {
  batchLimits,
  lastRetentionRun,
  planRetention,
  REMOVED_SUBJECT,
  runRetention,
  runRetentionAll,
} from "@/lib/privacy/retention";
import { runRetentionAction, savePrivacySettingsAction } from "@/lib/privacy/retention-actions";
import { retentionFromCli } from "@/lib/privacy/retention-cli";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T00:00:00Z");
/** Day d of the dataset, at noon UTC (plus minutes, to order a day's posts). */
const day = (d: number, minutes = 0) => new Date(T0.getTime() + d * DAY + 12 * 3_600_000 + minutes * 60_000);
/** The clock moved forward: 200 days after the first post. */
const NOW = new Date(T0.getTime() + 200 * DAY);
const DAYS = 200;
const PER_DAY = 3;
const RETENTION = {
  unmatchedMentionsDays: 90, // before day 110
  rawPayloadDays: 30, // before day 170
  closedCasesDays: 60, // before day 140
  inactiveContactsDays: 120, // before day 80
  auditDays: 60, // before day 140
};
const NETWORKS = ["x", "bluesky", "mastodon", "reddit"] as const;
/** Small batches, so that kinds take several and the keyset cursors are exercised. */
const BATCH = 40;
const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE", null] as const;

interface Dataset {
  ws: TestWorkspace;
  /** Mention id by "d:i" (day, index within the day). */
  mention: Map<string, string>;
  identity: Record<"a1" | "a2" | "a5" | "a6" | "a7" | "a8" | "a9", string>;
  contact: Record<"inactive" | "merged" | "active" | "flagged" | "openCase" | "noted" | "closedCase", string>;
  cases: Record<"k1" | "k2" | "k3" | "k4", string>;
  labels: Record<"fromOld" | "fromCase" | "imported", string>;
  audit: { old: string[]; recent: string[] };
  brandId: string;
  ruleId: string;
}

/** A word only day d's posts use (terms are letters only). */
const dayWord = (d: number) =>
  `dayx${String.fromCharCode(97 + Math.floor(d / 26))}${String.fromCharCode(97 + (d % 26))}`;

/** Who wrote post i of day d (see the expectations below for why each one). */
function authorKey(d: number, i: number): keyof Dataset["identity"] | null {
  if (i === 2) return null;
  if (i === 1) {
    if (d === 48 || d === 49) return "a5"; // case K1 (closed long ago)
    if (d === 30 || d === 40) return "a6"; // cases K3 (open) and K4 (solved, reply still queued)
    return "a9";
  }
  if (d >= 10 && d <= 20) return "a1"; // the inactive contact's only posts
  if (d >= 30 && d <= 60) return "a7"; // a profile without a contact whose posts all go
  if (d >= 90 && d <= 100) return "a8"; // posts go, but its last one is recent enough to keep it
  if (d >= 185) return "a2"; // the active contact
  return "a9";
}

async function generate(ws: TestWorkspace): Promise<Dataset> {
  const wsId = ws.id;
  const brand = await db().brand.create({ data: { workspaceId: wsId, name: "Northwind" } });
  const rule = await db().keywordRule.create({
    data: { workspaceId: wsId, brandId: brand.id, name: "nw", query: "northwind" },
  });
  const old = { createdAt: T0, updatedAt: T0 };
  const person = (name: string, extra: object = {}) =>
    db().contact.create({ data: { workspaceId: wsId, name, emails: [`${name}@mail.example`], ...old, ...extra } });
  const contact = {
    inactive: (await person("inactive")).id,
    merged: "",
    active: (await person("active")).id,
    flagged: (await person("flagged", { doNotProfile: true })).id,
    openCase: (await person("opencase")).id,
    noted: (await person("noted")).id,
    closedCase: (await person("closedcase")).id,
  };
  contact.merged = (await person("merged", { mergedIntoId: contact.inactive, mergedAt: T0 })).id;
  await db().contactMerge.create({
    data: { workspaceId: wsId, survivorId: contact.inactive, mergedId: contact.merged, snapshot: { name: "merged" } },
  });
  await db().contactNote.create({
    data: { workspaceId: wsId, contactId: contact.inactive, body: "old", createdAt: day(5) },
  });
  await db().contactNote.create({
    data: { workspaceId: wsId, contactId: contact.noted, body: "recent", createdAt: day(150) },
  });
  await db().privacyRequest.create({
    data: { workspaceId: wsId, contactId: contact.inactive, kind: "export", reason: "asked by e-mail" },
  });

  const identity = {} as Dataset["identity"];
  const owner: Partial<Record<keyof Dataset["identity"], string>> = { a1: contact.inactive, a2: contact.active };
  for (const key of ["a1", "a2", "a5", "a6", "a7", "a8", "a9"] as const) {
    const row = await db().socialIdentity.create({
      data: {
        workspaceId: wsId,
        network: "x",
        accountId: `acct-${key}`,
        handle: `handle_${key}`,
        displayName: `Person ${key}`,
        bio: `bio of ${key}`,
        contactId: owner[key] ?? null,
        ...old,
      },
    });
    identity[key] = row.id;
  }

  const rows = [];
  for (let d = 0; d < DAYS; d++)
    for (let i = 0; i < PER_DAY; i++) {
      const n = d * PER_DAY + i;
      const author = authorKey(d, i);
      rows.push({
        workspaceId: wsId,
        network: NETWORKS[n % NETWORKS.length],
        externalId: `post-${d}-${i}`,
        brandId: n % 5 === 0 ? null : brand.id,
        authorId: author ? identity[author] : null,
        text: `northwind refund delayed again ${dayWord(d)} post${i} secretword${n}`,
        title: i === 0 ? `title ${d}` : null,
        url: `https://social.example/${d}/${i}`,
        postedAt: day(d, i),
        sentiment: SENTIMENTS[n % SENTIMENTS.length],
        influence: n % 100,
        previousTexts: i === 0 ? [`earlier text ${d}`] : [],
        threadKey: `thread-${d}`,
        inReplyToId: i > 0 ? `post-${d}-0` : null,
        replyRef: i === 0 ? { cid: `cid-${d}` } : undefined,
        raw: { id: `post-${d}-${i}`, user: { name: `Person ${d}` }, text: `raw secretword${n}` },
        deleted: n % 17 === 0,
      });
    }
  await db().mention.createMany({ data: rows });
  const mention = new Map(
    (await db().mention.findMany({ where: { workspaceId: wsId }, select: { id: true, externalId: true } })).map((m) => [
      m.externalId.replace("post-", "").replace("-", ":"),
      m.id,
    ]),
  );
  await db().mentionRuleMatch.createMany({
    data: [...mention.values()].map((mentionId) => ({
      workspaceId: wsId,
      mentionId,
      ruleId: rule.id,
      spans: [[0, 9]],
    })),
  });

  const caseRow = async (
    number: number,
    status: "SOLVED" | "CLOSED" | "OPEN",
    last: number,
    posts: string[],
    extra: { contactId?: string; authorId?: string } = {},
  ) => {
    const c = await db().case.create({
      data: {
        workspaceId: wsId,
        number,
        subject: `subject secretword case${number}`,
        searchText: `subject secretword case${number} northwind refund`,
        status,
        network: "x",
        solvedAt: status === "OPEN" ? null : day(last),
        lastActivityAt: day(last),
        createdAt: day(last - 2),
        updatedAt: day(last),
        ...extra,
      },
    });
    for (const [j, key] of posts.entries())
      await db().caseMessage.create({
        data: {
          workspaceId: wsId,
          caseId: c.id,
          kind: "INBOUND",
          mentionId: mention.get(key)!,
          body: `inbound secretword ${key}`,
          createdAt: day(last - 2, j),
        },
      });
    await db().caseMessage.create({
      data: {
        workspaceId: wsId,
        caseId: c.id,
        kind: "OUTBOUND",
        authorUserId: ws.agent.userId,
        body: "Hello Person, sorry about secretword",
        deliveryStatus: "sent (sandbox)",
        createdAt: day(last - 1),
      },
    });
    await db().caseMessage.create({
      data: { workspaceId: wsId, caseId: c.id, kind: "NOTE", body: "note secretword", createdAt: day(last - 1, 5) },
    });
    await db().caseEvent.create({
      data: { workspaceId: wsId, caseId: c.id, kind: "created", after: { status: "NEW" }, createdAt: day(last - 2) },
    });
    if (status !== "OPEN")
      await db().caseEvent.create({
        data: {
          workspaceId: wsId,
          caseId: c.id,
          kind: "status_changed",
          actorUserId: ws.agent.userId,
          before: { status: "OPEN" },
          after: { status },
          createdAt: day(last),
        },
      });
    return c.id;
  };
  const cases = {
    k1: await caseRow(1, "SOLVED", 50, ["48:1", "49:1"], { contactId: contact.closedCase, authorId: identity.a5 }),
    k2: await caseRow(2, "CLOSED", 180, ["100:1", "179:1"], { authorId: identity.a9 }),
    k3: await caseRow(3, "OPEN", 30, ["30:1"], { contactId: contact.openCase, authorId: identity.a6 }),
    k4: await caseRow(4, "SOLVED", 42, ["40:1"], { authorId: identity.a6 }),
  };
  // K4's reply still waits in the outbox: its case is left alone until the reply is settled.
  const k4Reply = await db().caseMessage.findFirstOrThrow({ where: { caseId: cases.k4, kind: "OUTBOUND" } });
  await db().outboxItem.create({
    data: {
      workspaceId: wsId,
      kind: "reply",
      state: "queued",
      caseMessageId: k4Reply.id,
      idempotencyKey: `retention-${k4Reply.id}`,
    },
  });
  const k1Reply = await db().caseMessage.findFirstOrThrow({ where: { caseId: cases.k1, kind: "OUTBOUND" } });
  await db().outboxItem.create({
    data: {
      workspaceId: wsId,
      kind: "reply",
      state: "sent",
      caseMessageId: k1Reply.id,
      idempotencyKey: `retention-${k1Reply.id}`,
      responseBody: '{"text": "Hello Person, sorry about secretword"}',
    },
  });

  const label = (text: string, mentionId: string | null, origin: string) =>
    db().sentimentLabel.create({ data: { workspaceId: wsId, text, label: "NEGATIVE", origin, mentionId } });
  const labels = {
    fromOld: (await label("secretword refund", mention.get("5:0")!, "correction")).id,
    fromCase: (await label("case refund", mention.get("100:1")!, "correction")).id,
    imported: (await label("imported refund", null, "import")).id,
  };
  await db().sentimentModel.create({ data: { workspaceId: wsId, version: 1, examples: 3, state: {} } });

  const auditRow = (createdAt: Date) =>
    db().auditLog.create({
      data: { workspaceId: wsId, actorUserId: ws.admin.userId, action: "test.row", targetType: "Workspace", createdAt },
    });
  const audit = {
    old: [(await auditRow(day(100))).id, (await auditRow(day(120))).id, (await auditRow(day(139))).id],
    recent: [(await auditRow(day(141))).id, (await auditRow(day(190))).id],
  };
  return { ws, mention, identity, contact, cases, labels, audit, brandId: brand.id, ruleId: rule.id };
}

const period = makePeriod({ from: "2026-03-01", to: "2026-09-16" }, "UTC");

/** The listening figures retention must not move: everything but the top terms and authors. */
function totals(m: ListeningMetrics) {
  const { topTerms, topHashtags, topAuthorsByVolume, topAuthorsByInfluence, ...rest } = m;
  void topTerms;
  void topHashtags;
  void topAuthorsByVolume;
  void topAuthorsByInfluence;
  return rest;
}

const mentionRow = (id: string) => db().mention.findUniqueOrThrow({ where: { id } });

function captureIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += String(c)));
  stderr.on("data", (c) => (err += String(c)));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe("privacy retention", () => {
  let data: Dataset;
  let control: Dataset;
  let before: ListeningMetrics;
  let serviceBefore: unknown;
  let k1ReplayBefore: unknown;
  let plan: Record<string, number>;
  let preview: RetentionReport;
  let run: RetentionReport;

  beforeAll(async () => {
    data = await generate(await createTestWorkspace());
    // Same data, no retention settings: nothing of it may change.
    control = await generate(await createTestWorkspace());
    await setPrivacySettings(data.ws.id, data.ws.admin.userId, {
      ...DEFAULT_PRIVACY_SETTINGS,
      retention: { ...DEFAULT_PRIVACY_SETTINGS.retention, ...RETENTION },
    });
    before = await listeningMetrics(data.ws.id, period, {}, "rollup");
    await refreshCaseMetrics(data.ws.id);
    serviceBefore = await serviceMetrics(data.ws.id, period, {}, NOW);
    k1ReplayBefore = await replayK1(data);
    plan = await planRetention(data.ws.id, NOW);
    preview = await runRetention(data.ws.id, { now: NOW, dryRun: true, trigger: "cli" });
    run = await runRetention(data.ws.id, { now: NOW, batchSize: BATCH, trigger: "cli" });
  }, 120_000);

  async function replayK1(d: Dataset) {
    const policies = await loadPolicies(db(), d.ws.id);
    const [replayed] = await replayCases(db(), d.ws.id, [d.cases.k1], policies);
    return { cycles: replayed.cycles, outcomes: replayed.outcomes, replies: replayed.replies };
  }

  it("counts what it will do, by kind, from the dataset's shape", () => {
    expect(plan).toEqual({
      // K1 only: K2 closed recently, K3 is open, K4's reply still waits in the outbox.
      closedCases: 1,
      // Three posts a day before day 110, less the five in cases (K1: 2, K2: 1, K3: 1, K4: 1).
      unmatchedMentions: 110 * PER_DAY - 5,
      // Days 110–169, and the case posts before day 110 that are not anonymised (K2, K3, K4).
      rawPayloads: 60 * PER_DAY + 3,
      learnedExamples: 1,
      // The inactive contact (its posts ended on day 20) and K1's contact; not the active one,
      // the flagged one, the one with an open case, the one with a recent note.
      inactiveContacts: 2,
      // a1 (its contact goes, its posts are anonymised), a5 (K1's author), a7 (posts ended on
      // day 60); a8's last post (day 100) is recent enough for the 120 days.
      inactiveProfiles: 3,
      auditRows: 3,
    });
  });

  it("a dry run reports those counts and changes nothing; the run then does exactly them", async () => {
    for (const kind of RETENTION_KINDS) {
      expect(preview.kinds[kind]).toMatchObject({ matched: plan[kind], done: 0, batches: 0 });
      expect(run.kinds[kind].matched).toBe(plan[kind]);
      expect(run.kinds[kind].done, kind).toBe(plan[kind]);
    }
    expect(run.complete).toBe(true);
    const limits = batchLimits(BATCH);
    expect(run.kinds.unmatchedMentions.batches).toBe(Math.ceil((110 * PER_DAY - 5) / limits.mentions));
    expect(run.kinds.rawPayloads.batches).toBe(Math.ceil((60 * PER_DAY + 3) / limits.rows));
    expect(run.kinds.closedCases.batches).toBe(1);
    expect(run.alongside).toMatchObject({ caseMessages: 4, caseMentions: 2, mergedContacts: 1, modelRetrainedFrom: 2 });
    expect(run.alongside.emptyRollupRows).toBeGreaterThan(0);
    expect(run.longestBatchMs).toBeGreaterThan(0);
  });

  it("anonymises old mentions outside cases, keeping what counts them and what deduplicates them", async () => {
    const m = await mentionRow(data.mention.get("5:0")!);
    expect(m).toMatchObject({
      text: "",
      title: null,
      url: null,
      previousTexts: [],
      raw: null,
      replyRef: null,
      authorId: null,
      redactedAt: NOW,
      externalId: "post-5-0",
      threadKey: "thread-5",
      postedAt: day(5, 0),
      network: NETWORKS[15 % NETWORKS.length],
      deleted: false,
    });
    const matches = await db().mentionRuleMatch.findMany({ where: { mentionId: m.id } });
    expect(matches).toEqual([expect.objectContaining({ ruleId: data.ruleId, spans: [] })]);
    const reply = await mentionRow(data.mention.get("7:1")!);
    expect(reply).toMatchObject({ text: "", inReplyToId: "post-7-0", redactedAt: NOW });
  });

  it("takes only the raw payload of posts older than its setting, and leaves recent posts alone", async () => {
    const middle = await mentionRow(data.mention.get("150:0")!);
    expect(middle).toMatchObject({
      raw: null,
      redactedAt: null,
      title: "title 150",
      previousTexts: ["earlier text 150"],
    });
    expect(middle.text).toContain("secretword");
    expect(middle.authorId).toBe(data.identity.a9);
    const recent = await mentionRow(data.mention.get("190:0")!);
    expect(recent.raw).toEqual({ id: "post-190-0", user: { name: "Person 190" }, text: "raw secretword570" });
    expect(recent).toMatchObject({ redactedAt: null, replyRef: { cid: "cid-190" }, authorId: data.identity.a2 });
    // A post in a recently closed case keeps its words; its payload is old enough to go.
    const inCase = await mentionRow(data.mention.get("100:1")!);
    expect(inCase).toMatchObject({ raw: null, redactedAt: null, authorId: data.identity.a9 });
    expect(inCase.text).toContain("secretword");
  });

  it("empties closed cases' words but keeps the case, its events and its service figures", async () => {
    const k1 = await db().case.findUniqueOrThrow({ where: { id: data.cases.k1 } });
    expect(k1).toMatchObject({
      subject: REMOVED_SUBJECT,
      searchText: "",
      authorId: null,
      status: "SOLVED",
      updatedAt: day(50),
      version: 1,
      contactId: null, // its contact was inactive and is gone
    });
    const [{ vector }] = await db().$queryRaw<Array<{ vector: string }>>`
      SELECT "searchVector"::text AS vector FROM "Case" WHERE "id" = ${data.cases.k1}`;
    expect(vector).toBe("");
    const messages = await db().caseMessage.findMany({ where: { caseId: data.cases.k1 } });
    expect(messages).toHaveLength(4);
    expect(messages.every((m) => m.body === "")).toBe(true);
    for (const key of ["48:1", "49:1"])
      expect(await mentionRow(data.mention.get(key)!)).toMatchObject({ text: "", authorId: null, redactedAt: NOW });
    expect(await db().caseEvent.count({ where: { caseId: data.cases.k1 } })).toBe(2);
    const outbox = await db().outboxItem.findFirstOrThrow({ where: { caseMessage: { caseId: data.cases.k1 } } });
    expect(outbox.responseBody).toBeNull();
    expect(await replayK1(data)).toEqual(k1ReplayBefore);

    for (const id of [data.cases.k2, data.cases.k3, data.cases.k4]) {
      const c = await db().case.findUniqueOrThrow({ where: { id } });
      expect(c.subject).toMatch(/^subject secretword/);
      expect(c.version).toBe(0);
      const bodies = await db().caseMessage.findMany({ where: { caseId: id }, select: { body: true } });
      expect(bodies.every((m) => m.body !== "")).toBe(true);
    }
  });

  it("deletes inactive contacts (with their merged contacts and merge records) and profiles left with nothing", async () => {
    const left = await db().contact.findMany({ where: { workspaceId: data.ws.id }, select: { id: true } });
    const { inactive, merged, closedCase, ...kept } = data.contact;
    expect(left.map((c) => c.id).sort()).toEqual(Object.values(kept).sort());
    expect(await db().contact.count({ where: { id: { in: [inactive, merged, closedCase] } } })).toBe(0);
    expect(await db().contactNote.count({ where: { contactId: inactive } })).toBe(0);
    expect(await db().contactMerge.count({ where: { workspaceId: data.ws.id } })).toBe(0);
    const request = await db().privacyRequest.findFirstOrThrow({ where: { workspaceId: data.ws.id } });
    expect(request).toMatchObject({ contactId: null, reason: "", kind: "export" });

    const profiles = await db().socialIdentity.findMany({ where: { workspaceId: data.ws.id }, select: { id: true } });
    const { a1, a5, a7, ...keptProfiles } = data.identity;
    expect(profiles.map((p) => p.id).sort()).toEqual(Object.values(keptProfiles).sort());
    void a1;
    void a5;
    void a7;
    // a8's posts were anonymised, and its profile remembers the last one as its activity.
    const a8 = await db().socialIdentity.findUniqueOrThrow({ where: { id: data.identity.a8 } });
    expect(a8.updatedAt).toEqual(day(100, 0));
    expect(await db().mention.count({ where: { authorId: data.identity.a8 } })).toBe(0);
  });

  it("removes sentiment examples copied from anonymised posts and retrains the model from the rest", async () => {
    const labels = await db().sentimentLabel.findMany({ where: { workspaceId: data.ws.id }, select: { id: true } });
    expect(labels.map((l) => l.id).sort()).toEqual([data.labels.fromCase, data.labels.imported].sort());
    const models = await db().sentimentModel.findMany({ where: { workspaceId: data.ws.id } });
    expect(models.map((m) => [m.version, m.examples])).toEqual([[2, 4]]); // two examples, two passes
  });

  it("deletes old audit rows only, and audits the preview and the run with their counts", async () => {
    const ids = new Set(
      (await db().auditLog.findMany({ where: { workspaceId: data.ws.id }, select: { id: true } })).map((a) => a.id),
    );
    for (const id of data.audit.old) expect(ids.has(id)).toBe(false);
    for (const id of data.audit.recent) expect(ids.has(id)).toBe(true);
    const rows = await db().auditLog.findMany({
      where: { workspaceId: data.ws.id, action: { startsWith: "privacy." } },
    });
    expect(rows.map((r) => r.action).sort()).toEqual([
      "privacy.retention_preview",
      "privacy.retention_run",
      "privacy.settings_changed",
    ]);
    const runRow = rows.find((r) => r.action === "privacy.retention_run")!;
    expect(runRow.details).toMatchObject({ trigger: "cli", kinds: { unmatchedMentions: { done: 325 } } });
    expect(runRow.createdAt).toEqual(NOW);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/secretword|Person|handle_|@mail/);
    const last = await lastRetentionRun(data.ws.id);
    expect(last).toMatchObject({ at: NOW.toISOString(), actor: null, trigger: "cli" });
    expect(last!.report.kinds.inactiveContacts.done).toBe(2);
  });

  it("keeps the dashboards' totals for the period, and the rollups still agree with the rows", async () => {
    const after = await listeningMetrics(data.ws.id, period, {}, "rollup");
    expect(totals(after)).toEqual(totals(before));
    expect(after.total).toBe(DAYS * PER_DAY);
    expect(after).toEqual(await listeningMetrics(data.ws.id, period, {}, "raw"));
    // An anonymised day's own word left the term rollups (its rows at zero are gone too); a
    // later day's stays.
    const termRows = (term: string) =>
      db().mentionTermDay.findMany({ where: { workspaceId: data.ws.id, term }, select: { mentions: true } });
    expect(await termRows(dayWord(5))).toEqual([]);
    expect(await termRows(dayWord(150))).toEqual([{ mentions: PER_DAY }]);
    await refreshCaseMetrics(data.ws.id);
    expect(await serviceMetrics(data.ws.id, period, {}, NOW)).toEqual(serviceBefore);
  });

  it("finds nothing new on a rerun", async () => {
    const again = await runRetention(data.ws.id, { now: NOW, trigger: "cli" });
    for (const kind of RETENTION_KINDS) expect(again.kinds[kind], kind).toMatchObject({ matched: 0, done: 0 });
    expect(again.alongside).toMatchObject({ caseMessages: 0, caseMentions: 0, emptyRollupRows: 0 });
    const all = await runRetentionAll(NOW, { trigger: "schedule" });
    const mine = all.find((r) => r.workspaceId === data.ws.id);
    expect(mine && RETENTION_KINDS.every((k) => mine.kinds[k].done === 0)).toBe(true);
    expect(all.some((r) => r.workspaceId === control.ws.id)).toBe(false);
  });

  it("leaves a workspace without retention settings untouched", async () => {
    expect((await privacySettings(control.ws.id)).retention).toEqual(DEFAULT_PRIVACY_SETTINGS.retention);
    expect(await db().mention.count({ where: { workspaceId: control.ws.id, redactedAt: { not: null } } })).toBe(0);
    const [{ withoutRaw }] = await db().$queryRaw<Array<{ withoutRaw: number }>>`
      SELECT count(*)::int AS "withoutRaw" FROM "Mention" WHERE "workspaceId" = ${control.ws.id} AND "raw" IS NULL`;
    expect(withoutRaw).toBe(0);
    expect(await db().auditLog.count({ where: { workspaceId: control.ws.id, action: "test.row" } })).toBe(5);
    expect(await db().contact.count({ where: { workspaceId: control.ws.id } })).toBe(7);
  });

  it("still refuses to delete audit rows outside retention", async () => {
    await expect(db().$executeRaw`DELETE FROM "AuditLog" WHERE "id" = ${data.audit.recent[0]}`).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db().$executeRaw`UPDATE "AuditLog" SET "details" = '{}' WHERE "id" = ${data.audit.recent[0]}`,
    ).rejects.toThrow(/append-only/);
    expect(await db().auditLog.count({ where: { id: data.audit.recent[0] } })).toBe(1);
  });

  it("prints the CLI's report as JSON, and refuses an unknown workspace", async () => {
    const ok = captureIo();
    expect(await retentionFromCli({ workspaceSlug: data.ws.slug, dryRun: true }, ok.io)).toBe(0);
    const printed = JSON.parse(ok.out()) as { dryRun: boolean; workspaces: RetentionReport[] };
    expect(printed.dryRun).toBe(true);
    expect(printed.workspaces).toHaveLength(1);
    expect(printed.workspaces[0].workspaceId).toBe(data.ws.id);
    expect(Object.keys(printed.workspaces[0].kinds)).toEqual([...RETENTION_KINDS]);
    const missing = captureIo();
    expect(await retentionFromCli({ workspaceSlug: "no-such-workspace", dryRun: true }, missing.io)).toBe(2);
    expect(missing.err()).toContain("No workspace");
  });
});

describe("privacy settings and retention actions", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await createTestWorkspace();
  });

  const input = {
    unmatchedMentionsDays: 90,
    closedCasesDays: 365,
    rawPayloadDays: 30,
    inactiveContactsDays: null,
    auditDays: 730,
    afterErasure: "anonymise" as const,
    eraseEditHistory: true,
  };

  it("refuses agents and managers (FORBIDDEN) and changes nothing", async () => {
    for (const member of [ws.agent, ws.manager]) {
      const saved = await runAsSession(member.claims, () => savePrivacySettingsAction(input));
      expect(saved).toMatchObject({ ok: false, code: "FORBIDDEN" });
      for (const dryRun of [true, false]) {
        const ran = await runAsSession(member.claims, () => runRetentionAction({ dryRun }));
        expect(ran).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    }
    expect(await privacySettings(ws.id)).toEqual(DEFAULT_PRIVACY_SETTINGS);
    expect(await db().auditLog.count({ where: { workspaceId: ws.id, action: { startsWith: "privacy." } } })).toBe(0);
  });

  it("lets an admin save the settings (audited with before and after) and keeps the rest of the settings", async () => {
    await db().workspace.update({ where: { id: ws.id }, data: { settings: { contacts: { autoCreate: true } } } });
    const saved = await runAsSession(ws.admin.claims, () => savePrivacySettingsAction(input));
    expect(saved).toEqual({ ok: true, data: undefined });
    const settings = await privacySettings(ws.id);
    expect(settings).toEqual({
      retention: {
        unmatchedMentionsDays: 90,
        closedCasesDays: 365,
        rawPayloadDays: 30,
        inactiveContactsDays: null,
        auditDays: 730,
      },
      afterErasure: "anonymise",
      eraseEditHistory: true,
    });
    const row = await db().workspace.findUniqueOrThrow({ where: { id: ws.id }, select: { settings: true } });
    expect((row.settings as { contacts: unknown }).contacts).toEqual({ autoCreate: true });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: ws.id, action: "privacy.settings_changed" },
    });
    expect(audit).toMatchObject({ actorUserId: ws.admin.userId, targetId: ws.id });
    expect(audit.details).toEqual({ before: DEFAULT_PRIVACY_SETTINGS, after: settings });
  });

  it("reports bad days beside their field", async () => {
    const bad = await runAsSession(ws.admin.claims, () =>
      savePrivacySettingsAction({ ...input, auditDays: 7, rawPayloadDays: 0 }),
    );
    expect(bad).toMatchObject({ ok: false, code: "INVALID" });
    expect(bad.ok ? {} : bad.fieldErrors).toHaveProperty("auditDays");
    expect(bad.ok ? {} : bad.fieldErrors).toHaveProperty("rawPayloadDays");
  });

  it("lets an admin preview and run retention, each audited under their name", async () => {
    const preview = await runAsSession(ws.admin.claims, () => runRetentionAction({ dryRun: true }));
    expect(preview).toMatchObject({ ok: true, data: { dryRun: true, complete: true } });
    const ran = await runAsSession(ws.admin.claims, () => runRetentionAction({ dryRun: false }));
    expect(ran).toMatchObject({ ok: true, data: { dryRun: false } });
    const rows = await db().auditLog.findMany({
      where: { workspaceId: ws.id, action: { in: ["privacy.retention_preview", "privacy.retention_run"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.action, r.actorUserId])).toEqual([
      ["privacy.retention_preview", ws.admin.userId],
      ["privacy.retention_run", ws.admin.userId],
    ]);
    expect(await lastRetentionRun(ws.id)).toMatchObject({ actor: "Test admin", trigger: "admin" });
  });
});
