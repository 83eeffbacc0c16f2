// Roles are ordered: each level can do everything the one below can.
export const ROLES = ["AGENT", "MANAGER", "ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

export function roleAtLeast(role: RoleName, required: RoleName): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The first path segment each area needs; used by the proxy, the navigation and the pages. */
export const AREA_ROLES: Record<string, RoleName> = {
  inbox: "AGENT",
  contacts: "AGENT",
  dashboard: "AGENT",
  admin: "ADMIN",
};

export function requiredRoleForPath(pathname: string): RoleName | null {
  const first = pathname.split("/")[1] ?? "";
  return AREA_ROLES[first] ?? null;
}
