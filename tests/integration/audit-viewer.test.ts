// Admin → Audit log on a real database: each filter narrows to exactly its rows, keyset pages
// neither skip nor repeat rows that share an instant, the CSV export holds the rows (formulas
// defused) and is itself audited, only admins see either, another workspace's rows never show,
// audit rows refuse UPDATE and DELETE unless retention says so, and sign-ins and API key use
// are audited.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { execute, query, sql } from "@/lib/db/sql";
import { runAsSession } from "@/lib/auth/session";
import { authenticate } from "@/lib/auth/sign-in";
import { authenticateApiKey, createApiKey, KEY_USE_AUDIT_INTERVAL_MS } from "@/lib/api-keys/keys";
import { AUDIT_PAGE_SIZE, auditLogPage } from "@/lib/audit/viewer";
import { AUDIT_CSV_HEADER } from "@/lib/audit/csv";
import { parseCsvRecords } from "@/lib/util/csv";
import { GET as exportRoute } from "@/app/api/admin/audit/export/route";
import AuditLogPage from "@/app/(console)/admin/audit/page";
import { createTestWorkspace, TEST_PASSWORD, uniqueSuffix, type TestWorkspace } from "../support/factory";

interface Seed {
  id: string;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  createdAt: string;
  details?: object;
}

let ws: TestWorkspace;
let other: TestWorkspace;
let rows: Seed[];

async function seed(workspaceId: string, list: Omit<Seed, "id">[]): Promise<Seed[]> {
  const made = list.map((r) => ({ ...r, id: `au-${uniqueSuffix()}` }));
  await db().auditLog.createMany({
    data: made.map((r) => ({ ...r, workspaceId, details: r.details ?? {}, createdAt: new Date(r.createdAt) })),
  });
  return made;
}

const idsOf = (list: Array<{ id: string }>) => list.map((r) => r.id);
/** Newest first, as the viewer shows them. */
const newestFirst = (list: Seed[]) =>
  idsOf([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0)));

const page = (params: Record<string, string | string[]>, workspaceId = ws.id) => auditLogPage(workspaceId, params);

async function exportCsv(member: TestWorkspace["admin"], query = "") {
  return runAsSession(member.claims, () =>
    exportRoute(new Request(`http://test.local/api/admin/audit/export${query}`), { params: Promise.resolve({}) }),
  );
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
  // Local dates are the workspace's: New York, four hours behind UTC after 8 March 2026.
  await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "America/New_York" } });
  const contactId = `ckcontact${uniqueSuffix()}`;
  rows = await seed(ws.id, [
    {
      actorUserId: ws.admin.userId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: ws.agent.membershipId,
      createdAt: "2026-03-01T12:00:00Z",
    },
    {
      actorUserId: ws.manager.userId,
      action: "contact.merge",
      targetType: "Contact",
      targetId: contactId,
      createdAt: "2026-03-02T12:00:00Z",
    },
    {
      actorUserId: ws.manager.userId,
      action: "privacy.exported",
      targetType: "Contact",
      targetId: contactId,
      createdAt: "2026-03-03T12:00:00Z",
    },
    {
      actorUserId: ws.admin.userId,
      action: "privacy.exported",
      targetType: "contact",
      targetId: contactId,
      createdAt: "2026-03-04T12:00:00Z",
    },
    {
      actorUserId: null,
      action: "contact.identity.autolink",
      targetType: "SocialIdentity",
      targetId: "cksocial1",
      createdAt: "2026-03-05T12:00:00Z",
    },
    {
      actorUserId: ws.admin.userId,
      action: "rule.created",
      targetType: "keywordRule",
      targetId: "ckrule1",
      createdAt: "2026-03-10T03:30:00Z",
    },
    {
      actorUserId: ws.admin.userId,
      action: "rule.updated",
      targetType: "keywordRule",
      targetId: "ckrule1",
      createdAt: "2026-03-10T04:30:00Z",
    },
    {
      actorUserId: null,
      action: "api_key.used",
      targetType: "apiKey",
      targetId: "ckkey1",
      createdAt: "2026-03-11T12:00:00Z",
    },
  ]);
  await seed(other.id, [
    {
      actorUserId: other.admin.userId,
      action: "contact.merge",
      targetType: "Contact",
      targetId: contactId,
      createdAt: "2026-03-02T13:00:00Z",
    },
    {
      actorUserId: null,
      action: "rule.created",
      targetType: "keywordRule",
      targetId: "ckrule1",
      createdAt: "2026-03-10T05:00:00Z",
    },
  ]);
});

describe("audit log filters", () => {
  const only = (pred: (r: Seed) => boolean) => newestFirst(rows.filter(pred));

  it("shows every row of the workspace, newest first, and none of another workspace's", async () => {
    const all = await page({});
    expect(all.problems).toEqual([]);
    expect(idsOf(all.rows)).toEqual(newestFirst(rows));
    expect(all.older).toBeNull();
    expect(all.newer).toBeNull();
    expect(all.timeZone).toBe("America/New_York");
    expect(all.rows.find((r) => r.action === "member.role_changed")).toMatchObject({
      actorUserId: ws.admin.userId,
      actorName: "Test admin",
      details: {},
    });
  });

  it("by actor, and 'system' for rows without one", async () => {
    expect(idsOf((await page({ actor: ws.manager.userId })).rows)).toEqual(
      only((r) => r.actorUserId === ws.manager.userId),
    );
    expect(idsOf((await page({ actor: "system" })).rows)).toEqual(only((r) => r.actorUserId === null));
    const choices = (await page({})).choices;
    expect(choices.actors.map((a) => a.id).sort()).toEqual(
      [ws.agent.userId, ws.manager.userId, ws.admin.userId].sort(),
    );
  });

  it("by action, exactly or by family, offering the actions seen", async () => {
    expect(idsOf((await page({ action: "privacy.exported" })).rows)).toEqual(
      only((r) => r.action === "privacy.exported"),
    );
    expect(idsOf((await page({ action: "contact." })).rows)).toEqual(only((r) => r.action.startsWith("contact.")));
    expect((await page({ action: "nothing." })).rows).toEqual([]);
    const choices = (await page({})).choices;
    expect(choices.actions).toEqual([...new Set(rows.map((r) => r.action))].sort());
    expect(choices.prefixes).toEqual(["api_key.", "contact.", "member.", "privacy.", "rule."]);
  });

  it("by object: a contact's rows (whatever the case of the type), who viewed its export included", async () => {
    const contactId = rows[1].targetId!;
    const contactRows = only((r) => r.targetId === contactId);
    for (const objectType of ["Contact", "contact"]) {
      const result = await page({ objectType, objectId: contactId });
      expect(idsOf(result.rows)).toEqual(contactRows);
      expect(result.rows.every((r) => r.objectHref === `/contacts/${contactId}`)).toBe(true);
    }
    const exports = await page({ objectType: "Contact", objectId: contactId, action: "privacy.exported" });
    expect(exports.rows.map((r) => r.actorUserId)).toEqual([ws.admin.userId, ws.manager.userId]);
    expect(idsOf((await page({ objectType: "keywordRule" })).rows)).toEqual(
      only((r) => r.targetType === "keywordRule"),
    );
    expect((await page({ objectType: "SocialIdentity" })).rows[0].objectHref).toBe("/contacts/profiles/cksocial1");
  });

  it("by date range, in the workspace's time zone", async () => {
    // 2026-03-10T03:30Z is 23:30 on 9 March in New York (summer time since the 8th); 04:30Z is 00:30 on 10 March.
    expect(idsOf((await page({ from: "2026-03-10", to: "2026-03-10" })).rows)).toEqual([rows[6].id]);
    expect(idsOf((await page({ to: "2026-03-09" })).rows)).toEqual(only((r) => r.createdAt < "2026-03-10T04:00:00Z"));
    expect(idsOf((await page({ from: "2026-03-10" })).rows)).toEqual(
      only((r) => r.createdAt >= "2026-03-10T04:00:00Z"),
    );
  });

  it("combined: actor, action family and range together", async () => {
    const result = await page({ actor: ws.admin.userId, action: "rule.", from: "2026-03-01", to: "2026-03-09" });
    expect(idsOf(result.rows)).toEqual([rows[5].id]);
  });

  it("bad parameters show a notice and fall back to defaults: a malformed date, a NUL, an unknown actor", async () => {
    const result = await page({
      from: "2026-13-01",
      action: "contact.\u0000",
      actor: other.admin.userId,
      objectType: "Contact\u0000",
      after: "forged",
    });
    expect(result.problems).toEqual([
      expect.stringMatching(/^"action" is not an action name/),
      expect.stringMatching(/^"objectType" is not an object type/),
      expect.stringMatching(/^"from" must be a real date/),
      expect.stringMatching(/^"after" is not a page of this list/),
      '"actor" is not a member of this workspace; it was ignored.',
    ]);
    expect(result.query).toMatchObject({ actor: undefined, action: undefined, from: undefined, after: undefined });
    expect(idsOf(result.rows)).toEqual(newestFirst(rows));
    // The page shows the notice rather than failing.
    await expect(
      runAsSession(ws.admin.claims, () => AuditLogPage({ searchParams: Promise.resolve({ from: "x\u0000" }) })),
    ).resolves.toBeTruthy();
  });
});

describe("audit log paging", () => {
  it("walks every row exactly once, older and back newer, when many rows share an instant", async () => {
    const mine = await createTestWorkspace();
    const instants = ["2026-04-01T10:00:00.000Z", "2026-04-01T10:00:00.500Z", "2026-04-02T09:00:00.000Z"];
    const made = await seed(
      mine.id,
      Array.from({ length: 2 * AUDIT_PAGE_SIZE + 23 }, (_, i) => ({
        actorUserId: null,
        action: "rule.updated",
        targetType: "keywordRule",
        targetId: `r${i}`,
        createdAt: instants[i % instants.length],
      })),
    );
    const expected = newestFirst(made);
    const seenPages: string[][] = [];
    let current = await page({}, mine.id);
    for (;;) {
      seenPages.push(idsOf(current.rows));
      if (!current.older) break;
      current = await page({ after: current.older }, mine.id);
    }
    expect(seenPages.map((p) => p.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 23]);
    expect(seenPages.flat()).toEqual(expected);
    // Back up with "Newer": the same pages in reverse, ending on the newest page.
    const back: string[][] = [];
    while (current.newer) {
      current = await page({ before: current.newer }, mine.id);
      back.push(idsOf(current.rows));
    }
    expect(back).toEqual([seenPages[1], seenPages[0]]);
    expect(current.newer).toBeNull();
  });
});

describe("audit log CSV export and who may see the log", () => {
  it("holds every matching row with its columns, defuses formulas, and is itself audited", async () => {
    const mine = await createTestWorkspace();
    await db().user.update({ where: { id: mine.manager.userId }, data: { name: '=HYPERLINK("http://evil.example")' } });
    const made = await seed(mine.id, [
      {
        actorUserId: mine.manager.userId,
        action: "contact.update",
        targetType: "Contact",
        targetId: "ckc1",
        createdAt: "2026-05-01T10:00:00.250Z",
        details: { name: "+1 555", note: "-danger" },
      },
      {
        actorUserId: null,
        action: "api_key.used",
        targetType: "apiKey",
        targetId: "ckk1",
        createdAt: "2026-05-02T10:00:00Z",
      },
      {
        actorUserId: mine.admin.userId,
        action: "rule.created",
        targetType: "keywordRule",
        targetId: "ckr1",
        createdAt: "2026-05-03T10:00:00Z",
      },
    ]);
    const response = await exportCsv(mine.admin, "?action=contact.update");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-ws-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe(AUDIT_CSV_HEADER.join(","));
    expect(parseCsvRecords(text).map((r) => r.record)).toEqual([
      {
        time: "2026-05-01T10:00:00.250Z",
        actor_id: mine.manager.userId,
        actor_name: `'=HYPERLINK("http://evil.example")`,
        action: "contact.update",
        target_type: "Contact",
        target_id: "ckc1",
        details: JSON.stringify({ name: "+1 555", note: "-danger" }),
      },
    ]);
    // Unfiltered: every row, newest first, the export's own audit row on top.
    const all = parseCsvRecords(await (await exportCsv(mine.admin)).text()).map((r) => r.record);
    expect(all.map((r) => r.action)).toEqual([
      "audit.exported",
      "audit.exported",
      "rule.created",
      "api_key.used",
      "contact.update",
    ]);
    expect(all[1]).toMatchObject({ actor_id: mine.admin.userId, actor_name: "Test admin", target_type: "AuditLog" });
    expect(JSON.parse(all[1].details)).toEqual({ filter: { action: "contact.update" } });
    expect(all[3]).toMatchObject({ actor_id: "", actor_name: "System" });
    expect(made).toHaveLength(3);
  });

  it("streams a file larger than one read page whole, and refuses a filter it can't apply", async () => {
    const mine = await createTestWorkspace();
    await seed(
      mine.id,
      Array.from({ length: 5_123 }, (_, i) => ({
        actorUserId: null,
        action: "api_key.used",
        targetType: "apiKey",
        targetId: `k${i}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 1000).toISOString(),
      })),
    );
    const records = parseCsvRecords(await (await exportCsv(mine.admin, "?action=api_key.used")).text());
    expect(records).toHaveLength(5_123);
    expect(new Set(records.map((r) => r.record.target_id)).size).toBe(5_123);
    const bad = await exportCsv(mine.admin, "?from=2026-02-30&actor=system");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^"from" must be a real date/);
  });

  it("is for admins only: the export route answers 403 to others, the page sends them to /forbidden", async () => {
    for (const member of [ws.manager, ws.agent]) {
      expect((await exportCsv(member)).status).toBe(403);
      await expect(
        runAsSession(member.claims, () => AuditLogPage({ searchParams: Promise.resolve({}) })),
      ).rejects.toMatchObject({ digest: expect.stringContaining("/forbidden") });
    }
    await expect(
      runAsSession(ws.admin.claims, () => AuditLogPage({ searchParams: Promise.resolve({}) })),
    ).resolves.toBeTruthy();
    expect(
      await db().auditLog.count({
        where: { workspaceId: ws.id, action: "audit.exported", actorUserId: { not: ws.admin.userId } },
      }),
    ).toBe(0);
  });

  it("never shows another workspace's rows, in the page or the file", async () => {
    const theirs = await db().auditLog.findMany({ where: { workspaceId: other.id }, select: { id: true } });
    const file = await (await exportCsv(ws.admin)).text();
    const shown = idsOf((await page({ actor: "system" })).rows).concat(idsOf((await page({})).rows));
    for (const { id } of theirs) expect(shown).not.toContain(id);
    expect(parseCsvRecords(file).some((r) => r.record.actor_id === other.admin.userId)).toBe(false);
    expect(parseCsvRecords(file).filter((r) => r.record.action !== "audit.exported")).toHaveLength(rows.length);
  });
});

describe("audit rows are append-only", () => {
  it("UPDATE and DELETE are refused, unless the transaction says it is retention", async () => {
    const [row] = await seed(ws.id, [
      {
        actorUserId: null,
        action: "rule.deleted",
        targetType: "keywordRule",
        targetId: "ckgone",
        createdAt: "2020-01-01T00:00:00Z",
      },
    ]);
    await expect(db().auditLog.update({ where: { id: row.id }, data: { action: "rule.created" } })).rejects.toThrow(
      /audit rows are append-only \(UPDATE refused\)/,
    );
    await expect(db().auditLog.delete({ where: { id: row.id } })).rejects.toThrow(
      /audit rows are append-only \(DELETE refused\)/,
    );
    await expect(execute(db(), sql`DELETE FROM "AuditLog" WHERE "id" = ${row.id}`)).rejects.toThrow(/append-only/);
    expect(await db().auditLog.findUnique({ where: { id: row.id } })).toMatchObject({ action: "rule.deleted" });

    await db().$transaction(async (tx) => {
      await query(tx, sql`SELECT set_config('earshot.audit_write', 'retention', true)`);
      await tx.auditLog.update({ where: { id: row.id }, data: { details: { retained: false } } });
      await tx.auditLog.delete({ where: { id: row.id } });
    });
    expect(await db().auditLog.findUnique({ where: { id: row.id } })).toBeNull();
    // The setting lasted only for that transaction.
    const [next] = await seed(ws.id, [
      {
        actorUserId: null,
        action: "rule.deleted",
        targetType: "keywordRule",
        targetId: "ckgone2",
        createdAt: "2020-01-02T00:00:00Z",
      },
    ]);
    await expect(db().auditLog.delete({ where: { id: next.id } })).rejects.toThrow(/append-only/);
  });
});

describe("sign-ins and API key use are audited", () => {
  let n = 0;
  const ip = () =>
    `2001:db8:a0d1:${(process.pid % 65536).toString(16)}:${uniqueSuffix().slice(0, 4)}::${(++n).toString(16)}`;

  it("a successful sign-in and a wrong password each write a row, with the address and never the password", async () => {
    const mine = await createTestWorkspace();
    const good = ip();
    const bad = ip();
    expect(await authenticate(mine.agent.email, TEST_PASSWORD, good)).toMatchObject({ ok: true });
    expect(await authenticate(mine.agent.email, "not the password", bad)).toMatchObject({ ok: false });
    const audited = await db().auditLog.findMany({
      where: { workspaceId: mine.id, action: { startsWith: "auth." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audited.map((a) => ({ ...a, id: undefined, createdAt: undefined }))).toEqual([
      {
        id: undefined,
        createdAt: undefined,
        workspaceId: mine.id,
        actorUserId: mine.agent.userId,
        action: "auth.sign_in",
        targetType: "User",
        targetId: mine.agent.userId,
        details: { ip: good, knownDevice: false },
      },
      {
        id: undefined,
        createdAt: undefined,
        workspaceId: mine.id,
        actorUserId: mine.agent.userId,
        action: "auth.sign_in_failed",
        targetType: "User",
        targetId: mine.agent.userId,
        details: { ip: bad, reason: "wrong_password" },
      },
    ]);
    expect(JSON.stringify(audited)).not.toContain("not the password");
    expect(JSON.stringify(audited)).not.toContain(TEST_PASSWORD);
    // Shown in the viewer under the actor.
    expect((await page({ actor: mine.agent.userId }, mine.id)).rows.map((r) => r.action)).toEqual([
      "auth.sign_in_failed",
      "auth.sign_in",
    ]);
  });

  it("a deactivated member's attempt is audited in their workspace; an unknown e-mail writes nothing", async () => {
    const mine = await createTestWorkspace();
    await db().membership.update({ where: { id: mine.agent.membershipId }, data: { active: false } });
    expect(await authenticate(mine.agent.email, TEST_PASSWORD, ip())).toMatchObject({ ok: false });
    const row = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: mine.id, action: "auth.sign_in_failed" },
    });
    expect(row).toMatchObject({ actorUserId: mine.agent.userId, details: { reason: "no_active_membership" } });
    // No user, so no workspace to audit in: no row (one would have no actor).
    const address = ip();
    expect(await authenticate(`nobody-${uniqueSuffix()}@test.earshot.dev`, TEST_PASSWORD, address)).toMatchObject({
      ok: false,
    });
    const failed = await db().auditLog.findMany({
      where: { action: "auth.sign_in_failed" },
      select: { details: true },
    });
    expect(JSON.stringify(failed)).not.toContain(address);
    expect(await db().auditLog.count({ where: { action: { startsWith: "auth.sign_in" }, actorUserId: null } })).toBe(0);
  });

  it("API key use writes at most one row per key per 10 minutes, and lastUsedAt on every use", async () => {
    const mine = await createTestWorkspace();
    const { key, id } = await createApiKey(mine.id, mine.admin.userId, "audit test");
    const header = `Bearer ${key}`;
    const used = () => db().auditLog.findMany({ where: { workspaceId: mine.id, action: "api_key.used" } });
    for (let i = 0; i < 3; i++) expect(await authenticateApiKey(header)).toEqual({ workspaceId: mine.id, keyId: id });
    const first = await used();
    expect(first).toEqual([
      expect.objectContaining({
        actorUserId: null,
        targetType: "apiKey",
        targetId: id,
        details: { name: "audit test", prefix: expect.stringMatching(/^[0-9a-f]{8}$/) },
      }),
    ]);
    const stamped = (await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt!;
    expect(stamped.getTime()).toBeGreaterThanOrEqual(first[0].createdAt.getTime());
    // Nine minutes later: still the same interval.
    await db().apiKey.update({
      where: { id },
      data: { lastUsedAt: new Date(Date.now() - KEY_USE_AUDIT_INTERVAL_MS + 60_000) },
    });
    await authenticateApiKey(header);
    expect(await used()).toHaveLength(1);
    // Eleven minutes after the last use: a new row.
    await db().apiKey.update({
      where: { id },
      data: { lastUsedAt: new Date(Date.now() - KEY_USE_AUDIT_INTERVAL_MS - 60_000) },
    });
    await authenticateApiKey(header);
    expect(await used()).toHaveLength(2);
    // Concurrent uses after a quiet interval still write one row.
    await db().apiKey.update({
      where: { id },
      data: { lastUsedAt: new Date(Date.now() - 2 * KEY_USE_AUDIT_INTERVAL_MS) },
    });
    await Promise.all(Array.from({ length: 5 }, () => authenticateApiKey(header)));
    expect(await used()).toHaveLength(3);
    // A wrong key writes nothing.
    expect(await authenticateApiKey(`Bearer ${key.slice(0, -4)}AAAA`)).toBeNull();
    expect(await used()).toHaveLength(3);
  });
});
