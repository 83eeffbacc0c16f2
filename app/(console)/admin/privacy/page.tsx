import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { privacySettings } from "@/lib/privacy/settings-store";
import { lastRetentionRun } from "@/lib/privacy/retention";
import { retentionConfigured } from "@/lib/privacy/settings";
import { PageHeader } from "@/components/ui/page-header";
import { PrivacySettingsForm } from "@/components/privacy/privacy-settings-form";
import { RetentionPanel } from "@/components/privacy/retention-panel";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyAdminPage() {
  const user = await requireUser("ADMIN");
  const [settings, lastRun] = await Promise.all([
    privacySettings(user.workspace.id),
    lastRetentionRun(user.workspace.id),
  ]);
  return (
    <>
      <PageHeader
        title="Privacy"
        description="How long Earshot keeps posts, cases, raw payloads, contacts and audit rows, and what happens after a person's data is erased."
      />
      <div className="max-w-3xl space-y-4 p-6">
        <PrivacySettingsForm settings={settings} />
        <RetentionPanel lastRun={lastRun} configured={retentionConfigured(settings.retention)} />
      </div>
    </>
  );
}
