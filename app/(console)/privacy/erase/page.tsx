import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { ExpectedError } from "@/lib/actions/errors";
import { erasureJobSummary, previewErasure, type ErasurePreview } from "@/lib/privacy/erase";
import { identityRef } from "@/lib/privacy/erase-schemas";
import { idParam, parseFields, type SearchParams } from "@/lib/util/params";
import { PageHeader } from "@/components/ui/page-header";
import { EraseConfirm } from "@/components/privacy/erase-confirm";

export const metadata: Metadata = { title: "Erase a person's data" };

const FIELDS = { contact: idParam.optional(), identity: identityRef.optional(), done: idParam.optional() };

const LABELS: Record<string, string> = {
  contacts: "Contact records (with merged-in duplicates)",
  identities: "Social identities",
  mentions: "Posts (kept as anonymous counted rows)",
  caseMessages: "Messages in cases",
  cases: "Cases they wrote in (kept, without their words)",
  notes: "Notes",
  linkSuggestions: "Link suggestions",
  merges: "Merge history entries",
  sentimentLabels: "Learned sentiment examples",
  ruleMatches: "Keyword rule matches (spans)",
  auditRows: "Audit rows about them (details removed)",
};

export default async function ErasePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("ADMIN");
  const { value } = parseFields(FIELDS, await searchParams);
  if (value.done)
    return <ErasureDone summary={await erasureJobSummary(user.workspace.id, value.done).catch(() => null)} />;
  const subject = value.contact ? { contactId: value.contact } : (value.identity ?? null);
  let preview: ErasurePreview | null = null;
  let problem: string | null = subject ? null : "Choose a contact or a social profile to erase (from its page).";
  if (subject) {
    try {
      preview = await previewErasure(user.workspace.id, subject);
    } catch (error) {
      if (!(error instanceof ExpectedError)) throw error;
      problem = error.message;
    }
  }
  return (
    <>
      <PageHeader
        title="Erase a person's data"
        description="Right to erasure: everything Earshot holds about them, in every store."
      />
      <div className="max-w-2xl space-y-4 p-6 text-sm">
        {problem && (
          <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-800">
            {problem}{" "}
            <Link className="text-indigo-700 hover:underline" href="/contacts">
              Contacts
            </Link>
          </p>
        )}
        {preview && subject && (
          <>
            <section aria-label="What will be erased" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-medium">
                {preview.person.name}
                {preview.person.handles.length > 0 && (
                  <span className="ml-2 font-normal text-slate-500">{preview.person.handles.join(", ")}</span>
                )}
              </h2>
              <table className="mt-2 w-full" data-testid="erasure-preview">
                <tbody className="divide-y divide-slate-100">
                  {Object.entries(preview.counts).map(([kind, n]) => (
                    <tr key={kind}>
                      <td className="py-1 pr-4 text-slate-600">{LABELS[kind] ?? kind}</td>
                      <td className="py-1 text-right font-mono">{n.toLocaleString("en-US")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2 text-xs text-slate-500">
                Dashboard totals stay: their posts remain as anonymous counted events. Their future posts are dropped or
                stored anonymised, as Admin → Privacy says.
              </p>
            </section>
            <EraseConfirm
              name={preview.person.name}
              subject={
                "contactId" in subject
                  ? { contactId: subject.contactId }
                  : { identity: `${subject.network}:${subject.accountId}` }
              }
            />
          </>
        )}
      </div>
    </>
  );
}

function ErasureDone({ summary }: { summary: Awaited<ReturnType<typeof erasureJobSummary>> | null }) {
  return (
    <>
      <PageHeader title="Erase a person's data" />
      <div className="max-w-2xl p-6 text-sm">
        {summary?.state === "done" ? (
          <section role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
            <p className="font-medium">Erased. Nothing about this person remains in Earshot.</p>
            <p className="mt-1 text-xs text-slate-600">
              {Object.entries(summary.counts)
                .filter(([, n]) => n)
                .map(([k, n]) => `${LABELS[k] ?? k}: ${n}`)
                .join(" · ")}
            </p>
            <Link className="mt-2 inline-block text-indigo-700 hover:underline" href="/contacts">
              Back to contacts
            </Link>
          </section>
        ) : (
          <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-800">
            {summary ? "This erasure is not finished yet; it resumes by itself." : "That erasure was not found."}
          </p>
        )}
      </div>
    </>
  );
}
