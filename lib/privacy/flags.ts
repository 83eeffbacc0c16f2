import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { writeAudit } from "@/lib/audit/log";
import { requestKindOf, type PrivacyFlag, type SetPrivacyFlagInput } from "./flag-schemas";
import { retrainWithoutErased } from "./retrain";

// A contact's privacy flags (docs/privacy/flags-and-deletions.md):
//   doNotProfile        their posts never train the sentiment model, and they are left out of
//                       top-author lists (both read the flag when they run);
//   restrictProcessing  their new posts are stored but neither routed nor enriched
//                       (lib/ingest/pipeline.ts) until the flag is lifted.
// Each change is a PrivacyRequest (what, when, why, by whom) and an audit row, written together.

const LABEL: Record<PrivacyFlag, string> = {
  doNotProfile: "Do not profile",
  restrictProcessing: "Restrict processing",
};

export async function setPrivacyFlag(
  workspaceId: string,
  actorUserId: string,
  input: SetPrivacyFlagInput,
): Promise<{ requestId: string }> {
  const { contactId, flag, on, reason } = input;
  const requestId = await db().$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { id: contactId, workspaceId, mergedIntoId: null },
      select: { id: true },
    });
    if (!contact) throw notFound("That contact");
    // Conditional: of two managers setting the same flag at once, one records the request.
    const changed = await tx.contact.updateMany({
      where: { id: contactId, workspaceId, [flag]: !on },
      data: { [flag]: on },
    });
    if (!changed.count)
      throw new ExpectedError(`${LABEL[flag]} is already ${on ? "on" : "off"} for this contact.`, "CONFLICT");
    const request = await tx.privacyRequest.create({
      data: { workspaceId, contactId, kind: requestKindOf(flag, on), reason, actorUserId },
      select: { id: true },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: on ? "privacy.flag_set" : "privacy.flag_lifted",
      targetType: "contact",
      targetId: contactId,
      details: { flag, requestId: request.id },
    });
    return request.id;
  });
  // The model's weights hold what it learned from their corrected posts: it is trained again
  // from the examples it may use (without theirs, or with them again once the flag is lifted).
  if (flag === "doNotProfile" && (await hasLearnedFrom(workspaceId, contactId)))
    await retrainWithoutErased(workspaceId);
  return { requestId };
}

/** Whether any sentiment example came from a post of one of the contact's identities. */
async function hasLearnedFrom(workspaceId: string, contactId: string): Promise<boolean> {
  const [row] = await query<{ any: boolean }>(
    db(),
    sql`SELECT EXISTS (SELECT 1 FROM "SentimentLabel" l JOIN "Mention" m ON m."id" = l."mentionId"
          JOIN "SocialIdentity" i ON i."id" = m."authorId"
          WHERE l."workspaceId" = ${workspaceId} AND m."workspaceId" = ${workspaceId} AND i."contactId" = ${contactId}) AS "any"`,
  );
  return row.any;
}

export interface PrivacyRequestView {
  id: string;
  kind: string;
  reason: string;
  at: string;
  by: string | null;
}

/** The contact's privacy requests, newest first, with who recorded each. */
export async function listPrivacyRequests(workspaceId: string, contactId: string): Promise<PrivacyRequestView[]> {
  const rows = await db().privacyRequest.findMany({
    where: { workspaceId, contactId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, kind: true, reason: true, createdAt: true, actorUserId: true },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => !!id))];
  const users = actorIds.length
    ? await db().user.findMany({
        where: { id: { in: actorIds }, memberships: { some: { workspaceId } } },
        select: { id: true, name: true },
      })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    at: r.createdAt.toISOString(),
    by: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
  }));
}

export interface PrivacyPanelData {
  contactId: string;
  doNotProfile: boolean;
  restrictProcessing: boolean;
  requests: PrivacyRequestView[];
}

/** What the contact page's privacy panel shows (components/privacy/flags-panel.tsx). */
export async function privacyPanelData(workspaceId: string, contactId: string): Promise<PrivacyPanelData> {
  const [contact, requests] = await Promise.all([
    db().contact.findFirst({
      where: { id: contactId, workspaceId },
      select: { doNotProfile: true, restrictProcessing: true },
    }),
    listPrivacyRequests(workspaceId, contactId),
  ]);
  if (!contact) throw notFound("That contact");
  return { contactId, ...contact, requests };
}
