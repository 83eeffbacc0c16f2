import { apiRoute } from "@/lib/api/handler";
import { caseVersion, type ChangeVersion } from "@/lib/inbox/version";
import { idRouteParams } from "@/lib/util/params";

export type CaseVersionResponse = ChangeVersion;

export const GET = apiRoute<CaseVersionResponse, { id: string }>(
  "AGENT",
  ({ workspaceId, params }) => caseVersion(workspaceId, params.id),
  { params: idRouteParams },
);
