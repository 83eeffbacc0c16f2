// Roles are ordered: each level can do everything the one below can (ROLES is lowest first).
import { ROLES, type RoleName } from "@/lib/domain/vocabulary";

export { ROLES, type RoleName };

export function roleAtLeast(role: RoleName, required: RoleName): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/**
 * The role each area needs, by its first one or two path segments (the longer match wins);
 * used by the proxy. The pages check the same role again against the database.
 */
export const AREA_ROLES: Record<string, RoleName> = {
  inbox: "AGENT",
  contacts: "AGENT",
  "contacts/import": "MANAGER",
  dashboard: "AGENT",
  mentions: "MANAGER",
  outbox: "AGENT",
  approvals: "MANAGER",
  "privacy/erase": "ADMIN",
  "api/admin": "ADMIN",
  admin: "ADMIN",
};

export function requiredRoleForPath(pathname: string): RoleName | null {
  const [, first = "", second = ""] = pathname.split("/");
  return AREA_ROLES[`${first}/${second}`] ?? AREA_ROLES[first] ?? null;
}
