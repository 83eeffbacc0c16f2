import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { PageHeader } from "@/components/ui/page-header";
import { ContactEditor } from "@/components/contacts/contact-editor";

export const metadata: Metadata = { title: "New contact" };

const EMPTY = {
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

export default async function NewContactPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="New contact"
        description="Social profiles carrying its e-mail, website or declared handles are linked as soon as it is saved"
      />
      <div className="max-w-3xl p-6">
        <ContactEditor fields={EMPTY} />
      </div>
    </>
  );
}
