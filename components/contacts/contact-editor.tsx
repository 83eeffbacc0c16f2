"use client";

import { useState } from "react";
import { createContactAction, updateContactAction } from "@/lib/contacts/actions";
import type { ActionFailure, ActionFields } from "@/lib/actions/result";
import type { ContactFields } from "@/lib/contacts/fields";
import type { ContactConflict } from "@/lib/contacts/contacts";
import { primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

// One form for creating and editing a contact. Lists are typed separated by ";" (or new lines),
// handles as "network:handle", custom fields as "key: value" lines.

const list = (s: string) =>
  s
    .split(/[;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function toForm(f: ContactFields) {
  return {
    name: f.name,
    emails: f.emails.join("; "),
    phones: f.phones.join("; "),
    company: f.company ?? "",
    tier: f.tier ?? "",
    tags: f.tags.join("; "),
    location: f.location ?? "",
    websites: f.websites.join("; "),
    externalId: f.externalId ?? "",
    handles: Object.entries(f.handles)
      .flatMap(([n, hs]) => hs.map((h) => `${n}:${h}`))
      .join("; "),
    customFields: Object.entries(f.customFields)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n"),
  };
}

function fromForm(v: ReturnType<typeof toForm>) {
  const handles: Record<string, string[]> = {};
  for (const item of list(v.handles)) {
    const at = item.indexOf(":");
    const [network, handle] =
      at > 0 ? [item.slice(0, at).trim().toLowerCase(), item.slice(at + 1).trim()] : ["x", item];
    handles[network] = [...(handles[network] ?? []), handle];
  }
  const customFields: Record<string, string> = {};
  for (const line of v.customFields.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) customFields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return {
    name: v.name,
    emails: list(v.emails),
    phones: list(v.phones),
    company: v.company || null,
    tier: v.tier || null,
    tags: list(v.tags),
    location: v.location || null,
    websites: list(v.websites),
    handles,
    customFields,
    externalId: v.externalId || null,
  };
}

type SaveAction = typeof createContactAction | typeof updateContactAction;
/** What a save returns: the new contact's id, or the edited contact's new version. */
type Saved = Extract<Awaited<ReturnType<SaveAction>>, { ok: true }>["data"];

/** The other version a CONFLICT failure carries, or null for any other failure. */
function conflictOf(failure: ActionFailure): ContactConflict | null {
  const { details } = failure;
  return failure.code === "CONFLICT" && details && typeof details === "object" && "changes" in details
    ? (details as ContactConflict)
    : null;
}

const show = (value: unknown) =>
  Array.isArray(value)
    ? value.join("; ") || "(empty)"
    : value && typeof value === "object"
      ? JSON.stringify(value)
      : value === null || value === ""
        ? "(empty)"
        : String(value);

const FIELDS: Array<[keyof ReturnType<typeof toForm>, string, string?]> = [
  ["name", "Name"],
  ["emails", "E-mails", "a@x.com; b@y.com"],
  ["phones", "Phones"],
  ["company", "Company"],
  ["tier", "Tier", "VIP, Gold…"],
  ["tags", "Tags"],
  ["location", "Location"],
  ["websites", "Websites"],
  ["handles", "Declared handles", "x:jane; bluesky:jane.bsky.social"],
  ["externalId", "External id (CRM)"],
  ["customFields", "Custom fields", "key: value, one per line"],
];

export function ContactEditor({
  contactId,
  version,
  fields,
  onDone,
}: {
  contactId?: string;
  version?: number;
  fields: ContactFields;
  onDone?: () => void;
}) {
  const { pending, error, fieldErrors, run, reset, router } = useAction<ActionFields<SaveAction>>();
  const [values, setValues] = useState(toForm(fields));
  const [base, setBase] = useState({ version: version ?? 0, fields });
  const [conflict, setConflict] = useState<ContactConflict | null>(null);
  // A message that is not an action's failure: what "Keep my edits" did. Replaced by the next save's outcome.
  const [notice, setNotice] = useState<string | null>(null);

  function save(event?: React.FormEvent) {
    event?.preventDefault();
    const input = fromForm(values);
    run<Saved>(
      () =>
        contactId
          ? updateContactAction({
              contactId,
              version: base.version,
              base: base.fields as unknown as Record<string, unknown>,
              fields: input,
            })
          : createContactAction(input),
      {
        onSuccess: (data) => {
          setNotice(null);
          setConflict(null);
          if (!contactId && "id" in data) router.push(`/contacts/${data.id}`);
          else {
            router.refresh();
            onDone?.();
          }
        },
        onFailure: (failure) => {
          setNotice(null);
          setConflict(conflictOf(failure));
        },
      },
    );
  }

  function keepMine() {
    if (!conflict) return;
    // Save over theirs: the base becomes the version they saved.
    const theirs = { ...base.fields } as Record<string, unknown>;
    for (const c of conflict.changes) theirs[c.field] = c.theirs;
    setBase({ version: conflict.version, fields: theirs as ContactFields });
    setConflict(null);
    reset();
    setNotice("Their version is now the base. Save again to overwrite it with yours.");
  }

  const message = error ?? notice;
  return (
    <form onSubmit={save} noValidate aria-label={contactId ? "Edit contact" : "New contact"} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map(([key, label, placeholder]) => {
          const fieldError = fieldErrors[key]?.[0];
          return (
            <label key={key} className={`block text-sm ${key === "customFields" ? "sm:col-span-2" : ""}`}>
              {label}
              {key === "customFields" ? (
                <textarea
                  value={values[key]}
                  onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                  placeholder={placeholder}
                  rows={3}
                  className={`mt-1 ${textInput}`}
                />
              ) : (
                <input
                  value={values[key]}
                  onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                  placeholder={placeholder}
                  className={`mt-1 ${textInput}`}
                />
              )}
              {fieldError && <span className="mt-1 block text-xs text-red-600">{fieldError}</span>}
            </label>
          );
        })}
      </div>
      {message && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {message}
        </p>
      )}
      {conflict && (
        <div
          role="alert"
          aria-label="Edit conflict"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="font-medium">{conflict.by ?? "Someone else"} saved this contact while you were editing:</p>
          <ul className="list-disc pl-5">
            {conflict.changes.map((c) => (
              <li key={c.field}>
                {c.label} is now <strong>{show(c.theirs)}</strong>
              </li>
            ))}
          </ul>
          <div className="flex gap-2">
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                router.refresh();
                onDone?.();
              }}
            >
              Discard mine, show theirs
            </button>
            <button type="button" className={secondaryButton} onClick={keepMine}>
              Keep my edits
            </button>
          </div>
        </div>
      )}
      <div className="flex gap-2">
        <button disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : contactId ? "Save contact" : "Create contact"}
        </button>
        {onDone && (
          <button type="button" className={secondaryButton} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
