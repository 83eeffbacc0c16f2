import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { modelSummary } from "@/lib/enrich/learn/store";
import { PageHeader } from "@/components/ui/page-header";
import { SentimentAdmin } from "@/components/enrich/sentiment-admin";

export const metadata: Metadata = { title: "Sentiment" };

export default async function SentimentPage() {
  const admin = await requireUser("ADMIN");
  const summary = await modelSummary(admin.workspace.id);
  return (
    <>
      <PageHeader
        title="Sentiment"
        description="Teach Earshot how your customers write: corrections from agents and labelled files train this workspace's model."
      />
      <div className="p-6">
        <SentimentAdmin summary={summary} />
      </div>
    </>
  );
}
