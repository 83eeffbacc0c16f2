import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CONTACT_FIELD_NAMES, FIELD_LABELS, sameValue, type ContactFieldName, type ContactFields } from "./fields";
import { contactFieldSelect, fieldsOf, toData } from "./contacts";
import { refreshContactKeys } from "./key-store";
import { linkForContacts } from "./linking/link-identities";
import { parseImportRow, type ImportMapping, type RowFields } from "./import-plan";

// Importing a chunk of CSV rows: each row creates a contact, updates the one it matches (by
// Earshot id, then external id, then e-mail), is unchanged, or is rejected with its reason.
// A dry run computes exactly the same report and writes nothing. Re-importing the same file
// changes nothing: list fields gain entries but never lose them, empty cells keep values.

export interface ImportRowResult {
  line: number;
  action: "create" | "update" | "unchanged" | "reject";
  name: string | null;
  contactId: string | null;
  reason?: string;
  changes?: string[];
}

export interface ImportReport {
  dryRun: boolean;
  results: ImportRowResult[];
  counts: Record<ImportRowResult["action"], number>;
}

const LIST_FIELDS = new Set<ContactFieldName>(["emails", "phones", "tags", "websites"]);

function applyRow(current: ContactFields, incoming: RowFields["fields"]): ContactFields {
  const next = { ...current } as Record<ContactFieldName, unknown>;
  for (const f of CONTACT_FIELD_NAMES) {
    const value = incoming[f];
    if (value === undefined || value === null) continue;
    if (LIST_FIELDS.has(f)) next[f] = [...new Set([...(current[f] as string[]), ...(value as string[])])];
    else if (f === "handles") {
      const merged: Record<string, string[]> = { ...current.handles };
      for (const [n, list] of Object.entries(value as Record<string, string[]>)) merged[n] = [...new Set([...(merged[n] ?? []), ...list])];
      next.handles = merged;
    } else if (f === "customFields") next.customFields = { ...current.customFields, ...(value as Record<string, string>) };
    else next[f] = value;
  }
  return next as ContactFields;
}

const EMPTY: ContactFields = { name: "", emails: [], phones: [], company: null, tier: null, tags: [], location: null, websites: [], handles: {}, customFields: {}, externalId: null };

export async function importContacts(
  workspaceId: string,
  actorUserId: string | null,
  input: { rows: Array<{ line: number; record: Record<string, string> }>; mapping: ImportMapping; dryRun: boolean },
): Promise<ImportReport> {
  const parsed = input.rows.map((r) => ({ line: r.line, result: parseImportRow(r.record, input.mapping) }));
  const valid = parsed.flatMap((p) => (p.result.ok ? [{ line: p.line, row: p.result.row }] : []));
  const ids = valid.map((v) => v.row.id).filter((x): x is string => !!x);
  const externalIds = valid.map((v) => v.row.fields.externalId).filter((x): x is string => !!x);
  const emails = valid.flatMap((v) => v.row.fields.emails ?? []);

  const run = async (tx: Prisma.TransactionClient): Promise<ImportReport> => {
    // Everything the rows could match, in three queries; merged contacts lead to their survivor.
    const [byId, byExternal, byEmail] = await Promise.all([
      ids.length ? tx.contact.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, mergedIntoId: true } }) : [],
      externalIds.length ? tx.contact.findMany({ where: { workspaceId, externalId: { in: externalIds } }, select: { id: true, externalId: true, mergedIntoId: true }, orderBy: { createdAt: "asc" } }) : [],
      emails.length ? tx.contactKey.findMany({ where: { workspaceId, kind: "email", value: { in: emails } }, select: { contactId: true, value: true } }) : [],
    ]);
    const live = (c: { id: string; mergedIntoId: string | null }) => c.mergedIntoId ?? c.id;
    const idMap = new Map(byId.map((c) => [c.id, live(c)]));
    const externalMap = new Map<string, string>();
    for (const c of byExternal) if (c.externalId && !externalMap.has(c.externalId)) externalMap.set(c.externalId, live(c));
    const emailMap = new Map<string, Set<string>>();
    for (const k of byEmail) emailMap.set(k.value, (emailMap.get(k.value) ?? new Set()).add(k.contactId));
    const targetIds = new Set([...idMap.values(), ...externalMap.values(), ...byEmail.map((k) => k.contactId)]);
    const existing = new Map(
      (targetIds.size ? await tx.contact.findMany({ where: { workspaceId, id: { in: [...targetIds] } }, select: contactFieldSelect }) : []).map((c) => [c.id, { fields: fieldsOf(c), name: c.name }]),
    );
    // Rows earlier in this chunk that created a contact, so that a repeated row updates it.
    const pending = new Map<string, { contactId: string; fields: ContactFields; created: boolean }>();
    const touched = new Set<string>();
    const results: ImportRowResult[] = [];
    let createdCount = 0;

    for (const p of parsed) {
      if (!p.result.ok) {
        results.push({ line: p.line, action: "reject", name: null, contactId: null, reason: p.result.reason });
        continue;
      }
      const row = p.result.row;
      const f = row.fields;
      let target: string | null = null;
      let reason: string | undefined;
      const rowEmails = f.emails ?? [];
      const pendingKey = [row.id && `id:${row.id}`, f.externalId && `ext:${f.externalId}`, ...rowEmails.map((e) => `email:${e}`)].filter(Boolean) as string[];
      const inChunk = pendingKey.map((k) => pending.get(k)).find(Boolean);
      if (row.id) {
        target = idMap.get(row.id) ?? null;
        if (!target) reason = `No contact has the Earshot id ${row.id}.`;
      } else if (f.externalId && externalMap.has(f.externalId)) target = externalMap.get(f.externalId)!;
      else if (!inChunk) {
        const matches = new Set(rowEmails.flatMap((e) => [...(emailMap.get(e) ?? [])]));
        if (matches.size > 1) reason = `Its e-mails match ${matches.size} different contacts (${[...matches].map((id) => existing.get(id)?.name ?? id).join(", ")}); merge them first or give an external id.`;
        else if (matches.size === 1) target = [...matches][0];
      }
      if (reason) {
        results.push({ line: p.line, action: "reject", name: f.name ?? null, contactId: null, reason });
        continue;
      }
      if (!target && inChunk) target = inChunk.contactId;
      const base = target ? (pending.get(`contact:${target}`)?.fields ?? existing.get(target)?.fields) : undefined;
      if (target && !base) {
        results.push({ line: p.line, action: "reject", name: f.name ?? null, contactId: null, reason: "The matching contact no longer exists." });
        continue;
      }
      if (!target) {
        if (!f.name) {
          results.push({ line: p.line, action: "reject", name: null, contactId: null, reason: "A new contact needs a name (map a name column, or first and last name)." });
          continue;
        }
        const fields = applyRow(EMPTY, f);
        let contactId = `new-${p.line}`;
        if (!input.dryRun) {
          contactId = (await tx.contact.create({ data: { workspaceId, ...toData(fields) }, select: { id: true } })).id;
          if (row.note) await tx.contactNote.create({ data: { workspaceId, contactId, authorUserId: actorUserId, body: row.note } });
          touched.add(contactId);
        }
        createdCount++;
        const entry = { contactId, fields, created: true };
        for (const k of [...pendingKey, `contact:${contactId}`]) pending.set(k, entry);
        results.push({ line: p.line, action: "create", name: fields.name, contactId: input.dryRun ? null : contactId });
        continue;
      }
      const next = applyRow(base!, f);
      const changes = CONTACT_FIELD_NAMES.filter((k) => !sameValue(base![k], next[k]));
      const name = next.name;
      if (!changes.length && !row.note) {
        results.push({ line: p.line, action: "unchanged", name, contactId: target.startsWith("new-") ? null : target });
        continue;
      }
      if (!input.dryRun) {
        if (changes.length) await tx.contact.update({ where: { id: target }, data: { ...toData(next), version: { increment: 1 } } });
        // A note is added once: the same text again is not a new note.
        if (row.note && !(await tx.contactNote.findFirst({ where: { workspaceId, contactId: target, body: row.note }, select: { id: true } }))) {
          await tx.contactNote.create({ data: { workspaceId, contactId: target, authorUserId: actorUserId, body: row.note } });
        } else if (!changes.length) {
          results.push({ line: p.line, action: "unchanged", name, contactId: target });
          continue;
        }
        touched.add(target);
      }
      const entry = { contactId: target, fields: next, created: false };
      for (const k of [...pendingKey, `contact:${target}`]) pending.set(k, entry);
      results.push({ line: p.line, action: "update", name, contactId: target.startsWith("new-") ? null : target, changes: changes.map((c) => FIELD_LABELS[c]) });
    }
    if (!input.dryRun && touched.size) {
      await refreshContactKeys(tx, workspaceId, touched);
      await linkForContacts(tx, workspaceId, [...touched], { actorUserId });
      await writeAudit(tx, {
        workspaceId, actorUserId, action: "contact.import", targetType: "Contact",
        details: { lines: [parsed[0]?.line, parsed[parsed.length - 1]?.line], created: createdCount, updated: results.filter((r) => r.action === "update").length } as Prisma.InputJsonValue,
      });
    }
    const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
    for (const r of results) counts[r.action]++;
    return { dryRun: input.dryRun, results, counts };
  };
  // The dry run reads inside a transaction too, so it sees one consistent state.
  return db().$transaction(run, { timeout: 120_000, maxWait: 30_000 });
}
