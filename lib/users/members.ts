import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { RoleName } from "@/lib/auth/roles";
import type { z } from "zod";
import type { createMemberSchema } from "./schemas";

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: RoleName;
  active: boolean;
  createdAt: string;
}

export async function listMembers(workspaceId: string): Promise<MemberRow[]> {
  const rows = await db().membership.findMany({
    where: { workspaceId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: [{ active: "desc" }, { role: "desc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => ({
    membershipId: m.id,
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    active: m.active,
    createdAt: m.createdAt.toISOString(),
  }));
}

/**
 * Adds a user to the workspace. A new e-mail creates the user; an existing user from another
 * workspace is added with the role given (their password is left alone).
 */
export async function createMember(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof createMemberSchema>,
): Promise<MemberRow> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing) {
      const already = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId, userId: existing.id } },
      });
      if (already) throw new ExpectedError(`${input.email} is already a member of this workspace.`, "CONFLICT");
    }
    const user = existing ?? (await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } }));
    const membership = await tx.membership.create({ data: { workspaceId, userId: user.id, role: input.role } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "member.created",
      targetType: "membership",
      targetId: membership.id,
      details: { email: user.email, role: input.role },
    });
    return {
      membershipId: membership.id,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: membership.role,
      active: membership.active,
      createdAt: membership.createdAt.toISOString(),
    };
  });
}

async function loadMembership(workspaceId: string, membershipId: string, actorUserId: string) {
  const membership = await db().membership.findFirst({ where: { id: membershipId, workspaceId } });
  if (!membership) throw notFound("That member");
  if (membership.userId === actorUserId) {
    throw new ExpectedError("You can't change your own role or deactivate yourself; ask another admin.", "FORBIDDEN");
  }
  return membership;
}

export async function changeMemberRole(
  workspaceId: string,
  actorUserId: string,
  membershipId: string,
  role: RoleName,
): Promise<void> {
  const membership = await loadMembership(workspaceId, membershipId, actorUserId);
  if (membership.role === role) return;
  await db().$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membership.id,
      details: { from: membership.role, to: role },
    });
  });
}

/** Deactivating also bumps the user's session version, so their open sessions stop working. */
export async function setMemberActive(
  workspaceId: string,
  actorUserId: string,
  membershipId: string,
  active: boolean,
): Promise<void> {
  const membership = await loadMembership(workspaceId, membershipId, actorUserId);
  if (membership.active === active) return;
  await db().$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membership.id }, data: { active } });
    if (!active) await tx.user.update({ where: { id: membership.userId }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: active ? "member.reactivated" : "member.deactivated",
      targetType: "membership",
      targetId: membership.id,
    });
  });
}
