import { apiRoute } from "@/lib/api/handler";
import { inboxSummary, type InboxSummary } from "@/lib/cases/summary";

export type InboxSummaryResponse = InboxSummary;

export const GET = apiRoute<InboxSummaryResponse>("AGENT", ({ workspaceId, user }) =>
  inboxSummary(workspaceId, user.id),
);
