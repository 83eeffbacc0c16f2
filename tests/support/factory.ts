// Builds isolated test tenants: every test works in workspaces of its own.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/roles";
import type { SessionClaims } from "@/lib/auth/sign-in";

let cachedHash: Promise<string> | null = null;
export const TEST_PASSWORD = "correct horse battery";

export function uniqueSuffix() {
  return randomBytes(5).toString("hex");
}

export interface TestMember {
  userId: string;
  membershipId: string;
  email: string;
  role: RoleName;
  claims: SessionClaims;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  agent: TestMember;
  manager: TestMember;
  admin: TestMember;
}

export async function createMember(
  workspaceId: string,
  role: RoleName,
  label = role.toLowerCase(),
): Promise<TestMember> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = `${label}-${uniqueSuffix()}@test.earshot.dev`;
  const user = await db().user.create({ data: { email, name: `Test ${label}`, passwordHash: await cachedHash } });
  const membership = await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  return {
    userId: user.id,
    membershipId: membership.id,
    email,
    role,
    claims: { userId: user.id, workspaceId, role, sessionVersion: 0 },
  };
}

export async function createTestWorkspace(): Promise<TestWorkspace> {
  const slug = `ws-${uniqueSuffix()}`;
  const workspace = await db().workspace.create({ data: { slug, name: `Workspace ${slug}` } });
  return {
    id: workspace.id,
    slug,
    agent: await createMember(workspace.id, "AGENT"),
    manager: await createMember(workspace.id, "MANAGER"),
    admin: await createMember(workspace.id, "ADMIN"),
  };
}
