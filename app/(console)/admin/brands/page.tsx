import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { ExpectedError } from "@/lib/actions/errors";
import { brandDeletionPreview, listBrandSettings, type BrandSettings } from "@/lib/brands/brands";
import { listBrandsWithRules } from "@/lib/listening/rules";
import { firstValue, ID_PATTERN, type SearchParams } from "@/lib/util/params";
import { PageHeader } from "@/components/ui/page-header";
import { BrandRules } from "@/components/listening/brand-rules";
import { BrandCard } from "@/components/brands/brand-card";
import { DeleteBrandDialog } from "@/components/brands/delete-brand-dialog";
import { NewBrandForm } from "@/components/brands/new-brand-form";

export const metadata: Metadata = { title: "Brands & keyword rules" };

/** The brand the address asks to delete (?delete=<id>), with what deleting it would do; else null. */
async function deletion(workspaceId: string, brands: BrandSettings[], param: unknown) {
  const id = firstValue(param);
  const brand = typeof id === "string" && ID_PATTERN.test(id) ? brands.find((b) => b.id === id) : undefined;
  if (!brand) return null;
  try {
    return { brand, preview: await brandDeletionPreview(workspaceId, brand.id) };
  } catch (error) {
    if (error instanceof ExpectedError) return null; // deleted meanwhile
    throw error;
  }
}

export default async function BrandsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireUser("ADMIN");
  const workspaceId = admin.workspace.id;
  const [brands, withRules, params] = await Promise.all([
    listBrandSettings(workspaceId),
    listBrandsWithRules(workspaceId),
    searchParams,
  ]);
  const rulesOf = new Map(withRules.map((b) => [b.id, b]));
  const deleting = await deletion(workspaceId, brands, params.delete);
  return (
    <>
      <PageHeader
        title="Brands & keyword rules"
        description="What Earshot listens for. A saved rule or handle applies to the next post ingested."
      />
      <div className="space-y-6 p-6">
        <NewBrandForm />
        {brands.length === 0 && <p className="text-slate-500">No brands yet.</p>}
        {brands.map((brand) => (
          <article key={brand.id} aria-label={brand.name} className="space-y-2">
            <BrandCard brand={brand} />
            <BrandRules brand={rulesOf.get(brand.id) ?? { ...brand, rules: [] }} />
          </article>
        ))}
      </div>
      {deleting && <DeleteBrandDialog key={deleting.brand.id} brand={deleting.brand} preview={deleting.preview} />}
    </>
  );
}
