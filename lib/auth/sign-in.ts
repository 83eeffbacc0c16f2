import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { dummyPasswordHash, verifyPassword } from "./password";
import { issueKnownDevice, readKnownDevice } from "./known-device";
import { checkSignInThrottle, clearSourceFailures, recordSignInFailure, type AttemptSource } from "./rate-limit";
import type { RoleName } from "./roles";

export const GENERIC_SIGN_IN_ERROR = "Invalid e-mail or password.";
export const THROTTLED_SIGN_IN_ERROR = "Too many failed sign-ins. Wait a few minutes and try again.";

export interface SessionClaims {
  userId: string;
  workspaceId: string;
  role: RoleName;
  sessionVersion: number;
}

export type SignInResult =
  | {
      ok: true;
      claims: SessionClaims;
      name: string;
      email: string;
      /** A fresh known-device token for this browser (null when no auth secret is configured). */
      knownDeviceToken: string | null;
    }
  | { ok: false; error: string };

/**
 * Checks credentials. Every failure looks the same to the caller, except throttling.
 * `knownDeviceToken` is the browser's known-device cookie, if any (lib/auth/known-device.ts).
 */
export async function authenticate(
  emailInput: string,
  password: string,
  ip: string,
  knownDeviceToken: string | null = null,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const found = await db().user.findUnique({
    where: { email },
    include: { memberships: { orderBy: { createdAt: "asc" } } },
  });
  // Only active memberships sign in; all of them say which workspace audits a failed attempt.
  const user = found && { ...found, memberships: found.memberships.filter((m) => m.active) };
  const secret = process.env.NEXTAUTH_SECRET;
  const device = secret && user ? readKnownDevice(secret, knownDeviceToken) : null;
  const knownDeviceId =
    device && device.userId === user?.id && device.sessionVersion === user.sessionVersion ? device.deviceId : null;
  const source: AttemptSource = { email, ip, knownDeviceId };
  if (!(await checkSignInThrottle(source)).allowed) {
    await auditFailedSignIn(found, ip, "throttled");
    return { ok: false, error: THROTTLED_SIGN_IN_ERROR };
  }
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.memberships.length === 0) {
    await recordSignInFailure(source);
    await auditFailedSignIn(found, ip, !valid ? "wrong_password" : "no_active_membership");
    return { ok: false, error: GENERIC_SIGN_IN_ERROR };
  }
  await clearSourceFailures(source);
  const membership = user.memberships.find((m) => m.workspaceId === user.lastWorkspaceId) ?? user.memberships[0];
  await writeAudit(db(), {
    workspaceId: membership.workspaceId,
    actorUserId: user.id,
    action: "auth.sign_in",
    targetType: "User",
    targetId: user.id,
    details: { ip, knownDevice: knownDeviceId !== null },
  });
  return {
    ok: true,
    name: user.name,
    email: user.email,
    knownDeviceToken: secret
      ? issueKnownDevice(secret, user.id, user.sessionVersion, Date.now(), knownDeviceId ?? undefined)
      : null,
    claims: {
      userId: user.id,
      workspaceId: membership.workspaceId,
      role: membership.role,
      sessionVersion: user.sessionVersion,
    },
  };
}

type FailureReason = "throttled" | "wrong_password" | "no_active_membership";

/**
 * Audits a refused sign-in in the workspace of the account it tried (the one it would have
 * signed into, else its most recent membership's). An e-mail that names no user, or a user in
 * no workspace, has no workspace to audit in: nothing is written (the throttle still counts it).
 * Never the password; the address the attempt came from.
 */
async function auditFailedSignIn(
  user: {
    id: string;
    lastWorkspaceId: string | null;
    memberships: Array<{ workspaceId: string; active: boolean }>;
  } | null,
  ip: string,
  reason: FailureReason,
): Promise<void> {
  if (!user || user.memberships.length === 0) return;
  const active = user.memberships.filter((m) => m.active);
  const workspaceId = (
    active.find((m) => m.workspaceId === user.lastWorkspaceId) ??
    active[0] ??
    user.memberships.at(-1)!
  ).workspaceId;
  await writeAudit(db(), {
    workspaceId,
    actorUserId: user.id,
    action: "auth.sign_in_failed",
    targetType: "User",
    targetId: user.id,
    details: { ip, reason },
  });
}

/** Re-targets a session at another workspace the user is an active member of. */
export async function claimsForWorkspace(userId: string, workspaceId: string): Promise<SessionClaims | null> {
  const membership = await db().membership.findFirst({
    where: { userId, workspaceId, active: true },
    include: { user: true },
  });
  if (!membership) return null;
  await db().user.update({ where: { id: userId }, data: { lastWorkspaceId: workspaceId } });
  return { userId, workspaceId, role: membership.role, sessionVersion: membership.user.sessionVersion };
}
