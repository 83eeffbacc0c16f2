import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listDeliveries, listEndpoints } from "@/lib/webhooks/endpoints";
import { firstValue, type SearchParams } from "@/lib/util/params";
import { PageHeader } from "@/components/ui/page-header";
import { CreateEndpoint } from "@/components/webhooks/create-endpoint";
import { EndpointCard, type OpenLog } from "@/components/webhooks/endpoint-card";

export const metadata: Metadata = { title: "Webhooks" };

export default async function AdminWebhooksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireUser("ADMIN");
  const workspaceId = admin.workspace.id;
  const params = await searchParams;
  const endpoints = await listEndpoints(workspaceId);
  // The open delivery log: only an endpoint of this workspace's list (anything else opens none).
  const logParam = firstValue(params.log);
  const openId = endpoints.find((e) => e.id === logParam)?.id ?? null;
  const after = firstValue(params.after);
  let log: OpenLog | null = null;
  if (openId) {
    const page = await listDeliveries(workspaceId, openId, typeof after === "string" ? after : undefined);
    log = { ...page, paged: typeof after === "string" && after !== "" };
  }

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send mentions, cases and replies to your CRM or case tool as they happen: signed, retried, logged."
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_24rem]">
        <section aria-labelledby="webhook-endpoints" className="space-y-3">
          <h2 id="webhook-endpoints" className="font-medium">
            Endpoints
          </h2>
          {endpoints.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-500">
              No endpoints yet. Add one to start receiving events.
            </p>
          ) : (
            <ul className="space-y-3">
              {endpoints.map((endpoint) => (
                <EndpointCard key={endpoint.id} endpoint={endpoint} log={endpoint.id === openId ? log : null} />
              ))}
            </ul>
          )}
        </section>
        <div className="space-y-6">
          <CreateEndpoint />
          <section className="rounded-lg border border-slate-200 bg-white p-4 text-xs text-slate-600">
            <h2 className="mb-1 text-sm font-medium text-slate-900">Verifying deliveries</h2>
            <p>
              Each request carries <code>Earshot-Signature: t=…,v1=…</code>, an HMAC-SHA256 of{" "}
              <code>{"${t}.${body}"}</code> with the endpoint&apos;s secret. Refuse a request whose signature does not
              match or whose timestamp is more than 5 minutes away. Failed deliveries are retried with exponential
              backoff (30 s up to 1 h, 8 attempts in all); an endpoint that answers <code>410 Gone</code> is disabled.
            </p>
          </section>
        </div>
      </div>
    </>
  );
}
