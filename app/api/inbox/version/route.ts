import { apiRoute } from "@/lib/api/handler";
import { inboxVersion, type ChangeVersion } from "@/lib/inbox/version";

export type InboxVersionResponse = ChangeVersion;

export const GET = apiRoute<InboxVersionResponse>("AGENT", ({ workspaceId }) => inboxVersion(workspaceId));
