import { ComingSoon, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Routing & SLAs" };

export default function AdminRoutingPage() {
  return (
    <>
      <PageHeader title="Routing & SLAs" />
      <div className="p-6">
        <ComingSoon>Routing rules, queues, SLA policies and business hours are configured here once the case inbox feature lands.</ComingSoon>
      </div>
    </>
  );
}
