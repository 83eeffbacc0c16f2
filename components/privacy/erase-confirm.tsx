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
  const { pending, error, run } = useAction();
  const router = useRouter();
  return (
    <form
      className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => eraseSubjectAction({ ...subject, confirmName: typed } as never),
          // The person's page is gone once this succeeds: the result has its own address.
          (result) => router.replace(`/privacy/erase?done=${(result as { jobId: string }).jobId}`),
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
