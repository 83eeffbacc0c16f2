// The subject export (lib/privacy/export.ts): everything Earshot holds about one person, and
// nobody else's. Markers (unique strings) are planted in every kind of row that is about them,
// and in rows about someone else; the JSON must hold each of theirs in the right section and
// none of the other person's. Also: the completeness property (every table that references a
// person's rows is exported or excluded with a reason, discovered from the schema), paging, the
// route's authorization and bad input, the CLI, and the audit of each export.
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { execute, query, sql, type RawClient } from "@/lib/db/sql";
import { runAsSession } from "@/lib/auth/session";
import { addContactNote, createContact } from "@/lib/contacts/contacts";
import { contactFieldsSchema } from "@/lib/contacts/fields";
import { mergeContacts } from "@/lib/contacts/merge";
import { correctSentiment } from "@/lib/enrich/learn/store";
import {
  EXCLUDED_TABLES,
  EXPORT_KEYS,
  EXPORTED_TABLES,
  PAGE,
  startSubjectExport,
  subjectExportEvents,
} from "@/lib/privacy/export";
import { resolveSubject } from "@/lib/privacy/subject";
import type { ExportEvent } from "@/lib/privacy/export-html";
import { GET as exportRoute } from "@/app/api/privacy/export/route";
import { earshot } from "../support/cli";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

type Doc = Record<string, unknown>;

const NAME = `Jane <script>alert("MK_NAME")</script> Doe`;
const POST1 = `MK_POST1 said "hi" & left`;

let ws: TestWorkspace;
let other: TestWorkspace;
const ids = {} as {
  contact: string;
  merged: string;
  i1: string;
  i2: string;
  i3: string;
  stranger: string;
  m1: string;
  m2: string;
  ownCase: string;
  strangersCase: string;
  otherWorkspaceContact: string;
};

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function exportJson(subject: { contactId: string } | { network: "x" | "bluesky"; accountId: string }) {
  const started = await startSubjectExport(ws, { userId: ws.manager.userId, via: "console" }, subject, "json");
  return JSON.parse(await collect(started.chunks)) as Doc;
}

const section = (doc: Doc, key: string) => JSON.stringify(doc[key]);

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
  const w = ws.id;
  const brand = await db().brand.create({ data: { workspaceId: w, name: "Acme MK_BRAND" } });
  const rule = await db().keywordRule.create({
    data: { workspaceId: w, brandId: brand.id, name: "MK_RULE", query: "hi" },
  });
  const fields = (v: object) => contactFieldsSchema.parse(v);
  ids.contact = (
    await createContact(
      w,
      ws.agent.userId,
      fields({ name: NAME, emails: ["jane.mk_email@example.com"], customFields: { seat: "MK_CUSTOM" } }),
    )
  ).id;
  ids.merged = (await createContact(w, ws.agent.userId, fields({ name: "Janet MK_MERGED" }))).id;
  ids.otherWorkspaceContact = (await createContact(other.id, other.agent.userId, fields({ name: "Elsewhere" }))).id;

  const identity = (network: "x" | "bluesky" | "mastodon", accountId: string, handle: string, contactId?: string) =>
    db().socialIdentity.create({
      data: { workspaceId: w, network, accountId, handle, bio: `bio of ${handle}`, contactId },
    });
  ids.i1 = (await identity("x", "x-1", "jane_MK_HANDLE1", ids.contact)).id;
  ids.i2 = (await identity("bluesky", "did:plc:mk2", "jane.MK_HANDLE2", ids.contact)).id;
  ids.i3 = (await identity("mastodon", "janet@example.social", "janet_MK_HANDLE3", ids.merged)).id;
  ids.stranger = (await identity("x", "x-9", "stranger_MK_STRANGER")).id;
  const suggested = await identity("x", "x-5", "maybe_jane");

  const mention = (authorId: string, externalId: string, text: string, extra: object = {}) =>
    db().mention.create({
      data: {
        workspaceId: w,
        network: "x",
        externalId,
        authorId,
        brandId: brand.id,
        text,
        postedAt: new Date("2026-05-01T10:00:00Z"),
        ...extra,
      },
    });
  const m1 = await mention(ids.i1, "p1", POST1, {
    title: "MK_TITLE1",
    url: "https://x.example/jane/MK_URL1",
    previousTexts: ["MK_PREV1"],
    raw: { note: "MK_RAW1" },
    edited: true,
  });
  const m2 = await mention(ids.i2, "p2", "MK_POST2 replying in a thread");
  const m9 = await mention(ids.stranger, "p9", "MK_STRANGER_POST");
  ids.m1 = m1.id;
  ids.m2 = m2.id;
  await db().mentionRuleMatch.create({ data: { workspaceId: w, mentionId: m1.id, ruleId: rule.id, spans: [[9, 11]] } });

  // Their own case: their post, an agent's reply (with its delivery), an internal note, history.
  const own = await db().case.create({
    data: { workspaceId: w, number: 1, subject: "MK_SUBJECT", contactId: ids.contact, authorId: ids.i1 },
  });
  ids.ownCase = own.id;
  await db().caseMessage.create({
    data: { workspaceId: w, caseId: own.id, kind: "INBOUND", mentionId: m1.id, body: POST1 },
  });
  const reply = await db().caseMessage.create({
    data: { workspaceId: w, caseId: own.id, kind: "OUTBOUND", authorUserId: ws.agent.userId, body: "MK_REPLY" },
  });
  await db().caseMessage.create({
    data: { workspaceId: w, caseId: own.id, kind: "NOTE", authorUserId: ws.agent.userId, body: "MK_CASENOTE" },
  });
  await db().caseEvent.create({
    data: { workspaceId: w, caseId: own.id, kind: "status_changed", after: { status: "SOLVED", why: "MK_EVENT" } },
  });
  await db().outboxItem.create({
    data: {
      workspaceId: w,
      kind: "reply",
      state: "sent",
      caseMessageId: reply.id,
      network: "x",
      idempotencyKey: `k-${reply.id}`,
      payload: { mentionId: m1.id },
      externalUrl: "https://x.example/acme/MK_OUTBOX",
    },
  });
  await db().auditLog.create({
    data: {
      workspaceId: w,
      action: "reply.approved",
      targetType: "CaseMessage",
      targetId: reply.id,
      details: { why: "MK_AUDIT_REPLY" },
    },
  });

  // A stranger's case that one of their posts joined: the case and their post, not the rest.
  const strangers = await db().case.create({
    data: { workspaceId: w, number: 2, subject: "MK_STRANGER_SUBJECT", authorId: ids.stranger },
  });
  ids.strangersCase = strangers.id;
  await db().caseMessage.createMany({
    data: [
      { workspaceId: w, caseId: strangers.id, kind: "INBOUND", mentionId: m9.id, body: "MK_STRANGER_POST" },
      {
        workspaceId: w,
        caseId: strangers.id,
        kind: "INBOUND",
        mentionId: m2.id,
        body: "MK_POST2 replying in a thread",
      },
      {
        workspaceId: w,
        caseId: strangers.id,
        kind: "OUTBOUND",
        authorUserId: ws.agent.userId,
        body: "MK_STRANGER_REPLY",
      },
    ],
  });

  // Webhook deliveries: one carried their post, one the stranger's.
  await db().outboxItem.createMany({
    data: [
      {
        id: "whd_theirs",
        kind: "webhook",
        state: "sent",
        idempotencyKey: "whd_theirs",
        payload: { event: "mention.created", data: { id: m1.id, text: "MK_WEBHOOK" } },
      },
      {
        id: "whd_case",
        kind: "webhook",
        state: "sent",
        idempotencyKey: "whd_case",
        payload: { event: "case.created", data: { number: 1, subject: "MK_WEBHOOK_CASE" } },
      },
      {
        id: "whd_reply",
        kind: "webhook",
        state: "sent",
        idempotencyKey: "whd_reply",
        payload: { event: "reply.sent", data: { messageId: reply.id, url: "MK_WEBHOOK_REPLY" } },
      },
      {
        id: "whd_strange",
        kind: "webhook",
        state: "sent",
        idempotencyKey: "whd_strange",
        payload: { event: "mention.created", data: { id: m9.id, text: "MK_STRANGER_WEBHOOK" } },
      },
      {
        id: "whd_strcase",
        kind: "webhook",
        state: "sent",
        idempotencyKey: "whd_strcase",
        payload: { event: "case.created", data: { number: 2, subject: "MK_STRANGER_WEBHOOK_CASE" } },
      },
    ].map((d) => ({ ...d, workspaceId: w })),
  });

  await addContactNote(w, ws.agent.userId, ids.contact, "MK_NOTE");
  await correctSentiment(w, ws.agent.userId, m1.id, "NEGATIVE");
  await db().linkSuggestion.create({
    data: { workspaceId: w, identityId: suggested.id, contactId: ids.contact, score: 0.6, reasons: ["MK_REASON"] },
  });
  await db().privacyRequest.create({
    data: { workspaceId: w, contactId: ids.contact, kind: "do_not_profile", reason: "MK_PRIVREQ" },
  });
  const [survivor, merged] = await Promise.all(
    [ids.contact, ids.merged].map((id) => db().contact.findUniqueOrThrow({ where: { id }, select: { version: true } })),
  );
  await mergeContacts(w, ws.manager.userId, {
    survivorId: ids.contact,
    mergedId: ids.merged,
    survivorVersion: survivor.version,
    mergedVersion: merged.version,
    choices: {},
  });
});

const dir = mkdtempSync(path.join(tmpdir(), "earshot-privacy-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("subject export of a contact", () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await exportJson({ contactId: ids.contact });
  });

  it("is one JSON document with every section, in order", () => {
    expect(Object.keys(doc)).toEqual(EXPORT_KEYS);
    expect(doc.workspace).toEqual({ slug: ws.slug });
    expect(doc.subject).toMatchObject({ type: "contact", contactId: ids.contact, name: NAME });
  });

  it("holds each of their markers in its section", () => {
    const expected: Record<string, string[]> = {
      contact: [NAME, "jane.mk_email@example.com", "MK_CUSTOM"],
      notes: ["MK_NOTE"],
      identities: ["MK_HANDLE1", "MK_HANDLE2", "MK_HANDLE3", "bio of jane_MK_HANDLE1"],
      mentions: [POST1, "MK_TITLE1", "MK_URL1", "MK_PREV1", "MK_RAW1", "MK_POST2", "Acme MK_BRAND"],
      cases: ["MK_SUBJECT", ids.strangersCase],
      caseEvents: ["MK_EVENT"],
      caseMessages: [POST1, "MK_POST2", "MK_REPLY", "MK_CASENOTE"],
      ruleMatches: [ids.m1, "MK_RULE"],
      sentimentLabels: ["MK_POST1", "NEGATIVE"],
      linkSuggestions: ["MK_REASON"],
      merges: [ids.merged],
      mergedContacts: ["Janet MK_MERGED"],
      contactKeys: ["jane.mk_email@example.com"],
      privacyRequests: ["MK_PRIVREQ", "export"],
      auditRows: [
        "contact.note.add",
        "contact.merge",
        "mention.sentiment_corrected",
        "privacy.exported",
        "MK_AUDIT_REPLY",
      ],
      outboxItems: ["MK_OUTBOX", "MK_WEBHOOK", "MK_WEBHOOK_CASE", "MK_WEBHOOK_REPLY"],
    };
    for (const [key, markers] of Object.entries(expected))
      for (const marker of markers)
        expect(section(doc, key), `${key} holds ${marker}`).toContain(JSON.stringify(marker).slice(1, -1));
  });

  it("holds nothing of the stranger's: not their post, their case's reply, nor their deliveries", () => {
    const text = JSON.stringify(doc);
    for (const marker of [
      "MK_STRANGER_POST",
      "MK_STRANGER_SUBJECT",
      "MK_STRANGER_REPLY",
      "MK_STRANGER_WEBHOOK",
      "stranger_MK_STRANGER",
    ])
      expect(text).not.toContain(marker);
    const strangersCase = (doc.cases as Doc[]).find((c) => c.id === ids.strangersCase);
    expect(strangersCase).toMatchObject({ involvement: "one of their posts is in another customer's case" });
    expect((doc.cases as Doc[]).find((c) => c.id === ids.ownCase)).toMatchObject({
      involvement: "their contact's case",
    });
  });

  it("counts every section", () => {
    const counts = doc.counts as Record<string, number>;
    expect(counts).toMatchObject({
      notes: 1,
      identities: 3,
      mentions: 2,
      cases: 2,
      caseMessages: 4,
      mergedContacts: 1,
    });
    for (const key of Object.keys(counts)) expect(counts[key]).toBe((doc[key] as unknown[]).length);
  });

  it("the readable page holds the same markers, escaped", async () => {
    const started = await startSubjectExport(
      ws,
      { userId: ws.manager.userId, via: "console" },
      { contactId: ids.contact },
      "html",
    );
    const page = await collect(started.chunks);
    expect(page).toContain(
      "<title>Data Earshot holds about Jane &lt;script&gt;alert(&quot;MK_NAME&quot;)&lt;/script&gt; Doe</title>",
    );
    expect(page).not.toContain("<script");
    expect(page).toContain("MK_POST1 said &quot;hi&quot; &amp; left");
    for (const marker of [
      "MK_NOTE",
      "MK_HANDLE2",
      "MK_PREV1",
      "MK_RAW1",
      "MK_REPLY",
      "MK_EVENT",
      "MK_REASON",
      "MK_OUTBOX",
    ])
      expect(page).toContain(marker);
    expect(page).not.toContain("MK_STRANGER_POST");
    expect(page).toContain('<a href="#s-mentions">Mentions (their posts)</a>: 2');
  });
});

describe("subject export of one social identity", () => {
  it("covers that identity only, even when it is linked to a contact", async () => {
    const doc = await exportJson({ network: "bluesky", accountId: "did:plc:mk2" });
    expect(doc.subject).toMatchObject({
      type: "identity",
      identityId: ids.i2,
      network: "bluesky",
      handle: "jane.MK_HANDLE2",
    });
    expect(String((doc.subject as Doc).scope)).toContain("not part of this export");
    expect(doc.contact).toBeNull();
    expect((doc.identities as Doc[]).map((i) => i.id)).toEqual([ids.i2]);
    expect((doc.mentions as Doc[]).map((m) => m.id)).toEqual([ids.m2]);
    expect((doc.cases as Doc[]).map((c) => c.id)).toEqual([ids.strangersCase]);
    const text = JSON.stringify(doc);
    for (const marker of ["MK_POST1", "MK_HANDLE1", "MK_NOTE", "MK_REPLY", "MK_SUBJECT", "MK_MERGED", "MK_STRANGER"])
      expect(text).not.toContain(marker);
  });

  it("is not found for an unknown identity, or another workspace's contact", async () => {
    await expect(resolveSubject(ws.id, { network: "x", accountId: "nobody" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resolveSubject(ws.id, { contactId: ids.otherWorkspaceContact })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resolveSubject(ws.id, { contactId: ids.merged })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("export completeness", () => {
  // Tables that hold a person's rows: those reached by foreign keys from Contact and
  // SocialIdentity (transitively: mentions, cases, messages, deliveries...), and those with a
  // column named for such a row but no foreign key (SentimentLabel.mentionId,
  // ContactMerge.survivorId, AuditLog.targetId, the author rollups...).
  const PERSON_COLUMNS = [
    "contactId",
    "identityId",
    "authorId",
    "mentionId",
    "caseId",
    "caseMessageId",
    "survivorId",
    "mergedId",
    "mergedIntoId",
    "targetId",
  ];

  async function personTables(client: RawClient): Promise<string[]> {
    const edges = await query<{ from: string; to: string }>(
      client,
      sql`SELECT src.relname::text AS "from", dst.relname::text AS "to"
          FROM pg_constraint k
          JOIN pg_class src ON src.oid = k.conrelid
          JOIN pg_class dst ON dst.oid = k.confrelid
          JOIN pg_namespace n ON n.oid = src.relnamespace AND n.nspname = current_schema()
          WHERE k.contype = 'f'`,
    );
    const found = new Set(["Contact", "SocialIdentity"]);
    for (let grew = true; grew;) {
      grew = false;
      for (const edge of edges)
        if (found.has(edge.to) && !found.has(edge.from)) {
          found.add(edge.from);
          grew = true;
        }
    }
    const named = await query<{ table: string }>(
      client,
      sql`SELECT DISTINCT c.table_name::text AS "table" FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            AND c.column_name::text = ANY(${PERSON_COLUMNS})`,
    );
    for (const row of named) found.add(row.table);
    return [...found].sort();
  }

  it("every table that references a person's rows is exported or excluded with a reason", async () => {
    const discovered = await personTables(db());
    const unmapped = discovered.filter((t) => !(t in EXPORTED_TABLES) && !(t in EXCLUDED_TABLES));
    expect(unmapped, "map each to an export key (EXPORTED_TABLES) or say why not (EXCLUDED_TABLES)").toEqual([]);
    // No stale or doubled entries either.
    expect([...Object.keys(EXPORTED_TABLES), ...Object.keys(EXCLUDED_TABLES)].sort()).toEqual(discovered);
    for (const reason of Object.values(EXCLUDED_TABLES)) expect(reason.length).toBeGreaterThan(20);
  });

  it("every exported table's key is a key of the document", async () => {
    const doc = await exportJson({ contactId: ids.contact });
    for (const [table, key] of Object.entries(EXPORTED_TABLES)) expect(Object.keys(doc), table).toContain(key);
  });

  it("a new table with a foreign key to Contact is found (and would fail the test until mapped)", async () => {
    const found = await db()
      .$transaction(async (tx) => {
        await execute(
          tx,
          sql`CREATE TABLE "PrivacyProbe" ("id" text PRIMARY KEY, "ownerRef" text REFERENCES "Contact"("id"))`,
        );
        await execute(
          tx,
          sql`CREATE TABLE "PrivacyProbeChild" ("id" text PRIMARY KEY, "probe" text REFERENCES "PrivacyProbe"("id"))`,
        );
        await execute(tx, sql`CREATE TABLE "PrivacyProbeLoose" ("id" text PRIMARY KEY, "mentionId" text)`);
        const tables = await personTables(tx);
        throw Object.assign(new Error("rollback"), { tables });
      })
      .catch((e: { tables?: string[] }) => e.tables);
    expect(found).toEqual(expect.arrayContaining(["PrivacyProbe", "PrivacyProbeChild", "PrivacyProbeLoose"]));
    expect(await personTables(db())).not.toContain("PrivacyProbe");
  });
});

describe("streaming", () => {
  it("reads a person with 3,000 mentions in pages of at most 1,000 rows", async () => {
    const identity = await db().socialIdentity.create({
      data: { workspaceId: ws.id, network: "x", accountId: "x-busy", handle: "busy" },
    });
    await db().mention.createMany({
      data: Array.from({ length: 3 * PAGE }, (_, i) => ({
        workspaceId: ws.id,
        network: "x" as const,
        externalId: `busy-${i}`,
        authorId: identity.id,
        text: `busy post MK_BUSY_${i}`,
        postedAt: new Date(Date.UTC(2026, 4, 1, 0, i)),
      })),
    });
    const subject = await resolveSubject(ws.id, { network: "x", accountId: "x-busy" });
    const spy = await spyOnRows(async () => {
      const pages: number[] = [];
      let chunks = 0;
      for await (const event of subjectExportEvents(ws, subject) as AsyncGenerator<ExportEvent>) {
        chunks++;
        if (event.kind === "rows" && event.key === "mentions") pages.push(event.rows.length);
      }
      return { pages, chunks };
    });
    expect(spy.result.pages).toEqual([PAGE, PAGE, PAGE]);
    expect(spy.largest).toBeLessThanOrEqual(PAGE);
    expect(spy.operations).toContain("$queryRaw");
    expect(spy.operations).toContain("findMany");
  });
});

/** Runs fn with every Prisma operation (model and raw) watched: the most rows any one returned. */
async function spyOnRows<T>(fn: () => Promise<T>) {
  const holder = globalThis as unknown as { __earshotDb?: { url: string; client: unknown } };
  const base = db();
  let largest = 0;
  const operations = new Set<string>();
  const spied = base.$extends({
    query: {
      async $allOperations({ operation, args, query: run }) {
        const result = await run(args);
        operations.add(operation);
        if (Array.isArray(result)) largest = Math.max(largest, result.length);
        return result;
      },
    },
  });
  const previous = holder.__earshotDb;
  holder.__earshotDb = { url: process.env.DATABASE_URL!, client: spied };
  try {
    const result = await fn();
    return { result, largest, operations: [...operations] };
  } finally {
    holder.__earshotDb = previous;
  }
}

describe("GET /api/privacy/export", () => {
  const call = (member: { claims: Parameters<typeof runAsSession>[0] }, qs: string) =>
    runAsSession(member.claims, () =>
      exportRoute(new Request(`http://t/api/privacy/export?${qs}`), { params: Promise.resolve({}) }),
    );

  it("streams the download to a manager, as JSON or the readable page, and audits it", async () => {
    const before = await db().auditLog.count({ where: { workspaceId: ws.id, action: "privacy.exported" } });
    const json = await call(ws.manager, `contact=${ids.contact}`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="earshot-${ws.slug}-contact-${ids.contact}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    expect((JSON.parse(await json.text()) as Doc).subject).toMatchObject({ contactId: ids.contact });
    const html = await call(ws.admin, `identity=${encodeURIComponent("bluesky:did:plc:mk2")}&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await html.text()).toContain("MK_POST2");

    const audit = (actorUserId: string) =>
      db().auditLog.findMany({ where: { workspaceId: ws.id, action: "privacy.exported", actorUserId } });
    expect(await db().auditLog.count({ where: { workspaceId: ws.id, action: "privacy.exported" } })).toBe(before + 2);
    expect((await audit(ws.admin.userId)).map((r) => [r.targetType, r.targetId, r.details])).toEqual([
      ["SocialIdentity", ids.i2, { format: "html", via: "console", contacts: 0, identities: 1 }],
    ]);
    expect((await audit(ws.manager.userId)).map((r) => [r.targetType, r.targetId, r.details])).toContainEqual([
      "Contact",
      ids.contact,
      { format: "json", via: "console", contacts: 2, identities: 3 },
    ]);
    // The identity is linked to the contact: its request shows on the contact page.
    const requests = await db().privacyRequest.findMany({
      where: { workspaceId: ws.id, kind: "export", actorUserId: ws.admin.userId },
    });
    expect(requests.map((r) => r.contactId)).toEqual([ids.contact]);
  });

  it("refuses agents, and answers 404 for another workspace's ids and 400 for bad parameters", async () => {
    const audited = await db().auditLog.count({ where: { workspaceId: ws.id, action: "privacy.exported" } });
    expect((await call(ws.agent, `contact=${ids.contact}`)).status).toBe(403);
    expect((await call(ws.manager, `contact=${ids.otherWorkspaceContact}`)).status).toBe(404);
    expect((await call(other.manager, `contact=${ids.contact}`)).status).toBe(404);
    expect((await call(other.manager, `identity=x:x-1`)).status).toBe(404);
    for (const qs of [
      "",
      `contact=${ids.contact}&identity=x:x-1`,
      "identity=x",
      "identity=x:",
      "identity=myspace:123",
      "identity=%3Ax-1",
      "identity=x:a%00b",
      "contact=%00",
      `contact=${"x".repeat(200)}`,
      `contact=${ids.contact}&format=pdf`,
    ]) {
      const response = await call(ws.manager, qs);
      expect(response.status, qs).toBe(400);
      expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    expect(await db().auditLog.count({ where: { workspaceId: ws.id, action: "privacy.exported" } })).toBe(audited);
  });
});

describe("earshot privacy export", () => {
  it("writes the export to --out, audited as the CLI's; refuses a bad identity", async () => {
    const file = path.join(dir, "jane.json");
    const result = await earshot([
      "privacy",
      "export",
      "--workspace",
      ws.slug,
      "--contact",
      ids.contact,
      "--out",
      file,
    ]);
    expect(result.stderr).toContain(`Wrote ${file}`);
    expect(result.code).toBe(0);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const doc = JSON.parse(readFileSync(file, "utf8")) as Doc;
    expect(section(doc, "notes")).toContain("MK_NOTE");
    expect(section(doc, "mentions")).toContain("MK_RAW1");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: ws.id, action: "privacy.exported", details: { path: ["via"], equals: "cli" } },
    });
    expect(audit).toMatchObject({ actorUserId: null, targetType: "Contact", targetId: ids.contact });

    const bad = await earshot(["privacy", "export", "--workspace", ws.slug, "--identity", "x-1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("NETWORK:ACCOUNT_ID");
  });
});
