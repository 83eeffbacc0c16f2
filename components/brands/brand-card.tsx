"use client";

import { useId, useState, useTransition } from "react";
import { updateBrandAction } from "@/lib/brands/actions";
import type { ActionFields } from "@/lib/actions/result";
import type { BrandSettings } from "@/lib/brands/brands";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { OwnHandlesEditor } from "./own-handles-editor";

// Distinct on charts and on white; the first is the default a new brand gets.
const PALETTE = [
  { name: "Indigo", value: "#4f46e5" },
  { name: "Sky", value: "#0284c7" },
  { name: "Teal", value: "#0d9488" },
  { name: "Green", value: "#16a34a" },
  { name: "Amber", value: "#d97706" },
  { name: "Orange", value: "#ea580c" },
  { name: "Red", value: "#dc2626" },
  { name: "Pink", value: "#db2777" },
  { name: "Violet", value: "#7c3aed" },
  { name: "Slate", value: "#475569" },
];

type Change = { name?: string; color?: string; isCompetitor?: boolean };

/** A brand's own settings, above its keyword rules: name, colour, competitor flag, handles, delete. */
export function BrandCard({ brand }: { brand: BrandSettings }) {
  const ids = useId();
  const { pending, error, fieldErrors, run, reset, router } = useAction<ActionFields<typeof updateBrandAction>>();
  const [renaming, setRenaming] = useState(false);
  const [opening, startOpening] = useTransition();
  const palette = PALETTE.some((c) => c.value === brand.color)
    ? PALETTE
    : [...PALETTE, { name: `Current colour (${brand.color})`, value: brand.color }];

  function save(change: Change, onSaved: () => void = () => {}) {
    run(() => updateBrandAction({ brandId: brand.id, ...change }), {
      onSuccess: () => {
        onSaved();
        router.refresh();
      },
    });
  }

  function rename(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    if (name.trim() === brand.name) return setRenaming(false);
    save({ name }, () => setRenaming(false));
  }

  function cancelRename() {
    setRenaming(false);
    reset();
  }

  // While renaming, a refusal (a duplicate name) belongs beside the name field.
  const renameError = renaming ? (fieldErrors.name?.[0] ?? error) : null;
  const cardError = renaming ? null : error;

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        {renaming ? (
          <form
            onSubmit={rename}
            onKeyDown={(e) => e.key === "Escape" && cancelRename()}
            aria-label={`Rename ${brand.name}`}
            className="flex flex-wrap items-center gap-2"
          >
            <label htmlFor={`${ids}-name`} className="sr-only">
              Brand name
            </label>
            <input
              id={`${ids}-name`}
              name="name"
              defaultValue={brand.name}
              maxLength={80}
              autoFocus
              autoComplete="off"
              aria-invalid={!!renameError}
              aria-describedby={renameError ? `${ids}-name-error` : undefined}
              className={`${textInput} w-64`}
            />
            <button disabled={pending} className={primaryButton}>
              {pending ? "Saving…" : "Save name"}
            </button>
            <button type="button" onClick={cancelRename} className={secondaryButton}>
              Cancel
            </button>
            {renameError && (
              <p id={`${ids}-name-error`} role="alert" className="w-full text-sm text-red-700">
                {renameError}
              </p>
            )}
          </form>
        ) : (
          <div className="flex items-center gap-2">
            <span aria-hidden className="h-4 w-4 rounded-full" style={{ backgroundColor: brand.color }} />
            <h2 className="text-lg font-semibold">{brand.name}</h2>
            <button
              type="button"
              onClick={() => {
                reset();
                setRenaming(true);
              }}
              aria-label={`Rename ${brand.name}`}
              className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
            >
              Rename
            </button>
          </div>
        )}
        <button
          type="button"
          aria-haspopup="dialog"
          disabled={opening}
          onClick={() =>
            startOpening(() => router.push(`/admin/brands?delete=${encodeURIComponent(brand.id)}`, { scroll: false }))
          }
          className={dangerButton}
        >
          {opening ? "Counting…" : "Delete brand"}
        </button>
      </div>

      <div className="flex flex-wrap items-center gap-6">
        <fieldset className="flex items-center gap-2">
          <legend className="sr-only">Colour</legend>
          <span aria-hidden className="text-sm text-slate-600">
            Colour
          </span>
          <div className="flex flex-wrap gap-1">
            {palette.map((c) => (
              <label key={c.value} title={c.name} className="cursor-pointer">
                <input
                  type="radio"
                  name={`${ids}-color`}
                  value={c.value}
                  checked={brand.color === c.value}
                  disabled={pending}
                  onChange={() => save({ color: c.value })}
                  aria-label={c.name}
                  className="peer sr-only"
                />
                <span
                  aria-hidden
                  className="block h-5 w-5 rounded-full ring-offset-2 peer-checked:ring-2 peer-checked:ring-slate-900 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-4 peer-focus-visible:outline-indigo-600"
                  style={{ backgroundColor: c.value }}
                />
              </label>
            ))}
          </div>
        </fieldset>

        <button
          type="button"
          role="switch"
          aria-checked={brand.isCompetitor}
          disabled={pending}
          onClick={() => save({ isCompetitor: !brand.isCompetitor })}
          className="inline-flex items-center gap-2 text-sm text-slate-700 disabled:opacity-60"
        >
          <span
            aria-hidden
            className={`relative inline-block h-5 w-9 rounded-full transition-colors ${brand.isCompetitor ? "bg-red-600" : "bg-slate-300"}`}
          >
            <span
              className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${brand.isCompetitor ? "left-[1.125rem]" : "left-0.5"}`}
            />
          </span>
          Competitor
        </button>
      </div>

      {cardError && (
        <p role="alert" className="text-sm text-red-700">
          {cardError}
        </p>
      )}

      <OwnHandlesEditor brand={brand} />
    </div>
  );
}
