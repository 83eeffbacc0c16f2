import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/shell/providers";
import { requireUser } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
