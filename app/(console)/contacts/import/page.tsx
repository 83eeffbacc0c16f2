import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsNav } from "@/components/contacts/contacts-nav";
import { ImportWizard } from "@/components/contacts/import-wizard";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportPage() {
  await requireUser("MANAGER");
  return (
    <>
      <PageHeader
        title="Contacts"
        description="Import contacts from a CSV file (from a CRM, a spreadsheet, or an Earshot export)"
      />
      <ContactsNav active="import" canManage />
      <div className="max-w-5xl p-6">
        <ImportWizard />
      </div>
    </>
  );
}
