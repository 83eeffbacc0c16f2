import { ComingSoon, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Brands & keyword rules" };

export default function AdminBrandsPage() {
  return (
    <>
      <PageHeader title="Brands & keyword rules" />
      <div className="p-6">
        <ComingSoon>Brands, competitors and their keyword rules (with a live-validating rule editor) arrive with the listening engine.</ComingSoon>
      </div>
    </>
  );
}
