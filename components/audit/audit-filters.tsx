import Link from "next/link";
import { SYSTEM_ACTOR, chosenType, type AuditQuery } from "@/lib/audit/viewer-query";
import type { AuditActor } from "@/lib/audit/viewer";
import { primaryButton } from "@/components/ui/buttons";

// The audit log's filter form: a plain GET form (no script needed), so every filtered view
// is a link an admin can share, and the contact page can link to a contact's rows.

const field = "rounded-md border border-slate-300 px-2 py-1 text-sm";

export function AuditFilters({
  query,
  actors,
  actions,
  prefixes,
  targetTypes,
}: {
  query: AuditQuery;
  actors: AuditActor[];
  actions: string[];
  prefixes: string[];
  targetTypes: string[];
}) {
  // The URL's object type selects its choice whatever its case; a type no row holds yet stays
  // selectable, so the form shows the filter in force.
  const objectType = query.objectType ? chosenType(query.objectType, targetTypes) : "";
  const types = objectType && !targetTypes.includes(objectType) ? [objectType, ...targetTypes] : targetTypes;
  const allActions =
    query.action && ![...actions, ...prefixes].includes(query.action) ? [query.action, ...actions] : actions;
  return (
    <form
      method="get"
      action="/admin/audit"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 text-sm"
    >
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Actor</span>
        <select name="actor" defaultValue={query.actor ?? ""} className={field}>
          <option value="">Anyone</option>
          <option value={SYSTEM_ACTOR}>System (no user)</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email}){a.active ? "" : " — deactivated"}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Kind</span>
        <select name="action" defaultValue={query.action ?? ""} className={field}>
          <option value="">Any action</option>
          {prefixes.length > 0 && (
            <optgroup label="Families">
              {prefixes.map((p) => (
                <option key={p} value={p}>
                  {p}*
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Actions">
            {allActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Object type</span>
        <select name="objectType" defaultValue={objectType} className={field}>
          <option value="">Any object</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Object id</span>
        <input name="objectId" defaultValue={query.objectId ?? ""} className={`${field} w-52`} spellCheck={false} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">From</span>
        <input type="date" name="from" defaultValue={query.from ?? ""} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">To</span>
        <input type="date" name="to" defaultValue={query.to ?? ""} className={field} />
      </label>
      <button type="submit" className={primaryButton}>
        Apply
      </button>
      <Link href="/admin/audit" className="py-1.5 text-indigo-700 hover:underline">
        Clear
      </Link>
    </form>
  );
}
