"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/clients";
import { changeMemberRole, createMember, setMemberActive } from "./members";
import { changeRoleSchema, createMemberSchema, setActiveSchema } from "./schemas";

export const createMemberAction = adminAction(createMemberSchema, async (input, { user, workspaceId }) => {
  const member = await createMember(workspaceId, user.id, input);
  revalidatePath("/admin/users");
  return member;
});

export const changeMemberRoleAction = adminAction(changeRoleSchema, async (input, { user, workspaceId }) => {
  await changeMemberRole(workspaceId, user.id, input.membershipId, input.role);
  revalidatePath("/admin/users");
  return null;
});

export const setMemberActiveAction = adminAction(setActiveSchema, async (input, { user, workspaceId }) => {
  await setMemberActive(workspaceId, user.id, input.membershipId, input.active);
  revalidatePath("/admin/users");
  return null;
});
