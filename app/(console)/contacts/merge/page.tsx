import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { ExpectedError } from "@/lib/actions/errors";
import { contactBrief } from "@/lib/contacts/profile";
import { PageHeader } from "@/components/ui/page-header";
import { MergeForm } from "@/components/contacts/merge-form";
import { ID_PATTERN, firstValue, type SearchParams } from "@/lib/util/params";

export const metadata: Metadata = { title: "Merge contacts" };

export default async function MergePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const query = await searchParams;
  const a = firstValue(query.a),
    b = firstValue(query.b);
  if (typeof a !== "string" || typeof b !== "string" || !ID_PATTERN.test(a) || !ID_PATTERN.test(b) || a === b)
    notFound();
  const [left, right] = await Promise.all([
    contactBrief(user.workspace.id, a),
    contactBrief(user.workspace.id, b),
  ]).catch((error) => {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (left.mergedIntoId || right.mergedIntoId) {
    return (
      <>
        <PageHeader title="Merge contacts" />
        <p role="alert" className="m-6 rounded bg-amber-50 p-3 text-sm text-amber-900">
          One of these contacts has already been merged into another one.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Merge contacts" description={`${left.fields.name} and ${right.fields.name}`} />
      <div className="max-w-5xl p-6">
        <MergeForm a={left} b={right} />
      </div>
    </>
  );
}
