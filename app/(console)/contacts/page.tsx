import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { listContacts } from "@/lib/contacts/list";
import { searchContacts } from "@/lib/contacts/search";
import { PageHeader } from "@/components/ui/page-header";
import { ContactTable } from "@/components/contacts/contact-table";
import { ContactsNav } from "@/components/contacts/contacts-nav";
import { primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { cleanText, firstValue, isSafeText, type SearchParams } from "@/lib/util/params";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const params = await searchParams;
  // Whatever the address bar holds (NUL, broken Unicode, 10,000 characters): a clean query or none.
  const rawQ = firstValue(params.q);
  const query = typeof rawQ === "string" ? cleanText(rawQ.slice(0, 1000)).trim().slice(0, 200) : "";
  const rawAfter = firstValue(params.after);
  const after = typeof rawAfter === "string" && rawAfter.length <= 1000 && isSafeText(rawAfter) ? rawAfter : null;
  const page = query
    ? { rows: await searchContacts(user.workspace.id, query, 50), next: null }
    : await listContacts(user.workspace.id, { after });
  const canManage = roleAtLeast(user.role, "MANAGER");
  return (
    <>
      <PageHeader title="Contacts" description="Customers and every social identity they use">
        <div className="flex gap-2">
          {canManage && (
            <>
              <a href="/api/contacts/export?format=csv" className={secondaryButton} download>
                Export CSV
              </a>
              <a href="/api/contacts/export?format=json" className={secondaryButton} download>
                Export JSON
              </a>
            </>
          )}
          <Link href="/contacts/new" className={primaryButton}>
            New contact
          </Link>
        </div>
      </PageHeader>
      <ContactsNav active="contacts" canManage={canManage} />
      <div className="space-y-4 p-6">
        <form role="search" className="flex max-w-xl gap-2" action="/contacts">
          <input
            name="q"
            defaultValue={query}
            aria-label="Search contacts"
            placeholder="Search by name, e-mail, phone or @handle"
            className={textInput}
          />
          <button className={secondaryButton}>Search</button>
          {query && (
            <Link href="/contacts" className="self-center text-sm text-slate-500 hover:underline">
              Clear
            </Link>
          )}
        </form>
        {query && (
          <p className="text-sm text-slate-600">
            {page.rows.length === 50
              ? "First 50 matches"
              : `${page.rows.length} match${page.rows.length === 1 ? "" : "es"}`}{" "}
            for “{query}”
          </p>
        )}
        <ContactTable rows={page.rows} />
        <div className="flex gap-3 text-sm">
          {after && (
            <Link href="/contacts" className="text-indigo-700 hover:underline">
              First page
            </Link>
          )}
          {page.next && (
            <Link href={`/contacts?after=${encodeURIComponent(page.next)}`} className="text-indigo-700 hover:underline">
              Next page →
            </Link>
          )}
        </div>
      </div>
    </>
  );
}
