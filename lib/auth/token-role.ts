// Keeps the role in the session token (read by proxy.ts) in step with the database, so a
// promoted user reaches the new role's pages without signing in again and a demoted one is
// refused by the proxy as well as by the page.
//
// No `import "server-only"`: proxy.ts imports this, and the proxy bundle is not a React server
// layer. It is server code all the same (database access).
import { db } from "@/lib/db/client";
import { roleAtLeast, type RoleName } from "./roles";

/** Tokens older than this re-read the role even where the path does not demand it. */
export const ROLE_REFRESH_SECONDS = 60;

export interface RoleClaims {
  userId?: unknown;
  workspaceId?: unknown;
  sessionVersion?: unknown;
  role?: unknown;
  roleCheckedAt?: unknown;
}

/**
 * Whether the token's role must be read again before deciding: always where the path needs
 * more than an agent (promotions are let in, demotions kept out at once) or the token's role
 * falls short, and otherwise once a minute.
 */
export function needsRoleCheck(token: RoleClaims, required: RoleName | null, nowSeconds: number): boolean {
  if (required && required !== "AGENT") return true;
  if (required && !roleAtLeast(token.role as RoleName, required)) return true;
  const checkedAt = typeof token.roleCheckedAt === "number" ? token.roleCheckedAt : 0;
  return nowSeconds - checkedAt >= ROLE_REFRESH_SECONDS;
}

/** The current role of the token's user in its workspace, or null when the session has ended. */
export async function currentRole(token: RoleClaims): Promise<RoleName | null> {
  if (typeof token.userId !== "string" || typeof token.workspaceId !== "string") return null;
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId: token.workspaceId, userId: token.userId } },
    select: { role: true, active: true, user: { select: { sessionVersion: true } } },
  });
  if (!membership?.active || membership.user.sessionVersion !== token.sessionVersion) return null;
  return membership.role;
}
