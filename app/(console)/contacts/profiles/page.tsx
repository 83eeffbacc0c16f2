import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { listUnlinkedProfiles } from "@/lib/contacts/list";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsNav } from "@/components/contacts/contacts-nav";
import { NetworkBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Unlinked profiles" };

export default async function ProfilesPage() {
  const user = await requireUser();
  const rows = await listUnlinkedProfiles(user.workspace.id, 100);
  return (
    <>
      <PageHeader title="Contacts" description="Authors not yet linked to a contact: those with suggestions first" />
      <ContactsNav active="profiles" canManage={roleAtLeast(user.role, "MANAGER")} />
      <div className="p-6">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="profile-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Profile</th>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Followers</th>
                <th className="px-3 py-2">Mentions</th>
                <th className="px-3 py-2">Best suggestion</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="px-3 py-2">
                    <span className="flex items-center gap-2">
                      <NetworkBadge network={p.network} />
                      <Link href={`/contacts/profiles/${p.id}`} className="text-indigo-700 hover:underline">
                        @{p.handle}
                      </Link>
                    </span>
                  </td>
                  <td className="px-3 py-2 text-slate-600">{p.displayName}</td>
                  <td className="px-3 py-2 text-slate-600">{p.followers?.toLocaleString("en") ?? "—"}</td>
                  <td className="px-3 py-2 text-slate-600">{p.mentions}</td>
                  <td className="px-3 py-2">
                    {p.topSuggestion ? (
                      <span>
                        {p.topSuggestion.name}{" "}
                        <span className="text-xs text-slate-500">
                          ({Math.round(p.topSuggestion.score * 100)}%
                          {p.suggestions > 1 ? `, +${p.suggestions - 1} more` : ""})
                        </span>
                      </span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
              {!rows.length && (
                <tr>
                  <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                    Every author is linked to a contact.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
