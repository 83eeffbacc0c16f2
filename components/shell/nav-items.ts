import type { RoleName } from "@/lib/auth/roles";
import { roleAtLeast } from "@/lib/auth/roles";

export const NAV_ITEMS: Array<{ href: string; label: string; role: RoleName }> = [
  { href: "/inbox", label: "Inbox", role: "AGENT" },
  { href: "/contacts", label: "Contacts", role: "AGENT" },
  { href: "/outbox", label: "Outbox", role: "AGENT" },
  { href: "/approvals", label: "Approvals", role: "MANAGER" },
  { href: "/dashboard", label: "Dashboard", role: "AGENT" },
  { href: "/admin", label: "Admin", role: "ADMIN" },
];

export function navItemsFor(role: RoleName) {
  return NAV_ITEMS.filter((item) => roleAtLeast(role, item.role));
}
