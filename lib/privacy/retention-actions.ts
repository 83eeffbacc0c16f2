"use server";

import { adminAction } from "@/lib/actions/clients";
import { setPrivacySettings } from "./settings-store";
import { runRetention } from "./retention";
import { privacySettingsInputSchema, runRetentionInputSchema, settingsFromInput } from "./settings";

// Admin → Privacy. A run started here stops starting batches after this long (a page waits for
// it); the scheduled job or the CLI finishes what is left, and the report says so.
const PAGE_RUN_BUDGET_MS = 25_000;

export const savePrivacySettingsAction = adminAction(
  "privacy.saveSettings",
  privacySettingsInputSchema,
  async (input, { user, workspaceId }) => {
    await setPrivacySettings(workspaceId, user.id, settingsFromInput(input));
  },
  { revalidate: ["/admin/privacy"] },
);

export const runRetentionAction = adminAction(
  "privacy.runRetention",
  runRetentionInputSchema,
  (input, { user, workspaceId }) =>
    runRetention(workspaceId, {
      dryRun: input.dryRun,
      actorUserId: user.id,
      trigger: "admin",
      budgetMs: PAGE_RUN_BUDGET_MS,
    }),
  // A preview changes nothing on the page; a run changes its "last run".
  { revalidate: (input) => (input.dryRun ? [] : ["/admin/privacy"]) },
);
