"use client";

import { useState } from "react";
import type { ContactFields } from "@/lib/contacts/fields";
import { ExternalLink } from "@/components/ui/external-link";
import { secondaryButton } from "@/components/ui/buttons";
import { ContactEditor } from "./contact-editor";

/** The contact's own fields, read-only until the agent chooses to edit them. */
export function ContactProfile({
  contactId,
  version,
  fields,
}: {
  contactId: string;
  version: number;
  fields: ContactFields;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <ContactEditor
        key={version}
        contactId={contactId}
        version={version}
        fields={fields}
        onDone={() => setEditing(false)}
      />
    );
  const rows: Array<[string, React.ReactNode]> = [
    ["E-mails", fields.emails.join(", ")],
    ["Phones", fields.phones.join(", ")],
    ["Company", fields.company],
    ["Location", fields.location],
    [
      "Websites",
      fields.websites.length
        ? fields.websites.map((w) => (
            <span key={w} className="mr-2">
              <ExternalLink href={`https://${w}`}>{w}</ExternalLink>
            </span>
          ))
        : null,
    ],
    [
      "Declared handles",
      Object.entries(fields.handles)
        .flatMap(([n, hs]) => hs.map((h) => `${n}: @${h}`))
        .join(", "),
    ],
    ["Tags", fields.tags.join(", ")],
    ["External id", fields.externalId],
    ...Object.entries(fields.customFields).map(([k, v]) => [k, v] as [string, React.ReactNode]),
  ];
  return (
    <div>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words">{value || <span className="text-slate-400">—</span>}</dd>
          </div>
        ))}
      </dl>
      <button className={`mt-3 ${secondaryButton}`} onClick={() => setEditing(true)}>
        Edit contact
      </button>
    </div>
  );
}
