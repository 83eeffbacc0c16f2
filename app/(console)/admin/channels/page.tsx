import { ComingSoon, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Channels" };

export default function AdminChannelsPage() {
  return (
    <>
      <PageHeader title="Channels" />
      <div className="p-6">
        <ComingSoon>Connecting X, Mastodon, Bluesky, Reddit, Facebook, Instagram, YouTube and RSS sources arrives with the ingestion feature.</ComingSoon>
      </div>
    </>
  );
}
