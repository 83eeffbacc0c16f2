import "server-only";
import { db } from "@/lib/db/client";
import { execute, query, sql, typedArray } from "@/lib/db/sql";
import { latestInboundFromMessages } from "./denormalized";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

// Merging, splitting and moving: conversations that routing put together wrongly, or apart.
// Messages move with their mentions; both cases record what happened; activity, network and
// sentiment of every case touched are recomputed from what it holds now.

async function loadCase(tx: Tx, workspaceId: string, caseId: string) {
  const c = await tx.case.findFirst({
    where: { id: caseId, workspaceId },
    select: {
      id: true,
      number: true,
      version: true,
      status: true,
      mergedIntoId: true,
      brandId: true,
      authorId: true,
      contactId: true,
      priority: true,
      queueId: true,
      slaPolicyId: true,
    },
  });
  if (!c) throw notFound("That case");
  return c;
}

async function recompute(tx: Tx, workspaceId: string, caseIds: string[]) {
  await execute(
    tx,
    sql`UPDATE "Case" c SET
       "lastActivityAt" = COALESCE((SELECT max(cm."createdAt") FROM "CaseMessage" cm WHERE cm."caseId" = c."id"), c."lastActivityAt"),
       ${latestInboundFromMessages(sql`c`)},
       "searchText" = right(c."subject" || ' ' || COALESCE((SELECT string_agg(m."text", ' ' ORDER BY cm."createdAt") FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
         WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'), ''), 20000),
       "version" = c."version" + 1, "updatedAt" = now()
     WHERE c."workspaceId" = ${workspaceId} AND c."id" = ANY(${typedArray(caseIds, "text")})`,
  );
}

/** Everything of `sourceId` moves into `targetId`; the source is closed and points at the target. */
export async function mergeCases(
  workspaceId: string,
  actorUserId: string,
  input: { sourceId: string; targetNumber: number },
) {
  return db().$transaction(async (tx) => {
    const source = await loadCase(tx, workspaceId, input.sourceId);
    const target = await tx.case.findFirst({
      where: { workspaceId, number: input.targetNumber },
      select: { id: true, number: true, mergedIntoId: true },
    });
    if (!target) throw notFound(`Case #${input.targetNumber}`);
    if (target.id === source.id) throw new ExpectedError("A case cannot be merged into itself.");
    if (source.mergedIntoId || target.mergedIntoId)
      throw new ExpectedError("One of these cases was already merged into another.", "CONFLICT");
    const moved = await tx.caseMessage.updateMany({
      where: { workspaceId, caseId: source.id },
      data: { caseId: target.id },
    });
    await tx.case.update({
      where: { id: source.id },
      data: {
        status: "CLOSED",
        mergedIntoId: target.id,
        slaDueAt: null,
        slaAtRiskAt: null,
        firstResponseDueAt: null,
        nextResponseDueAt: null,
        resolutionDueAt: null,
      },
    });
    await tx.caseEvent.createMany({
      data: [
        {
          workspaceId,
          caseId: source.id,
          actorUserId,
          kind: "merged_into",
          after: { caseId: target.id, number: target.number, messages: moved.count },
        },
        {
          workspaceId,
          caseId: target.id,
          actorUserId,
          kind: "merged_from",
          after: { caseId: source.id, number: source.number, messages: moved.count },
        },
      ],
    });
    await recompute(tx, workspaceId, [source.id, target.id]);
    return { targetNumber: target.number, moved: moved.count };
  });
}

/** Moves one message (with its mention) to another case. */
export async function moveMessage(
  workspaceId: string,
  actorUserId: string,
  input: { messageId: string; targetNumber: number },
) {
  return db().$transaction(async (tx) => {
    const message = await tx.caseMessage.findFirst({
      where: { id: input.messageId, workspaceId },
      select: { id: true, caseId: true, kind: true },
    });
    if (!message) throw notFound("That message");
    const target = await tx.case.findFirst({
      where: { workspaceId, number: input.targetNumber },
      select: { id: true, number: true, mergedIntoId: true },
    });
    if (!target) throw notFound(`Case #${input.targetNumber}`);
    if (target.id === message.caseId) return { targetNumber: target.number };
    if (target.mergedIntoId)
      throw new ExpectedError(`Case #${target.number} was merged into another case.`, "CONFLICT");
    await tx.caseMessage.update({ where: { id: message.id }, data: { caseId: target.id } });
    await tx.caseEvent.createMany({
      data: [
        {
          workspaceId,
          caseId: message.caseId,
          actorUserId,
          kind: "message_moved_out",
          after: { messageId: message.id, to: target.number },
        },
        {
          workspaceId,
          caseId: target.id,
          actorUserId,
          kind: "message_moved_in",
          after: { messageId: message.id, from: message.caseId },
        },
      ],
    });
    await recompute(tx, workspaceId, [message.caseId, target.id]);
    return { targetNumber: target.number };
  });
}

/** The chosen inbound messages become a new case (same brand, author, contact, queue and policy). */
export async function splitCase(
  workspaceId: string,
  actorUserId: string,
  input: { caseId: string; messageIds: string[] },
) {
  return db().$transaction(async (tx) => {
    const source = await loadCase(tx, workspaceId, input.caseId);
    const messages = await tx.caseMessage.findMany({
      where: { workspaceId, caseId: source.id, id: { in: input.messageIds } },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, mention: { select: { text: true, authorId: true } } },
    });
    if (messages.length !== new Set(input.messageIds).size) throw notFound("Some of those messages");
    const remaining = await tx.caseMessage.count({
      where: { caseId: source.id, kind: "INBOUND", id: { notIn: input.messageIds } },
    });
    if (!remaining) throw new ExpectedError("Leave at least one customer message in the original case.");
    const [{ caseCounter }] = await query<{ caseCounter: number }>(
      tx,
      sql`UPDATE "Workspace" SET "caseCounter" = "caseCounter" + 1 WHERE "id" = ${workspaceId} RETURNING "caseCounter"`,
    );
    const text = (messages[0].mention?.text ?? "Split case").replace(/\s+/g, " ").trim();
    const created = await tx.case.create({
      data: {
        workspaceId,
        number: caseCounter,
        subject: text.length > 120 ? `${text.slice(0, 117)}…` : text,
        status: "OPEN",
        priority: source.priority,
        brandId: source.brandId,
        queueId: source.queueId,
        slaPolicyId: source.slaPolicyId,
        contactId: source.contactId,
        authorId: messages[0].mention?.authorId ?? source.authorId,
      },
      select: { id: true, number: true },
    });
    await tx.caseMessage.updateMany({ where: { id: { in: input.messageIds } }, data: { caseId: created.id } });
    await tx.caseEvent.createMany({
      data: [
        {
          workspaceId,
          caseId: source.id,
          actorUserId,
          kind: "split",
          after: { into: created.number, messages: messages.length },
        },
        {
          workspaceId,
          caseId: created.id,
          actorUserId,
          kind: "created",
          after: { splitFrom: source.number, reasons: [`split from case #${source.number}`] },
        },
      ],
    });
    await recompute(tx, workspaceId, [source.id, created.id]);
    return { number: created.number };
  });
}
