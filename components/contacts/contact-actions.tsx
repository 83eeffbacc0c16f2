"use client";

import { useState } from "react";
import {
  acceptSuggestionAction,
  addContactNoteAction,
  createContactFromIdentityAction,
  linkIdentityAction,
  rejectSuggestionAction,
  searchContactsAction,
  undoMergeAction,
  unlinkIdentityAction,
} from "@/lib/contacts/actions";
import type { ContactSearchRow } from "@/lib/contacts/search";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

const Err = ({ error }: { error: string | null }) =>
  error ? (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {error}
    </p>
  ) : null;

export function UnlinkButton({
  identityId,
  contactId,
  handle,
}: {
  identityId: string;
  contactId: string;
  handle: string;
}) {
  const { pending, error, run } = useAction();
  return (
    <span>
      <button
        className="text-xs text-red-700 hover:underline disabled:opacity-60"
        disabled={pending}
        aria-label={`Unlink @${handle}`}
        onClick={() => run(() => unlinkIdentityAction({ identityId, expectedContactId: contactId }))}
      >
        {pending ? "Unlinking…" : "Unlink"}
      </button>
      <Err error={error} />
    </span>
  );
}

export function SuggestionButtons({ suggestionId, label }: { suggestionId: string; label: string }) {
  const { pending, error, run } = useAction();
  return (
    <div>
      <div className="flex gap-2">
        <button
          className={primaryButton}
          disabled={pending}
          aria-label={`Accept: ${label}`}
          onClick={() => run(() => acceptSuggestionAction({ suggestionId }))}
        >
          Link
        </button>
        <button
          className={secondaryButton}
          disabled={pending}
          aria-label={`Reject: ${label}`}
          onClick={() => run(() => rejectSuggestionAction({ suggestionId }))}
        >
          Not the same
        </button>
      </div>
      <Err error={error} />
    </div>
  );
}

export function NoteForm({ contactId }: { contactId: string }) {
  const { pending, error, run, router } = useAction();
  const [body, setBody] = useState("");
  return (
    <form
      className="space-y-2"
      aria-label="Add a note"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => addContactNoteAction({ contactId, body }),
          () => {
            setBody("");
            router.refresh();
          },
        );
      }}
    >
      <textarea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={2}
        placeholder="Internal note (agents only)"
        aria-label="Note"
        className={textInput}
      />
      <button disabled={pending || !body.trim()} className={secondaryButton}>
        {pending ? "Adding…" : "Add note"}
      </button>
      <Err error={error} />
    </form>
  );
}

export function UndoMergeButton({ mergeId, name }: { mergeId: string; name: string }) {
  const { pending, error, run, router } = useAction();
  return (
    <span>
      <button
        className={dangerButton}
        disabled={pending}
        aria-label={`Undo merge of ${name}`}
        onClick={() =>
          run(
            () => undoMergeAction({ mergeId }),
            (r) => {
              const kept = r.keptEditedFields.length
                ? `&kept=${encodeURIComponent(r.keptEditedFields.join(", "))}`
                : "";
              router.push(`/contacts/${r.survivorId}?undone=${r.restoredId}${kept}`);
            },
          )
        }
      >
        {pending ? "Undoing…" : "Undo merge"}
      </button>
      <Err error={error} />
    </span>
  );
}

/** Link an unlinked profile: search a contact and link, or create a contact from it. */
export function LinkPicker({ identityId, suggestedName }: { identityId: string; suggestedName: string }) {
  const { pending, error, run, router } = useAction();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<ContactSearchRow[] | null>(null);
  return (
    <div className="space-y-3">
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => searchContactsAction({ query }),
            (rows) => setResults(rows),
          );
        }}
      >
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Find a contact to link"
          placeholder="Find a contact: name, e-mail, phone, @handle"
          className={textInput}
        />
        <button className={secondaryButton} disabled={pending || !query.trim()}>
          Find
        </button>
      </form>
      {results && (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200" aria-label="Contacts found">
          {results.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <strong>{c.name}</strong>{" "}
                <span className="text-slate-500">{[c.email, c.company].filter(Boolean).join(" · ")}</span>
              </span>
              <button
                className={secondaryButton}
                disabled={pending}
                aria-label={`Link to ${c.name}`}
                onClick={() =>
                  run(
                    () => linkIdentityAction({ identityId, contactId: c.id, expectedContactId: null }),
                    () => router.push(`/contacts/${c.id}`),
                  )
                }
              >
                Link
              </button>
            </li>
          ))}
          {!results.length && <li className="px-3 py-2 text-sm text-slate-500">No contact matches.</li>}
        </ul>
      )}
      <button
        className={primaryButton}
        disabled={pending}
        onClick={() =>
          run(
            () => createContactFromIdentityAction({ identityId }),
            (r) => router.push(`/contacts/${r.contactId}`),
          )
        }
      >
        Create contact “{suggestedName}”
      </button>
      <Err error={error} />
    </div>
  );
}
