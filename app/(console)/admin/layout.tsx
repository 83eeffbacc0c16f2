import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";

const SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/brands", label: "Brands & keyword rules" },
  { href: "/admin/channels", label: "Channels" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/routing", label: "Routing & SLAs" },
  { href: "/admin/sentiment", label: "Sentiment" },
  { href: "/admin/contacts", label: "Contact linking" },
  { href: "/admin/privacy", label: "Privacy" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireUser("ADMIN");
  return (
    <div>
      <nav aria-label="Admin" className="flex gap-1 border-b border-slate-200 bg-white px-6 pt-3">
        {SECTIONS.map((s) => (
          <Link
            key={s.href}
            href={s.href}
            className="rounded-t-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            {s.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
