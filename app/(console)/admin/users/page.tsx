import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listMembers } from "@/lib/users/members";
import { PageHeader } from "@/components/ui/page-header";
import { CreateMemberForm } from "@/components/admin/create-member-form";
import { MemberRowControls } from "@/components/admin/member-row-controls";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireUser("ADMIN");
  const members = await listMembers(admin.workspace.id);
  return (
    <>
      <PageHeader title="Users" description={`People who can sign in to ${admin.workspace.name}`} />
      <div className="grid gap-6 p-6 lg:grid-cols-[1fr_20rem]">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="member-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">E-mail</th>
                <th className="px-3 py-2">Role</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.membershipId} data-email={m.email} className={m.active ? "" : "text-slate-400"}>
                  <td className="px-3 py-2 font-medium">{m.name}</td>
                  <td className="px-3 py-2">{m.email}</td>
                  <MemberRowControls member={m} isSelf={m.userId === admin.id} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CreateMemberForm />
      </div>
    </>
  );
}
