import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listBrandsWithRules } from "@/lib/listening/rules";
import { PageHeader } from "@/components/ui/page-header";
import { BrandRules } from "@/components/listening/brand-rules";

export const metadata: Metadata = { title: "Brands & keyword rules" };

export default async function BrandsPage() {
  const admin = await requireUser("ADMIN");
  const brands = await listBrandsWithRules(admin.workspace.id);
  return (
    <>
      <PageHeader
        title="Brands & keyword rules"
        description="What Earshot listens for. A saved rule applies to the next post ingested."
      />
      <div className="space-y-4 p-6">
        {brands.length === 0 && <p className="text-slate-500">No brands yet.</p>}
        {brands.map((brand) => (
          <BrandRules key={brand.id} brand={brand} />
        ))}
      </div>
    </>
  );
}
