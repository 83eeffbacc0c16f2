import { apiRoute } from "@/lib/api/handler";
import { presentOn, type PresenceEntry } from "@/lib/cases/presence";
import { idRouteParams } from "@/lib/util/params";

export type PresenceResponse = { others: PresenceEntry[] };

export const GET = apiRoute<PresenceResponse, { id: string }>(
  "AGENT",
  async ({ workspaceId, user, params }) => ({ others: await presentOn(workspaceId, user.id, params.id) }),
  { params: idRouteParams },
);
