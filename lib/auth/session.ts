import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import type { RoleName } from "./roles";
import type { SessionClaims } from "./sign-in";

// The one place that reads the session. Everything else asks getSessionUser().

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  workspace: WorkspaceRef;
  workspaces: Array<WorkspaceRef & { role: RoleName }>;
}

// Lets tests act as a signed-in user without a browser; the database checks below still run.
const claimsOverride = new AsyncLocalStorage<SessionClaims | null>();

export function runAsSession<T>(claims: SessionClaims | null, fn: () => Promise<T>): Promise<T> {
  return claimsOverride.run(claims, fn);
}

async function readClaims(): Promise<SessionClaims | null> {
  const overridden = claimsOverride.getStore();
  if (overridden !== undefined) return overridden;
  const session = (await getServerSession(authOptions)) as { claims?: Partial<SessionClaims> } | null;
  const claims = session?.claims;
  if (!claims?.userId || !claims.workspaceId || typeof claims.sessionVersion !== "number") return null;
  return claims as SessionClaims;
}

/**
 * The signed-in user in the session's workspace, checked against the database on every
 * request: a deactivated membership or a bumped session version ends the session at once,
 * and the role is always the current one.
 */
export async function loadSessionUser(claims: SessionClaims): Promise<SessionUser | null> {
  const user = await db().user.findUnique({
    where: { id: claims.userId },
    include: { memberships: { where: { active: true }, include: { workspace: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || user.sessionVersion !== claims.sessionVersion) return null;
  const current = user.memberships.find((m) => m.workspaceId === claims.workspaceId);
  if (!current) return null;
  const ref = (w: { id: string; slug: string; name: string }) => ({ id: w.id, slug: w.slug, name: w.name });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: current.role,
    workspace: ref(current.workspace),
    workspaces: user.memberships.map((m) => ({ ...ref(m.workspace), role: m.role })),
  };
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readClaims();
  return claims ? loadSessionUser(claims) : null;
});
