// Erasure, proved the way the issue asks: a person whose posts, names, e-mails and handles carry
// unique marker strings is erased; then every text, varchar, array and JSON column of every table
// is scanned for the markers (none may be left), while the workspace's dashboard totals for the
// period are unchanged and another customer's data is untouched. Also: the preview's counts, the
// confirmation that names the person, and a job stopped halfway that resumes to the same end.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { parseFormat } from "@/lib/ingest/formats";
import { createContact, addContactNote, updateContact } from "@/lib/contacts/contacts";
import { linkIdentity } from "@/lib/contacts/identity-links";
import { mergeContacts } from "@/lib/contacts/merge";
import { contactFieldsSchema } from "@/lib/contacts/fields";
import { correctSentiment } from "@/lib/enrich/learn/store";
import { replyToCase } from "@/lib/cases/update";
import { drainMentionQueue } from "@/lib/metrics/mention-queue";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { eraseSubject, previewErasure, resumeErasureJobs, runErasureJob } from "@/lib/privacy/erase";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";
import { earshot } from "../support/cli";

const fields = (v: Record<string, unknown>) => contactFieldsSchema.parse(v);

/** Posts by one author as JSON lines, each mentioning the brand. */
function posts(author: { id: string; handle: string; name: string; bio: string; email: string }, texts: string[]) {
  return texts
    .map((text, i) =>
      JSON.stringify({
        network: "mastodon",
        externalId: `${author.id}-${i}-${uniqueSuffix()}`,
        url: `https://social.example/@${author.handle}/${i}`,
        createdAt: new Date(Date.UTC(2026, 10, 3 + i, 9 + i)).toISOString(),
        text,
        title: i === 0 ? `Title ${text.slice(0, 30)}` : undefined,
        author: {
          accountId: author.id,
          handle: author.handle,
          displayName: author.name,
          bio: author.bio,
          email: author.email,
          followers: 500 + i,
          profileUrl: `https://social.example/@${author.handle}`,
        },
      }),
    )
    .join("\n");
}

async function setup() {
  const ws = await createTestWorkspace();
  const run = uniqueSuffix()
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();
  const m = {
    post: `zqpost${run}`,
    name: `Zqname${run}`,
    handle: `zqhandle${run}`,
    mail: `zqmail${run}@example.org`,
    note: `zqnote${run}`,
    bio: `zqbio${run}`,
    id: `zqacct${run}`,
  };
  await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist: ["localhost"] } } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: `Northwind ${run}` } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
  // A webhook endpoint: mention.created deliveries carry the post's text and author.
  await createEndpoint(ws.id, ws.admin.userId, { url: "https://hooks.example.com/crm", events: ["mention.created"] });
  const person = { id: m.id, handle: m.handle, name: `Jane ${m.name} Doe`, bio: `I fly a lot ${m.bio}`, email: m.mail };
  const other = {
    id: `other${run}`,
    handle: `keeper${run}`,
    name: "Kim Keeper",
    bio: "Frequent flyer",
    email: `kim${run}@example.net`,
  };
  const texts = Array.from({ length: 12 }, (_, i) => `Northwind lost my bag again ${m.post} day ${i} help`);
  await ingestEvents(ws.id, parseFormat("jsonl", posts(person, texts)));
  await ingestEvents(ws.id, parseFormat("jsonl", posts(other, ["Northwind was lovely today, thanks crew"])));
  const identity = await db().socialIdentity.findFirstOrThrow({ where: { workspaceId: ws.id, accountId: m.id } });
  const contact = await createContact(
    ws.id,
    ws.admin.userId,
    fields({ name: `Jane ${m.name} Doe`, emails: [m.mail], phones: ["+44 20 7946 0958"], company: `Acme ${m.name}` }),
  );
  await linkIdentity(ws.id, ws.admin.userId, {
    identityId: identity.id,
    contactId: contact.id,
    expectedContactId: null,
  });
  await addContactNote(ws.id, ws.admin.userId, contact.id, `Called back, ${m.note}`);
  // A second record of her, merged in: the merge keeps a snapshot with her details.
  const dup = await createContact(ws.id, ws.admin.userId, fields({ name: `J. ${m.name}`, emails: [`alt.${m.mail}`] }));
  const survivor = await db().contact.findUniqueOrThrow({ where: { id: contact.id } });
  await mergeContacts(ws.id, ws.admin.userId, {
    survivorId: contact.id,
    mergedId: dup.id,
    survivorVersion: survivor.version,
    mergedVersion: 0,
    choices: {},
  });
  const latest = await db().contact.findUniqueOrThrow({ where: { id: contact.id } });
  await updateContact(
    ws.id,
    ws.admin.userId,
    contact.id,
    latest.version,
    {},
    fields({ name: `Jane ${m.name} Doe`, emails: [m.mail], tier: "gold" }),
  );
  // A learned correction from one of her posts, and an agent's reply naming her in her case.
  const mention = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, authorId: identity.id } });
  await correctSentiment(ws.id, ws.agent.userId, mention.id, "NEGATIVE");
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id, authorId: identity.id } });
  await replyToCase(ws.id, ws.agent.userId, {
    caseId: kase.id,
    version: kase.version,
    body: `Hi Jane ${m.name}, sorry @${m.handle}, we will write to ${m.mail}.`,
    confirmStale: true,
  });
  await drainMentionQueue(ws.id); // terms and authors into the rollups, as the worker does
  return { ws, m, contact, identity, kase };
}

/** Every text-like column of every table, and how many rows hold the marker. */
async function scan(markers: string[]) {
  const columns = await query<{ table: string; column: string }>(
    db(),
    sql`SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'character') OR c.udt_name IN ('_text', '_varchar'))`,
  );
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await query<{ n: number }>(
      db(),
      sql`SELECT count(*)::int AS "n" FROM ${sql([`"${table}"`] as unknown as TemplateStringsArray)}
          WHERE ${sql([`"${column}"`] as unknown as TemplateStringsArray)}::text ILIKE ANY(${markers.map((x) => `%${x}%`)})`,
    );
    if (row.n) found.push(`${table}.${column} (${row.n})`);
  }
  return { tables: new Set(columns.map((c) => c.table)).size, columns: columns.length, found };
}

const totals = async (workspaceId: string) =>
  (
    await query<{ mentions: number; deleted: number }>(
      db(),
      sql`SELECT coalesce(sum("mentions"), 0)::int AS "mentions", coalesce(sum("deleted"), 0)::int AS "deleted" FROM "MentionStat" WHERE "workspaceId" = ${workspaceId}`,
    )
  )[0];

describe("erasure of a person", () => {
  it("leaves none of their markers in any column of any table, and the dashboard totals unchanged", async () => {
    const { ws, m, contact } = await setup();
    const markers = Object.values(m);
    const before = await scan(markers);
    expect(before.found.length).toBeGreaterThan(10); // the markers really were everywhere
    const totalsBefore = await totals(ws.id);

    const preview = await previewErasure(ws.id, { contactId: contact.id });
    expect(preview.person.name).toBe(`Jane ${m.name} Doe`);
    expect(preview.counts).toMatchObject({
      contacts: 2,
      identities: 1,
      mentions: 12,
      notes: 1,
      merges: 1,
      sentimentLabels: 1,
    });
    await expect(eraseSubject(ws.id, ws.admin.userId, { contactId: contact.id }, "Somebody Else")).rejects.toThrow(
      /Type the person's name/,
    );
    const { counts } = await eraseSubject(ws.id, ws.admin.userId, { contactId: contact.id }, `jane ${m.name} doe`);
    expect(counts).toMatchObject({ mentions: 12, identities: 1, contacts: 2 });

    const after = await scan(markers);
    console.log(
      `[erasure] scanned ${after.columns} text/varchar/array/JSON columns in ${after.tables} tables: ${after.found.length} hold a marker`,
    );
    expect(after.found).toEqual([]);
    expect(await totals(ws.id)).toEqual(totalsBefore);
    // The other customer is untouched; the erased mentions remain as anonymous counted rows.
    expect(await db().socialIdentity.count({ where: { workspaceId: ws.id, handle: { startsWith: "keeper" } } })).toBe(
      1,
    );
    expect(await db().mention.count({ where: { workspaceId: ws.id, redactedAt: { not: null }, text: "" } })).toBe(12);
    expect(await db().mention.count({ where: { workspaceId: ws.id, text: { contains: "lovely" } } })).toBe(1);
    // The erasure is one audited operation, without the person in it.
    const audit = await db().auditLog.findMany({
      where: { workspaceId: ws.id, action: { startsWith: "privacy.eras" } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["privacy.erased", "privacy.erasure_started"]);
  });

  it("resumes a job its process left halfway, and ends where an uninterrupted one does", async () => {
    const { ws, m, contact } = await setup();
    const markers = Object.values(m);
    const totalsBefore = await totals(ws.id);
    const { jobId } = await eraseSubject(ws.id, ws.admin.userId, { contactId: contact.id }, `Jane ${m.name} Doe`, {
      crashAfter: "cases",
    });
    // Halfway: the job says it is unfinished, and it is (the person's own rows are still there).
    expect(await db().erasureJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ state: "running" });
    expect((await scan(markers)).found.length).toBeGreaterThan(0);
    expect(await resumeErasureJobs()).toBeGreaterThanOrEqual(1);
    expect(await db().erasureJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      state: "done",
      plan: {},
    });
    expect((await scan(markers)).found).toEqual([]);
    expect(await totals(ws.id)).toEqual(totalsBefore);
    // Resuming a finished job changes nothing.
    await runErasureJob(jobId);
    expect((await scan(markers)).found).toEqual([]);
  });

  it("erases one social identity without a contact, and its future posts are dropped", async () => {
    const { ws, m } = await setup();
    const preview = await previewErasure(ws.id, { network: "mastodon", accountId: m.id });
    expect(preview.counts).toMatchObject({ identities: 1, mentions: 12 });
    await eraseSubject(ws.id, ws.admin.userId, { network: "mastodon", accountId: m.id }, preview.person.name);
    expect(await db().socialIdentity.count({ where: { workspaceId: ws.id, accountId: m.id } })).toBe(0);
    const person = { id: m.id, handle: m.handle, name: "Back Again", bio: "", email: "" };
    const summary = await ingestEvents(ws.id, parseFormat("jsonl", posts(person, [`Northwind hello again ${m.post}`])));
    expect(summary).toMatchObject({ accepted: 0, ignored: 1 });
    expect(await db().socialIdentity.count({ where: { workspaceId: ws.id, accountId: m.id } })).toBe(0);
  });

  it("works from the CLI: --dry-run shows what would go, --yes erases", { timeout: 120_000 }, async () => {
    const { ws, m, contact } = await setup();
    const slug = (await db().workspace.findUniqueOrThrow({ where: { id: ws.id } })).slug;
    const dry = await earshot(["privacy", "erase", "--workspace", slug, "--contact", contact.id, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).preview).toMatchObject({
      person: { name: `Jane ${m.name} Doe` },
      counts: { mentions: 12 },
    });
    expect(await db().contact.count({ where: { id: contact.id } })).toBe(1);
    const bad = await earshot(["privacy", "erase", "--workspace", slug, "--identity", "nocolon", "--yes"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("NETWORK:ACCOUNT_ID");
    const done = await earshot(["privacy", "erase", "--workspace", slug, "--contact", contact.id, "--yes"]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('"erased":true');
    expect(await db().contact.count({ where: { id: contact.id } })).toBe(0);
  });
});
