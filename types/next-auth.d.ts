import "next-auth/jwt";
import type { RoleName } from "@/lib/auth/roles";

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    role?: RoleName;
    sessionVersion?: number;
  }
}
