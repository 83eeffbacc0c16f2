import { z } from "zod";
import { apiKeyRoute, jsonBody } from "@/lib/api/key-route";
import { apiReplySchema, replyFromApi } from "@/lib/cases/api";

export type ApiReplyResponse = { messageId: string; delivery: string };

const params = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });

// POST /api/v1/cases/<number>/replies {"body": "…", "solve"?: true}: a reply exactly as the
// composer makes it (the network's limits, approval rules, the outbox). 201 with its delivery state.
export const POST = apiKeyRoute(
  async ({ workspaceId, keyId, request, params: p }) => {
    const input = apiReplySchema.parse(await jsonBody(request));
    const role = await keyRole(keyId);
    return { status: 201, body: await replyFromApi(workspaceId, p.number, role, input) };
  },
  { params },
);

async function keyRole(keyId: string): Promise<string> {
  const { apiKeyRole } = await import("@/lib/api-keys/keys");
  return apiKeyRole(keyId);
}
