"use client";

import { signOut, useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RoleName } from "@/lib/auth/roles";

interface Props {
  name: string;
  email: string;
  role: RoleName;
  workspace: { id: string; name: string };
  workspaces: Array<{ id: string; name: string; role: RoleName }>;
}

const ROLE_LABEL: Record<RoleName, string> = { AGENT: "Agent", MANAGER: "Manager", ADMIN: "Admin" };

export function UserMenu({ name, email, role, workspace, workspaces }: Props) {
  // update() is a no-op until the session has loaded, so the switcher waits for it.
  const { update, status } = useSession();
  const router = useRouter();
  const [switching, setSwitching] = useState(false);

  async function switchTo(workspaceId: string) {
    if (workspaceId === workspace.id) return;
    setSwitching(true);
    await update({ workspaceId });
    router.push("/inbox");
    router.refresh();
    setSwitching(false);
  }

  return (
    <div className="border-t border-slate-200 p-3 text-sm">
      <div data-testid="current-user" className="font-medium">
        {name}
      </div>
      <div className="truncate text-xs text-slate-500">{email}</div>
      <div className="mt-1 text-xs">
        <span data-testid="current-role" className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
          {ROLE_LABEL[role]}
        </span>
      </div>
      {workspaces.length > 1 ? (
        <label className="mt-3 block text-xs text-slate-500">
          Workspace
          <select
            data-testid="workspace-switcher"
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
            value={workspace.id}
            disabled={switching || status !== "authenticated"}
            onChange={(e) => switchTo(e.target.value)}
          >
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({ROLE_LABEL[w.role]})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <div data-testid="current-workspace" className="mt-3 text-xs text-slate-500">
          Workspace: <span className="text-slate-900">{workspace.name}</span>
        </div>
      )}
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/signin" })}
        className="mt-3 w-full rounded-md border border-slate-300 px-2 py-1.5 text-slate-700 hover:bg-slate-100"
      >
        Sign out
      </button>
    </div>
  );
}
