import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listRoutingAdmin } from "@/lib/routing/admin";
import { PageHeader } from "@/components/ui/page-header";
import { RoutingAdmin } from "@/components/routing/routing-admin";

export const metadata: Metadata = { title: "Routing & SLAs" };

export default async function AdminRoutingPage() {
  const user = await requireUser("ADMIN");
  const data = await listRoutingAdmin(user.workspace.id);
  return (
    <>
      <PageHeader
        title="Routing & SLAs"
        description="How mentions become cases: rules, queues, SLA policies with business hours, threading windows"
      />
      <div className="p-6">
        <RoutingAdmin {...data} />
      </div>
    </>
  );
}
