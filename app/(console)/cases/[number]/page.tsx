import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { ExpectedError } from "@/lib/actions/errors";
import { getCaseByNumber } from "@/lib/cases/detail";
import { PageHeader } from "@/components/ui/page-header";
import { PriorityText, StatusBadge, NetworkBadge } from "@/components/ui/badges";
import { ExternalLink } from "@/components/ui/external-link";
import { Conversation } from "@/components/cases/conversation";
import { CaseControls } from "@/components/cases/case-controls";
import { Composer } from "@/components/cases/composer";
import { LiveRefresh } from "@/components/inbox/live-refresh";
import { SlaBadge } from "@/components/inbox/sla-badge";
import { SuggestionButtons } from "@/components/contacts/contact-actions";
import { PresenceBar } from "@/components/cases/presence-bar";
import { CaseReshape } from "@/components/cases/case-reshape";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage({ params }: { params: Promise<{ number: string }> }) {
  const user = await requireUser();
  const { number } = await params;
  if (!/^\d{1,9}$/.test(number)) notFound();
  const c = await getCaseByNumber(user.workspace.id, Number(number)).catch((error) => {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={`#${c.number} ${c.subject}`}
        description={
          [c.brandName, c.reopenCount ? `reopened ${c.reopenCount}×` : null].filter(Boolean).join(" · ") || undefined
        }
      >
        <div className="flex items-center gap-3">
          <StatusBadge status={c.status} />
          <PriorityText priority={c.priority} />
          <SlaBadge sla={c.sla} now={c.asOf} />
          <LiveRefresh url={`/api/cases/${c.id}/version`} />
          <Link href="/inbox" className="text-sm text-indigo-700 hover:underline">
            Inbox
          </Link>
        </div>
      </PageHeader>
      <div className="grid gap-4 p-4 md:p-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <PresenceBar caseId={c.id} />
          <Conversation items={c.conversation} />
          <Composer
            caseId={c.id}
            version={c.version}
            macros={c.options.macros}
            reply={c.reply}
            macroContext={{
              authorName: c.contact?.name ?? c.author?.displayName ?? null,
              authorHandle: c.author?.handle ?? null,
              agentName: user.name,
              caseNumber: c.number,
              brandName: c.brandName,
            }}
          />
        </div>
        <aside className="space-y-4">
          <CaseControls
            caseId={c.id}
            version={c.version}
            userId={user.id}
            status={c.status}
            priority={c.priority}
            queueId={c.queueId}
            assignee={c.assignee}
            tags={c.tags}
            options={c.options}
          />
          <CaseReshape
            caseId={c.id}
            messages={c.conversation.flatMap((m) =>
              m.kind === "inbound" ? [{ id: m.id, text: m.text.slice(0, 120) }] : [],
            )}
          />
          <section aria-label="Customer" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            {c.contact ? (
              <>
                <div className="flex items-center gap-2">
                  <Link href={`/contacts/${c.contact.id}`} className="font-medium text-indigo-700 hover:underline">
                    {c.contact.name}
                  </Link>
                  {c.contact.tier && (
                    <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800">{c.contact.tier}</span>
                  )}
                </div>
                {c.contact.company && <p className="text-slate-500">{c.contact.company}</p>}
                <ul className="space-y-1">
                  {c.contact.identities.map((i) => (
                    <li key={i.id} className="flex items-center gap-1.5">
                      <NetworkBadge network={i.network} />
                      <ExternalLink href={i.profileUrl}>@{i.handle}</ExternalLink>
                      <span className="text-xs text-slate-500">
                        {i.followers?.toLocaleString("en") ?? "—"} followers
                      </span>
                    </li>
                  ))}
                </ul>
                {c.contact.pastCases.length > 0 && (
                  <div>
                    <p className="text-xs font-medium uppercase text-slate-500">Past cases</p>
                    <ul>
                      {c.contact.pastCases.map((p) => (
                        <li key={p.number}>
                          <Link href={`/cases/${p.number}`} className="text-indigo-700 hover:underline">
                            #{p.number}
                          </Link>{" "}
                          {p.subject.slice(0, 50)}{" "}
                          <span className="text-xs text-slate-500">{p.status.toLowerCase()}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </>
            ) : c.author ? (
              <>
                <div className="flex items-center gap-1.5">
                  <NetworkBadge network={c.author.network} />
                  <Link
                    href={`/contacts/profiles/${c.author.id}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    @{c.author.handle}
                  </Link>
                </div>
                <p className="text-xs text-slate-500">
                  {c.author.displayName} · {c.author.followers?.toLocaleString("en") ?? "—"} followers · not linked to a
                  contact
                </p>
                {c.suggestions.map((s) => (
                  <div key={s.id} className="rounded border border-slate-200 p-2">
                    <p>
                      Possibly{" "}
                      <Link href={`/contacts/${s.contactId}`} className="font-medium text-indigo-700 hover:underline">
                        {s.name}
                      </Link>{" "}
                      ({Math.round(s.score * 100)}%)
                    </p>
                    <ul className="list-disc pl-4 text-xs text-slate-600">
                      {s.reasons.map((r, i) => (
                        <li key={i}>{r.text}</li>
                      ))}
                    </ul>
                    <div className="mt-1">
                      <SuggestionButtons suggestionId={s.id} label={s.name} />
                    </div>
                  </div>
                ))}
              </>
            ) : (
              <p className="text-slate-500">No author.</p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
