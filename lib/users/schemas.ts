import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

// Shared by the admin forms (client-side hints) and the server actions (the real check).
export const roleSchema = z.enum(ROLES);

export const createMemberSchema = z.object({
  email: z
    .email("Enter a valid e-mail address.")
    .max(320)
    .transform((s) => s.trim().toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  role: roleSchema,
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

export const changeRoleSchema = z.object({ membershipId: z.string().min(1).max(100), role: roleSchema });
export const setActiveSchema = z.object({ membershipId: z.string().min(1).max(100), active: z.boolean() });

export type CreateMemberInput = z.input<typeof createMemberSchema>;
