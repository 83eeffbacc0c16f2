"use client";

import { useId, useRef, useState } from "react";
import { createBrandAction } from "@/lib/brands/actions";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";
import { primaryButton, textInput } from "@/components/ui/buttons";

/** "New brand": a name and whether it is a competitor; colour and handles are set on its card. */
export function NewBrandForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const { pending, error, fieldErrors, run, router } = useAction<ActionFields<typeof createBrandAction>>();
  const [created, setCreated] = useState<string | null>(null);
  const nameError = fieldErrors.name?.[0];

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), isCompetitor: form.get("isCompetitor") === "on" };
    run(() => createBrandAction(input), {
      onSuccess: (brand) => {
        setCreated(brand.name);
        formRef.current?.reset();
        router.refresh();
      },
      onFailure: () => setCreated(null),
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="New brand"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label className="block min-w-56 flex-1 text-sm">
        Brand name
        <input
          name="name"
          required
          maxLength={80}
          autoComplete="off"
          className={`mt-1 ${textInput}`}
          aria-invalid={!!nameError}
          aria-describedby={nameError || error ? errorId : undefined}
        />
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="isCompetitor" className="h-4 w-4 rounded border-slate-300" />
        Competitor
      </label>
      <button disabled={pending} className={primaryButton}>
        {pending ? "Creating…" : "Create brand"}
      </button>
      {(nameError || error) && (
        <p id={errorId} role="alert" className="w-full text-sm text-red-700">
          {nameError ?? error}
        </p>
      )}
      {created && (
        <p role="status" className="w-full text-sm text-emerald-800">
          Created {created}. Add its handles and keyword rules below.
        </p>
      )}
    </form>
  );
}
