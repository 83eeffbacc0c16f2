import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { mentionsPage } from "@/lib/mentions/page-data";
import { PageHeader } from "@/components/ui/page-header";
import { NetworkBadge, SentimentBadge } from "@/components/ui/badges";
import { ExternalLink } from "@/components/ui/external-link";
import { WEEKDAYS } from "@/lib/metrics/tables";

export const metadata: Metadata = { title: "Mentions" };

// The mentions behind a dashboard figure (its filter in the URL), newest first.
export default async function MentionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("MANAGER");
  const params = await searchParams;
  const data = await mentionsPage(user.workspace.id, params);
  const q = data.query;
  const keep = new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (k === "after" || v === undefined ? [] : [[k, String(v)]])),
  );
  const describe = [
    q.from && q.to ? `${q.from} to ${q.to}` : null,
    q.brand === "none" ? "no brand" : data.labels.brand,
    q.network,
    q.sentiment?.toLowerCase(),
    data.labels.rule ? `rule "${data.labels.rule}"` : null,
    data.labels.author ? `@${data.labels.author}` : null,
    q.term ? `"${q.term}"` : null,
    q.dow !== undefined ? WEEKDAYS[q.dow] : null,
    q.hour !== undefined ? `${String(q.hour).padStart(2, "0")}:00–${String(q.hour).padStart(2, "0")}:59` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const fmt = new Intl.DateTimeFormat("en-GB", { timeZone: data.timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title="Mentions" description={describe || "All mentions"}>
        <a
          href={`/api/dashboard/export?table=mentions&${keep}`}
          className="text-sm text-indigo-700 hover:underline"
          download
        >
          Download CSV
        </a>
      </PageHeader>
      <div className="space-y-3 p-4 md:p-6">
        {data.problems.length > 0 && (
          <div
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="query-problems"
          >
            {data.problems.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        )}
        <p className="text-sm text-slate-600">
          <strong data-testid="mentions-total">{data.total.toLocaleString("en")}</strong> mentions · times in{" "}
          {data.timeZone} ·{" "}
          <Link href="/dashboard" className="text-indigo-700 hover:underline">
            Back to the dashboard
          </Link>
        </p>
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="mentions-list"
        >
          {data.rows.length === 0 && <li className="p-4 text-sm text-slate-500">No mentions match.</li>}
          {data.rows.map((m) => (
            <li key={m.id} className="space-y-1 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <NetworkBadge network={m.network} />
                {m.authorId ? (
                  <Link
                    href={`/contacts/profiles/${m.authorId}`}
                    className="font-medium text-slate-700 hover:underline"
                  >
                    @{m.authorHandle}
                  </Link>
                ) : (
                  <span>unknown author</span>
                )}
                {m.authorName && <span>{m.authorName}</span>}
                <span>{fmt.format(m.postedAt)}</span>
                {m.brandName && <span>· {m.brandName}</span>}
                <SentimentBadge sentiment={m.sentiment} />
                {m.deleted && <span className="rounded bg-slate-100 px-1">deleted by author</span>}
                {m.caseNumber && (
                  <Link href={`/cases/${m.caseNumber}`} className="text-indigo-700 hover:underline">
                    case #{m.caseNumber}
                  </Link>
                )}
                {m.url && <ExternalLink href={m.url}>original</ExternalLink>}
              </div>
              <p className="whitespace-pre-wrap break-words text-slate-800">{m.text}</p>
            </li>
          ))}
        </ul>
        <div className="flex gap-3 text-sm">
          {q.after && (
            <Link href={`/mentions?${keep}`} className="text-indigo-700 hover:underline">
              First page
            </Link>
          )}
          {data.next && (
            <Link
              href={`/mentions?${keep}&after=${encodeURIComponent(data.next)}`}
              className="text-indigo-700 hover:underline"
            >
              Next page →
            </Link>
          )}
        </div>
      </div>
    </>
  );
}
