"use client";

import { useState } from "react";
import { setContactSettingsAction } from "@/lib/contacts/actions";
import type { ContactSettings } from "@/lib/contacts/settings";
import { useAction } from "@/components/ui/use-action";

export function ContactSettingsForm({ settings }: { settings: ContactSettings }) {
  const { pending, error, run } = useAction();
  const [autoCreate, setAutoCreate] = useState(settings.autoCreate);
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={autoCreate}
          disabled={pending}
          aria-label="Create contacts automatically"
          onChange={(e) => {
            const next = e.target.checked;
            setAutoCreate(next);
            run(() => setContactSettingsAction({ autoCreate: next }));
          }}
        />
        <span>
          <strong>Create a contact for every new author</strong>
          <span className="block text-slate-500">
            Off: authors without a contact appear as social profiles until an agent links or creates one. On: a contact
            is created for a new author unless there is a suggestion for an existing contact (those wait for an agent,
            so one customer never becomes two contacts).
          </span>
        </span>
      </label>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
