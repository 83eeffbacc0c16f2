import { secondaryButton } from "@/components/ui/buttons";

// The two downloads of a person's subject export (lib/privacy/export.ts): the JSON document and
// the readable page. For a contact (with all their identities) or one social identity. Show it
// to managers and admins only: the route refuses agents.

export type ExportSubjectRef = { contactId: string } | { network: string; accountId: string };

/** The export's address for a subject and format. */
export function exportHref(subject: ExportSubjectRef, format: "json" | "html"): string {
  const params = new URLSearchParams(
    "contactId" in subject
      ? { contact: subject.contactId, format }
      : { identity: `${subject.network}:${subject.accountId}`, format },
  );
  return `/api/privacy/export?${params.toString()}`;
}

export function ExportLinks({ subject }: { subject: ExportSubjectRef }) {
  return (
    <div className="flex flex-wrap gap-2" aria-label="Export this person's data">
      <a href={exportHref(subject, "json")} className={secondaryButton} download>
        Export data (JSON)
      </a>
      <a href={exportHref(subject, "html")} className={secondaryButton} download>
        Export data (readable page)
      </a>
    </div>
  );
}
