import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listSources } from "@/lib/sources/sources";
import { listApiKeys } from "@/lib/api-keys/keys";
import { listBrandsWithRules } from "@/lib/listening/rules";
import { listAccounts } from "@/lib/outbox/accounts";
import { transportOf } from "@/lib/outbox/registry";
import { REPLY_NETWORKS } from "@/lib/outbox/transport";
import { PageHeader } from "@/components/ui/page-header";
import { SourcesTable } from "@/components/sources/sources-table";
import { AddMentionsForm } from "@/components/sources/add-mentions-form";
import { ApiKeys } from "@/components/sources/api-keys";
import { CreateSourceForm } from "@/components/sources/create-source-form";
import { ConnectedAccounts } from "@/components/accounts/connected-accounts";

export const metadata: Metadata = { title: "Channels" };

// Each network's "Connected accounts" form fields, as its reply transport lists them.
const ACCOUNT_NETWORKS = REPLY_NETWORKS.map((network) => ({ network, fields: transportOf(network).fields }));

export default async function ChannelsPage() {
  const admin = await requireUser("ADMIN");
  const [sources, keys, brands, accounts] = await Promise.all([
    listSources(admin.workspace.id),
    listApiKeys(admin.workspace.id),
    listBrandsWithRules(admin.workspace.id),
    listAccounts(admin.workspace.id),
  ]);
  const readAt = new Date(); // when the accounts were read: is a rate-limit pause still on?
  // Replies go out as the workspace's own brands; a competitor keeps an account only if it has one already.
  const postingBrands = brands
    .filter((b) => !b.isCompetitor || accounts.some((a) => a.brandId === b.id))
    .map((b) => ({ id: b.id, name: b.name }));
  return (
    <>
      <PageHeader
        title="Channels"
        description="Where mentions come from, how healthy each source is, ways to add mentions yourself, and the accounts replies are posted from."
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <SourcesTable sources={sources} />
          <AddMentionsForm />
        </div>
        <div className="space-y-6">
          <ApiKeys keys={keys} />
          <CreateSourceForm brands={brands.map((b) => ({ id: b.id, name: b.name }))} />
        </div>
      </div>
      <div className="px-6 pb-6">
        <ConnectedAccounts
          accounts={accounts}
          brands={postingBrands}
          networks={ACCOUNT_NETWORKS}
          now={readAt.getTime()}
        />
      </div>
    </>
  );
}
