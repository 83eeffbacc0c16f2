import { apiRoute } from "@/lib/api/handler";
import { notFound } from "@/lib/actions/errors";
import { presentOn, type PresenceEntry } from "@/lib/cases/presence";

export type PresenceResponse = { others: PresenceEntry[] };

export const GET = apiRoute<PresenceResponse, { id: string }>("AGENT", async ({ workspaceId, user, params }) => {
  if (!params.id) throw notFound("That case");
  return { others: await presentOn(workspaceId, user.id, params.id) };
});
