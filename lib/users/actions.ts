"use server";

import { adminAction } from "@/lib/actions/clients";
import { changeMemberRole, createMember, setMemberActive } from "./members";
import { changeRoleSchema, createMemberSchema, setActiveSchema } from "./schemas";

const USERS_PAGE = ["/admin/users"];

export const createMemberAction = adminAction(
  "users.createMember",
  createMemberSchema,
  (input, { user, workspaceId }) => createMember(workspaceId, user.id, input),
  { revalidate: USERS_PAGE },
);

export const changeMemberRoleAction = adminAction(
  "users.changeRole",
  changeRoleSchema,
  async (input, { user, workspaceId }) => {
    await changeMemberRole(workspaceId, user.id, input.membershipId, input.role);
    return null;
  },
  { revalidate: USERS_PAGE },
);

export const setMemberActiveAction = adminAction(
  "users.setActive",
  setActiveSchema,
  async (input, { user, workspaceId }) => {
    await setMemberActive(workspaceId, user.id, input.membershipId, input.active);
    return null;
  },
  { revalidate: USERS_PAGE },
);
