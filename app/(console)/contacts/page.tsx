import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listContacts } from "@/lib/contacts/list";
import { ComingSoon, PageHeader } from "@/components/ui/page-header";
import { NetworkBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const user = await requireUser();
  const contacts = await listContacts(user.workspace.id);
  return (
    <>
      <PageHeader title="Contacts" description="Customers and their social identities" />
      <div className="space-y-4 p-6">
        <ComingSoon>Contact 360, linking, merging, search and import/export arrive with the contacts feature.</ComingSoon>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="contact-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">E-mail</th>
                <th className="px-3 py-2">Company</th>
                <th className="px-3 py-2">Tier</th>
                <th className="px-3 py-2">Identities</th>
                <th className="px-3 py-2">Open cases</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-2 font-medium">{c.name}</td>
                  <td className="px-3 py-2 text-slate-600">{c.email}</td>
                  <td className="px-3 py-2 text-slate-600">{c.company}</td>
                  <td className="px-3 py-2">{c.tier && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">{c.tier}</span>}</td>
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
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
