import { z } from "zod";
import { apiKeyRoute } from "@/lib/api/key-route";
import { caseForApi, type ApiCase } from "@/lib/cases/api";

export type ApiCaseResponse = ApiCase;

const caseNumberParams = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });

// GET /api/v1/cases/<number>: the case with its messages and their delivery states.
export const GET = apiKeyRoute(
  async ({ workspaceId, params }) => ({ body: await caseForApi(workspaceId, params.number) }),
  { params: caseNumberParams },
);
