import type { SessionUser } from "@/lib/auth/session";
import { navItemsFor } from "./nav-items";
import { NavLink } from "./nav-link";
import { InboxBadge } from "./inbox-badge";
import { UserMenu } from "./user-menu";

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="flex items-center gap-2 px-4 py-4">
          <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-600 font-bold text-white">
            E
          </div>
          <span className="text-lg font-semibold">Earshot</span>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-1 px-2">
          {navItemsFor(user.role).map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
              {item.href === "/inbox" && <InboxBadge />}
            </NavLink>
          ))}
        </nav>
        <UserMenu
          name={user.name}
          email={user.email}
          role={user.role}
          workspace={user.workspace}
          workspaces={user.workspaces}
        />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
