import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listRecentCases } from "@/lib/cases/list";
import { ComingSoon, PageHeader } from "@/components/ui/page-header";
import { CaseTable } from "@/components/cases/case-table";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const user = await requireUser();
  const { rows, asOf } = await listRecentCases(user.workspace.id, 50);
  return (
    <>
      <PageHeader title="Inbox" description={`${user.workspace.name}: the 50 most recently active cases`} />
      <div className="space-y-4 p-6">
        <ComingSoon>
          Views, filters, search, assignment and replies arrive with the case inbox feature. This list is read-only for now.
        </ComingSoon>
        <CaseTable cases={rows} asOf={asOf} />
      </div>
    </>
  );
}
