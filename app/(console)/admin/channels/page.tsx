import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listSources } from "@/lib/sources/sources";
import { listApiKeys } from "@/lib/api-keys/keys";
import { listBrandsWithRules } from "@/lib/listening/rules";
import { PageHeader } from "@/components/ui/page-header";
import { SourcesTable } from "@/components/sources/sources-table";
import { AddMentionsForm } from "@/components/sources/add-mentions-form";
import { ApiKeys } from "@/components/sources/api-keys";
import { CreateSourceForm } from "@/components/sources/create-source-form";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage() {
  const admin = await requireUser("ADMIN");
  const [sources, keys, brands] = await Promise.all([
    listSources(admin.workspace.id),
    listApiKeys(admin.workspace.id),
    listBrandsWithRules(admin.workspace.id),
  ]);
  return (
    <>
      <PageHeader
        title="Channels"
        description="Where mentions come from, how healthy each source is, and ways to add mentions yourself."
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
    </>
  );
}
