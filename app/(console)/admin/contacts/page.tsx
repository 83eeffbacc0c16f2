import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { getContactSettings } from "@/lib/contacts/settings-store";
import { PageHeader } from "@/components/ui/page-header";
import { ContactSettingsForm } from "@/components/contacts/contact-settings-form";

export const metadata: Metadata = { title: "Contact linking" };

export default async function ContactSettingsPage() {
  const user = await requireUser("ADMIN");
  const settings = await getContactSettings(user.workspace.id);
  return (
    <>
      <PageHeader
        title="Contact linking"
        description="Authors are linked automatically only on strong evidence: a profile e-mail or website equal to one contact's, or a handle the contact declared. Everything else is a suggestion."
      />
      <div className="max-w-3xl p-6">
        <ContactSettingsForm settings={settings} />
      </div>
    </>
  );
}
