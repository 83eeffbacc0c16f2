import "server-only";
import { redirect } from "next/navigation";
import { getSessionUser, type SessionUser } from "./session";
import { roleAtLeast, type RoleName } from "./roles";

/** For pages: the signed-in user with at least `role`, or a redirect (sign-in, or forbidden). */
export async function requireUser(role: RoleName = "AGENT"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin?error=SessionEnded");
  if (!roleAtLeast(user.role, role)) redirect("/forbidden");
  return user;
}
