import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { ExpectedError } from "@/lib/actions/errors";
import { getContact360 } from "@/lib/contacts/profile";
import { PageHeader } from "@/components/ui/page-header";
import { ContactProfile } from "@/components/contacts/contact-profile";
import {
  IdentityList,
  Section,
  SentimentOverTime,
  SuggestionList,
  Timeline,
} from "@/components/contacts/contact-views";
import { NoteForm, UndoMergeButton } from "@/components/contacts/contact-actions";
import { ID_PATTERN, cleanText, firstValue, type SearchParams } from "@/lib/util/params";
import { roleAtLeast } from "@/lib/auth/roles";
import { privacyPanelData } from "@/lib/privacy/flags";
import { PrivacyFlagsPanel } from "@/components/privacy/flags-panel";
import { ExportLinks } from "@/components/privacy/export-links";

export const metadata: Metadata = { title: "Contact" };

async function load(workspaceId: string, id: string) {
  try {
    return await getContact360(workspaceId, id);
  } catch (error) {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

// The notices after a merge or an undo come back in the address: only well-formed values are shown.
function notices(query: SearchParams) {
  const id = (v: unknown) => (typeof v === "string" && ID_PATTERN.test(v) ? v : undefined);
  const kept = firstValue(query.kept);
  return {
    merged: id(firstValue(query.merged)),
    undone: id(firstValue(query.undone)),
    kept: typeof kept === "string" ? cleanText(kept).slice(0, 300) || undefined : undefined,
  };
}

export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const { merged, undone, kept } = notices(await searchParams);
  const c = await load(user.workspace.id, id);
  // A merged contact's address still works: it leads to the survivor.
  if (c.mergedIntoId) redirect(`/contacts/${c.mergedIntoId}`);
  const justMerged = merged ? c.merges.find((m) => m.id === merged) : null;
  const manager = roleAtLeast(user.role, "MANAGER");
  const admin = roleAtLeast(user.role, "ADMIN");
  const privacy = await privacyPanelData(user.workspace.id, c.id);
  return (
    <>
      <PageHeader
        title={c.fields.name}
        description={[c.fields.company, c.fields.location].filter(Boolean).join(" · ") || "Contact"}
      >
        <div className="flex items-center gap-2">
          {c.fields.tier && (
            <span className="rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-800" aria-label="Tier">
              {c.fields.tier}
            </span>
          )}
          <Link href="/contacts" className="text-sm text-indigo-700 hover:underline">
            All contacts
          </Link>
        </div>
      </PageHeader>
      <div className="grid gap-4 p-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
        <div className="space-y-4">
          {undone && (
            <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm">
              Merge undone:{" "}
              <Link href={`/contacts/${undone}`} className="text-indigo-700 hover:underline">
                the other contact
              </Link>{" "}
              is separate again, with its identities, cases and notes.
              {kept && <span className="block text-slate-600">Kept the edits made here after the merge: {kept}.</span>}
            </div>
          )}
          {justMerged && (
            <div
              role="status"
              className="flex items-center justify-between gap-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm"
            >
              <span>
                Merged {justMerged.mergedName} into {c.fields.name}.
              </span>
              <UndoMergeButton mergeId={justMerged.id} name={justMerged.mergedName} />
            </div>
          )}
          <Section title="Profile">
            <ContactProfile contactId={c.id} version={c.version} fields={c.fields} />
          </Section>
          <Section title={`Identities (${c.identities.length})`}>
            <IdentityList identities={c.identities} contactId={c.id} />
          </Section>
          <Section title="Possibly also this contact">
            <SuggestionList suggestions={c.suggestions} perspective="contact" />
          </Section>
          <Section title="Notes">
            <NoteForm contactId={c.id} />
            <ul className="mt-3 space-y-2" aria-label="Notes">
              {c.notes.map((n) => (
                <li key={n.id} className="rounded bg-amber-50 p-2 text-sm">
                  <p className="whitespace-pre-wrap break-words">{n.body}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {n.author ?? "Import"} · {n.at.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </p>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Privacy">
            <PrivacyFlagsPanel data={privacy} canChange={manager} />
            {manager && (
              <div className="mt-3 flex flex-wrap items-center gap-3 text-sm" aria-label="Data requests">
                <ExportLinks subject={{ contactId: c.id }} />
                {admin && (
                  <>
                    <Link
                      href={`/admin/audit?objectType=Contact&objectId=${c.id}`}
                      className="text-indigo-700 hover:underline"
                    >
                      Audit log
                    </Link>
                    <Link href={`/privacy/erase?contact=${c.id}`} className="text-red-700 hover:underline">
                      Erase this person…
                    </Link>
                  </>
                )}
              </div>
            )}
          </Section>
          {c.merges.length > 0 && (
            <Section title="Merge history">
              <ul className="space-y-2 text-sm">
                {c.merges.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2">
                    <span>
                      {m.mergedName} merged in by {m.by ?? "someone"} on {m.at.toISOString().slice(0, 10)}
                    </span>
                    <UndoMergeButton mergeId={m.id} name={m.mergedName} />
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </div>
        <div className="space-y-4">
          <Section title="Sentiment over time">
            <SentimentOverTime weeks={c.sentiment} />
          </Section>
          <Section title="Timeline: mentions and cases on every network">
            <Timeline items={c.timeline} />
          </Section>
        </div>
      </div>
    </>
  );
}
