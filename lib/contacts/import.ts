import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CONTACT_FIELD_NAMES, FIELD_LABELS, sameValue, type ContactFieldName, type ContactFields } from "./fields";
import { compareNames } from "./linking/name-match";
import { nameKey } from "./normalize";
import { contactFieldSelect, fieldsOf, toData } from "./contacts";
import { refreshContactKeys } from "./key-store";
import { linkForContacts } from "./linking/link-identities";
import { parseImportRow, type ImportMapping, type RowFields } from "./import-plan";

// Importing a chunk of CSV rows: each row creates a contact, updates the one it matches (by
// Earshot id, then external id, then e-mail), is unchanged, is rejected with its reason, or
// is a conflict. A dry run computes exactly the same report and writes nothing. Re-importing
// the same file changes nothing: list fields gain entries but never lose them, empty cells
// keep values.
//
// A shared e-mail is not identity. Families and teams share mailboxes, so an e-mail match
// alone never changes who a contact is: a row whose external id differs from the contact's
// never matches it by e-mail, and a row that would rename the contact (another person's name)
// or give it an external id on the strength of an e-mail alone is a conflict. Conflicts are
// reported and skipped, or created as separate contacts when the user chooses so; never
// applied silently.

export type ConflictChoice = "skip" | "create";

export interface ImportRowResult {
  line: number;
  action: "create" | "update" | "unchanged" | "reject" | "conflict";
  name: string | null;
  /** The contact created or updated; for a conflict, the contact the row collided with. */
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
      for (const [n, list] of Object.entries(value as Record<string, string[]>))
        merged[n] = [...new Set([...(merged[n] ?? []), ...list])];
      next.handles = merged;
    } else if (f === "customFields")
      next.customFields = { ...current.customFields, ...(value as Record<string, string>) };
    else next[f] = value;
  }
  return next as ContactFields;
}

const EMPTY: ContactFields = {
  name: "",
  emails: [],
  phones: [],
  company: null,
  tier: null,
  tags: [],
  location: null,
  websites: [],
  handles: {},
  customFields: {},
  externalId: null,
};

/** Whether a row's name and a contact's name are the same person ("Bob Lee" / "Robert Lee", "Lee, Ann" / "Ann Lee"). */
function samePerson(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b) || compareNames(a, b).score >= 0.8;
}

export async function importContacts(
  workspaceId: string,
  actorUserId: string | null,
  input: {
    rows: Array<{ line: number; record: Record<string, string> }>;
    mapping: ImportMapping;
    dryRun: boolean;
    onConflict?: ConflictChoice;
  },
): Promise<ImportReport> {
  const onConflict = input.onConflict ?? "skip";
  const parsed = input.rows.map((r) => ({ line: r.line, result: parseImportRow(r.record, input.mapping) }));
  const valid = parsed.flatMap((p) => (p.result.ok ? [{ line: p.line, row: p.result.row }] : []));
  const ids = valid.map((v) => v.row.id).filter((x): x is string => !!x);
  const externalIds = valid.map((v) => v.row.fields.externalId).filter((x): x is string => !!x);
  const emails = valid.flatMap((v) => v.row.fields.emails ?? []);

  const run = async (tx: Prisma.TransactionClient): Promise<ImportReport> => {
    // Everything the rows could match, in three queries; merged contacts lead to their survivor.
    const [byId, byExternal, byEmail] = await Promise.all([
      ids.length
        ? tx.contact.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, mergedIntoId: true } })
        : [],
      externalIds.length
        ? tx.contact.findMany({
            where: { workspaceId, externalId: { in: externalIds } },
            select: { id: true, externalId: true, mergedIntoId: true },
            orderBy: { createdAt: "asc" },
          })
        : [],
      emails.length
        ? tx.contactKey.findMany({
            where: { workspaceId, kind: "email", value: { in: emails } },
            select: { contactId: true, value: true },
          })
        : [],
    ]);
    const live = (c: { id: string; mergedIntoId: string | null }) => c.mergedIntoId ?? c.id;
    const idMap = new Map(byId.map((c) => [c.id, live(c)]));
    // What the chunk knows, kept current as rows create and update contacts.
    const byExternalId = new Map<string, string>();
    for (const c of byExternal)
      if (c.externalId && !byExternalId.has(c.externalId)) byExternalId.set(c.externalId, live(c));
    const byMail = new Map<string, Set<string>>();
    for (const k of byEmail) byMail.set(k.value, (byMail.get(k.value) ?? new Set()).add(k.contactId));
    const targetIds = new Set([...idMap.values(), ...byExternalId.values(), ...byEmail.map((k) => k.contactId)]);
    const current = new Map<string, ContactFields>(
      (targetIds.size
        ? await tx.contact.findMany({
            where: { workspaceId, id: { in: [...targetIds] }, mergedIntoId: null },
            select: contactFieldSelect,
          })
        : []
      ).map((c) => [c.id, fieldsOf(c)]),
    );
    const remember = (contactId: string, fields: ContactFields) => {
      current.set(contactId, fields);
      if (fields.externalId && !byExternalId.has(fields.externalId)) byExternalId.set(fields.externalId, contactId);
      for (const e of fields.emails) byMail.set(e, (byMail.get(e) ?? new Set()).add(contactId));
    };
    const nameOf = (id: string) => current.get(id)?.name ?? id;
    const shown = (id: string) => (id.startsWith("new-") ? null : id);
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
      const match = matchRow(row, { idMap, byExternalId, byMail, current, nameOf });
      if (match.kind === "reject") {
        results.push({ line: p.line, action: "reject", name: f.name ?? null, contactId: null, reason: match.reason });
        continue;
      }
      if (match.kind === "conflict" && onConflict === "skip") {
        results.push({
          line: p.line,
          action: "conflict",
          name: f.name ?? null,
          contactId: shown(match.with),
          reason: `${match.reason} Skipped: import again choosing "create separate contacts" to add it as a new contact.`,
        });
        continue;
      }
      const target = match.kind === "update" ? match.contactId : null;
      const base = target ? current.get(target) : undefined;
      if (target && !base) {
        results.push({
          line: p.line,
          action: "reject",
          name: f.name ?? null,
          contactId: null,
          reason: "The matching contact no longer exists.",
        });
        continue;
      }
      if (!target) {
        if (!f.name) {
          results.push({
            line: p.line,
            action: "reject",
            name: null,
            contactId: null,
            reason:
              match.kind === "conflict"
                ? `${match.reason} A separate contact needs a name.`
                : "A new contact needs a name (map a name column, or first and last name).",
          });
          continue;
        }
        const fields = applyRow(EMPTY, f);
        let contactId = `new-${p.line}`;
        if (!input.dryRun) {
          contactId = (await tx.contact.create({ data: { workspaceId, ...toData(fields) }, select: { id: true } })).id;
          if (row.note)
            await tx.contactNote.create({
              data: { workspaceId, contactId, authorUserId: actorUserId, body: row.note },
            });
          touched.add(contactId);
        }
        createdCount++;
        remember(contactId, fields);
        const reason =
          match.kind === "conflict"
            ? `Created separately: ${match.reason}`
            : match.kind === "create"
              ? match.note
              : undefined;
        results.push({
          line: p.line,
          action: "create",
          name: fields.name,
          contactId: input.dryRun ? null : contactId,
          ...(reason ? { reason } : {}),
        });
        continue;
      }
      const next = applyRow(base!, f);
      const changes = CONTACT_FIELD_NAMES.filter((k) => !sameValue(base![k], next[k]));
      const name = next.name;
      if (!changes.length && !row.note) {
        results.push({ line: p.line, action: "unchanged", name, contactId: shown(target) });
        continue;
      }
      if (!input.dryRun) {
        if (changes.length)
          await tx.contact.update({ where: { id: target }, data: { ...toData(next), version: { increment: 1 } } });
        // A note is added once: the same text again is not a new note.
        if (
          row.note &&
          !(await tx.contactNote.findFirst({
            where: { workspaceId, contactId: target, body: row.note },
            select: { id: true },
          }))
        ) {
          await tx.contactNote.create({
            data: { workspaceId, contactId: target, authorUserId: actorUserId, body: row.note },
          });
        } else if (!changes.length) {
          results.push({ line: p.line, action: "unchanged", name, contactId: target });
          continue;
        }
        touched.add(target);
      }
      remember(target, next);
      results.push({
        line: p.line,
        action: "update",
        name,
        contactId: shown(target),
        changes: changes.map((c) => FIELD_LABELS[c]),
      });
    }
    if (!input.dryRun && touched.size) {
      await refreshContactKeys(tx, workspaceId, touched);
      await linkForContacts(tx, workspaceId, [...touched], { actorUserId });
      await writeAudit(tx, {
        workspaceId,
        actorUserId,
        action: "contact.import",
        targetType: "Contact",
        details: {
          lines: [parsed[0]?.line, parsed[parsed.length - 1]?.line],
          created: createdCount,
          updated: results.filter((r) => r.action === "update").length,
          conflicts: results.filter((r) => r.action === "conflict").length,
          onConflict,
        } as Prisma.InputJsonValue,
      });
    }
    const counts = { create: 0, update: 0, unchanged: 0, reject: 0, conflict: 0 };
    for (const r of results) counts[r.action]++;
    return { dryRun: input.dryRun, results, counts };
  };
  // The dry run reads inside a transaction too, so it sees one consistent state.
  return db().$transaction(run, { timeout: 120_000, maxWait: 30_000 });
}

type RowMatch =
  | { kind: "update"; contactId: string }
  | { kind: "create"; note?: string }
  | { kind: "conflict"; with: string; reason: string }
  | { kind: "reject"; reason: string };

interface MatchState {
  idMap: Map<string, string>;
  byExternalId: Map<string, string>;
  byMail: Map<string, Set<string>>;
  current: Map<string, ContactFields>;
  nameOf: (id: string) => string;
}

/**
 * Which contact a row is: its Earshot id, else its external id, else its e-mail, where an
 * e-mail may only confirm the person the row names and never make one person into another.
 */
export function matchRow(row: RowFields, s: MatchState): RowMatch {
  const f = row.fields;
  if (row.id) {
    const id = s.idMap.get(row.id);
    return id
      ? { kind: "update", contactId: id }
      : { kind: "reject", reason: `No contact has the Earshot id ${row.id}.` };
  }
  if (f.externalId && s.byExternalId.has(f.externalId))
    return { kind: "update", contactId: s.byExternalId.get(f.externalId)! };
  const rowEmails = f.emails ?? [];
  const byEmail = [...new Set(rowEmails.flatMap((e) => [...(s.byMail.get(e) ?? [])]))].filter((id) =>
    s.current.has(id),
  );
  // A contact that carries another external id is another record, whatever e-mail it shares.
  const otherRecords = byEmail.filter(
    (id) => !!f.externalId && !!s.current.get(id)!.externalId && s.current.get(id)!.externalId !== f.externalId,
  );
  const candidates = byEmail.filter((id) => !otherRecords.includes(id));
  const sharedWith = (ids: string[]) => ids.map(s.nameOf).join(", ");
  const mailOf = (id: string) => rowEmails.find((e) => s.byMail.get(e)?.has(id)) ?? rowEmails[0];
  if (f.name) {
    const same = candidates.filter((id) => samePerson(f.name!, s.current.get(id)!.name));
    if (same.length === 1) return { kind: "update", contactId: same[0] };
    if (same.length > 1)
      return {
        kind: "reject",
        reason: `Its e-mails match ${same.length} different contacts named like “${f.name}” (${sharedWith(same)}); merge them first or give an external id.`,
      };
    if (candidates.length) {
      const other = candidates[0];
      return {
        kind: "conflict",
        with: other,
        reason: `The e-mail ${mailOf(other)} belongs to ${sharedWith(candidates)}, and this row names “${f.name}”: a shared e-mail is not the same person, so ${s.nameOf(other)} was not changed.`,
      };
    }
    return otherRecords.length
      ? {
          kind: "create",
          note: `Shares ${mailOf(otherRecords[0])} with ${sharedWith(otherRecords)} (a different external id): a separate contact.`,
        }
      : { kind: "create" };
  }
  if (candidates.length > 1)
    return {
      kind: "reject",
      reason: `Its e-mails match ${candidates.length} different contacts (${sharedWith(candidates)}); merge them first or give an external id.`,
    };
  if (candidates.length === 1) {
    const contact = s.current.get(candidates[0])!;
    // Giving a contact an external id on an e-mail alone could make it someone else's record.
    if (f.externalId && !contact.externalId) {
      return {
        kind: "conflict",
        with: candidates[0],
        reason: `The row has no name to confirm that ${contact.name} (by the e-mail ${mailOf(candidates[0])}) is the record ${f.externalId}, so that external id was not given to ${contact.name}.`,
      };
    }
    return { kind: "update", contactId: candidates[0] };
  }
  return { kind: "create" };
}
