import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listRoutingAdmin } from "@/lib/routing/admin";
import { approvalRulesAdmin } from "@/lib/outbox/approval-rules";
import { listMembers } from "@/lib/users/members";
import { PageHeader } from "@/components/ui/page-header";
import { RoutingAdmin } from "@/components/routing/routing-admin";
import { ApprovalRulesAdmin } from "@/components/approvals/approval-rules-admin";

export const metadata: Metadata = { title: "Routing & SLAs" };

export default async function AdminRoutingPage() {
  const user = await requireUser("ADMIN");
  const [data, approvals, members] = await Promise.all([
    listRoutingAdmin(user.workspace.id),
    approvalRulesAdmin(user.workspace.id),
    listMembers(user.workspace.id),
  ]);
  return (
    <>
      <PageHeader
        title="Routing & SLAs"
        description="How mentions become cases: rules, queues, SLA policies with business hours, threading windows; which replies wait for approval"
      />
      <div className="space-y-4 p-6">
        <RoutingAdmin {...data} />
        <ApprovalRulesAdmin
          rules={approvals.rules}
          expiryHours={approvals.expiryHours}
          brands={data.brands}
          members={members.map((m) => ({ userId: m.userId, name: m.name, role: m.role, active: m.active }))}
        />
      </div>
    </>
  );
}
