"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { eraseSubjectAction } from "@/lib/privacy/erase-actions";
import { dangerButton, textInput } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

/** The confirmation that names the person: erasure starts only once their name is typed. */
export function EraseConfirm({
  name,
  subject,
}: {
  name: string;
  subject: { contactId: string } | { identity: string };
}) {
  const [typed, setTyped] = useState("");
  const [done, setDone] = useState<Record<string, number> | null>(null);
  const { pending, error, run } = useAction();
  const router = useRouter();
  if (done)
    return (
      <section role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
        <p className="font-medium">Erased. Nothing about this person remains in Earshot.</p>
        <p className="mt-1 text-xs text-slate-600">
          {Object.entries(done)
            .filter(([, n]) => n)
            .map(([k, n]) => `${k}: ${n}`)
            .join(" · ")}
        </p>
        <button className="mt-2 text-indigo-700 hover:underline" onClick={() => router.push("/contacts")}>
          Back to contacts
        </button>
      </section>
    );
  return (
    <form
      className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => eraseSubjectAction({ ...subject, confirmName: typed } as never),
          (result) => setDone((result as { counts: Record<string, number> }).counts),
        );
      }}
    >
      <label className="block">
        <span className="text-red-900">
          This cannot be undone. Type <strong>{name}</strong> to confirm.
        </span>
        <input
          className={`mt-1 ${textInput}`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Type the person's name to confirm"
          autoComplete="off"
        />
      </label>
      <button className={dangerButton} disabled={pending || typed.trim().toLowerCase() !== name.trim().toLowerCase()}>
        {pending ? "Erasing…" : `Erase ${name}`}
      </button>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
