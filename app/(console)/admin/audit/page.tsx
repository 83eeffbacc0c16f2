import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { auditLogPage } from "@/lib/audit/viewer";
import { filterSearchParams } from "@/lib/audit/viewer-query";
import type { SearchParams } from "@/lib/util/params";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata: Metadata = { title: "Audit log" };

// Admin → Audit log: every audited action in the workspace, newest first, 50 to a page,
// filtered by actor, action, object and date range (in the workspace's time zone).
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireUser("ADMIN");
  const data = await auditLogPage(admin.workspace.id, await searchParams);
  const filter = filterSearchParams(data.query);
  const link = (extra: Record<string, string>) => {
    const p = new URLSearchParams(filter);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/admin/audit?${p}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Sign-ins, role changes, exports, erasures, merges, rule and routing changes, API key use, connected accounts."
      >
        <a
          href={`/api/admin/audit/export${filter.size ? `?${filter}` : ""}`}
          className="text-sm text-indigo-700 hover:underline"
          download
        >
          Download CSV
        </a>
      </PageHeader>
      <div className="space-y-3 p-6">
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
        <AuditFilters query={data.query} {...data.choices} />
        <p className="text-xs text-slate-500">Times in {data.timeZone}. Newest first.</p>
        <AuditTable rows={data.rows} timeZone={data.timeZone} />
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {data.newer && (
            <Link href={link({ before: data.newer })} className="text-indigo-700 hover:underline" rel="prev">
              ← Newer
            </Link>
          )}
          {data.older && (
            <Link href={link({ after: data.older })} className="text-indigo-700 hover:underline" rel="next">
              Older →
            </Link>
          )}
        </nav>
      </div>
    </>
  );
}
