import Link from "next/link";

const TABS = [
  { key: "contacts", label: "Contacts", href: "/contacts" },
  { key: "profiles", label: "Unlinked profiles", href: "/contacts/profiles" },
  { key: "import", label: "Import", href: "/contacts/import", manager: true },
];

export function ContactsNav({ active, canManage }: { active: string; canManage: boolean }) {
  return (
    <nav aria-label="Contacts" className="flex gap-1 border-b border-slate-200 bg-white px-6 pt-2">
      {TABS.filter((t) => !t.manager || canManage).map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={active === t.key ? "page" : undefined}
          className={`rounded-t-md px-3 py-2 text-sm ${active === t.key ? "border-b-2 border-indigo-600 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
