"use client";

import { useEffect, useId, useRef, useState } from "react";
import { deleteBrandAction } from "@/lib/brands/actions";
import type { BrandDeletionPreview } from "@/lib/brands/brands";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, secondaryButton, textInput } from "@/components/ui/buttons";

const BRANDS_PAGE = "/admin/brands";

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * Confirms deleting a brand: says what goes with it and what stays, and asks for its name.
 * Opened by the page when the address names the brand (?delete=<id>), so the counts are
 * read when the dialog opens; closing it returns to the plain page.
 */
export function DeleteBrandDialog({
  brand,
  preview,
}: {
  brand: { id: string; name: string };
  preview: BrandDeletionPreview;
}) {
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const { pending, error, run, router } = useAction();
  const confirmed = typed.trim() === brand.name;

  // A modal <dialog>: focus moves into it and stays there, Escape closes it, the page behind is inert.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const leave = () => router.replace(BRANDS_PAGE, { scroll: false });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed) return;
    run(
      () => deleteBrandAction({ brandId: brand.id, confirmName: typed }),
      () => dialogRef.current?.close(),
    );
  }

  return (
    <dialog
      ref={dialogRef}
      onClose={leave}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-what`}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4 p-5">
        <h2 id={`${ids}-title`} className="text-lg font-semibold">
          Delete the brand {brand.name}?
        </h2>
        <ul id={`${ids}-what`} className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>Its {count(preview.rules, "keyword rule")} will be deleted with it.</li>
          <li>
            {count(preview.mentions, "mention")} and {count(preview.cases, "case")} stay, without a brand.
          </li>
          {preview.accounts > 0 && (
            <li>{count(preview.accounts, "connected account")} for replying as the brand will be disconnected.</li>
          )}
        </ul>
        <label className="block text-sm">
          Type <strong className="font-semibold">{brand.name}</strong> to confirm
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            className={`mt-1 ${textInput}`}
          />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => dialogRef.current?.close()} className={secondaryButton}>
            Cancel
          </button>
          <button disabled={!confirmed || pending} className={dangerButton}>
            {pending ? "Deleting…" : "Delete brand"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
