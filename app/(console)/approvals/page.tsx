import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listPendingApprovals } from "@/lib/outbox/approval-queue";
import { PageHeader } from "@/components/ui/page-header";
import { ApprovalQueue } from "@/components/approvals/approval-queue";

export const metadata: Metadata = { title: "Needs approval" };

export default async function ApprovalsPage() {
  const user = await requireUser("MANAGER");
  const now = new Date();
  const items = await listPendingApprovals(user.workspace.id, { id: user.id, role: user.role }, now);
  return (
    <>
      <PageHeader
        title="Needs approval"
        description="Replies an approval rule holds back until a manager approves them. Nobody approves their own reply; a reply nobody decides on expires and is not sent."
      />
      <div className="max-w-4xl p-6">
        <ApprovalQueue items={items} now={now.getTime()} />
      </div>
    </>
  );
}
