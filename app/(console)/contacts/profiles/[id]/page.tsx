import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { ExportLinks } from "@/components/privacy/export-links";
import { ExpectedError } from "@/lib/actions/errors";
import { getSocialProfile } from "@/lib/contacts/profile";
import { PageHeader } from "@/components/ui/page-header";
import { IdentityList, Section, SuggestionList, Timeline } from "@/components/contacts/contact-views";
import { LinkPicker } from "@/components/contacts/contact-actions";

export const metadata: Metadata = { title: "Social profile" };

export default async function SocialProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const profile = await getSocialProfile(user.workspace.id, id).catch((error) => {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const i = profile.identity;
  return (
    <>
      <PageHeader title={`@${i.handle}`} description={`${i.displayName ?? "Social profile"} on ${i.network}`}>
        {i.contactId ? (
          <Link href={`/contacts/${i.contactId}`} className="text-sm text-indigo-700 hover:underline">
            Linked to {i.contactName}
          </Link>
        ) : (
          <span className="rounded bg-slate-100 px-2 py-1 text-sm text-slate-600">Not linked to a contact</span>
        )}
      </PageHeader>
      <div className="grid gap-4 p-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
        <div className="space-y-4">
          <Section title="Profile">
            <IdentityList identities={[i]} />
          </Section>
          {!i.contactId && (
            <>
              <Section title="Suggested contacts">
                <SuggestionList suggestions={profile.suggestions} perspective="identity" />
              </Section>
              <Section title="Link to a contact">
                <LinkPicker identityId={i.id} suggestedName={i.displayName?.trim() || i.handle} />
              </Section>
            </>
          )}
          {profile.sameHandle.length > 0 && (
            <Section title="Same handle on other networks">
              <IdentityList identities={profile.sameHandle} />
            </Section>
          )}
          {roleAtLeast(user.role, "MANAGER") && (
            <Section title="Privacy">
              <div className="flex flex-wrap items-center gap-3 text-sm" aria-label="Data requests">
                <ExportLinks subject={{ network: i.network, accountId: i.accountId }} />
                {roleAtLeast(user.role, "ADMIN") && (
                  <Link
                    href={`/privacy/erase?identity=${encodeURIComponent(`${i.network}:${i.accountId}`)}`}
                    className="text-red-700 hover:underline"
                  >
                    Erase this profile…
                  </Link>
                )}
              </div>
            </Section>
          )}
        </div>
        <Section title="Posts and cases">
          <Timeline items={profile.timeline} />
        </Section>
      </div>
    </>
  );
}
