"use client";

import { changeMemberRoleAction, setMemberActiveAction } from "@/lib/users/actions";
import { ROLES, type RoleName } from "@/lib/auth/roles";
import type { MemberRow } from "@/lib/users/members";
import { useAction } from "@/components/ui/use-action";

export function MemberRowControls({ member, isSelf }: { member: MemberRow; isSelf: boolean }) {
  const { pending, error, run } = useAction();

  return (
    <>
      <td className="px-3 py-2">
        <select
          aria-label={`Role of ${member.email}`}
          value={member.role}
          disabled={isSelf || pending || !member.active}
          onChange={(e) =>
            run(() => changeMemberRoleAction({ membershipId: member.membershipId, role: e.target.value as RoleName }))
          }
          className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.charAt(0) + r.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">{member.active ? "Active" : "Deactivated"}</td>
      <td className="px-3 py-2 text-right">
        {!isSelf && (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(() => setMemberActiveAction({ membershipId: member.membershipId, active: !member.active }))
            }
            className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
          >
            {member.active ? "Deactivate" : "Reactivate"}
          </button>
        )}
        {error && (
          <span role="alert" className="ml-2 text-xs text-red-600">
            {error}
          </span>
        )}
      </td>
    </>
  );
}
