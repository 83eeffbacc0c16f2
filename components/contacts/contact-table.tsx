"use client";

import Link from "next/link";
import { useState } from "react";
import type { ContactListRow } from "@/lib/contacts/list";
import { NetworkBadge } from "@/components/ui/badges";
import { primaryButton } from "@/components/ui/buttons";

/** The contact list, with two rows selectable for a merge. */
export function ContactTable({ rows }: { rows: ContactListRow[] }) {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span>{selected.length ? `${selected.length} selected` : "Select two contacts to merge them."}</span>
        {selected.length === 2 && (
          <Link href={`/contacts/merge?a=${selected[0]}&b=${selected[1]}`} className={primaryButton}>
            Merge selected
          </Link>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="contact-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="w-8 px-3 py-2">
                <span className="sr-only">Select</span>
              </th>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">E-mail</th>
              <th className="px-3 py-2">Company</th>
              <th className="px-3 py-2">Tier</th>
              <th className="px-3 py-2">Identities</th>
              <th className="px-3 py-2">Open cases</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((c) => (
              <tr key={c.id} className={selected.includes(c.id) ? "bg-indigo-50" : undefined}>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${c.name}`}
                    checked={selected.includes(c.id)}
                    onChange={() => toggle(c.id)}
                  />
                </td>
                <td className="px-3 py-2 font-medium">
                  <Link href={`/contacts/${c.id}`} className="text-indigo-700 hover:underline">
                    {c.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-600">{c.email}</td>
                <td className="px-3 py-2 text-slate-600">{c.company}</td>
                <td className="px-3 py-2">
                  {c.tier && (
                    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">{c.tier}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {c.identities.map((i) => (
                      <span key={`${i.network}:${i.handle}`} className="flex items-center gap-1 text-xs text-slate-600">
                        <NetworkBadge network={i.network} />@{i.handle}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="px-3 py-2 text-slate-600">{c.openCases}</td>
              </tr>
            ))}
            {!rows.length && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No contacts match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
