"use client";

import { useState } from "react";
import { mergeContactsAction } from "@/lib/contacts/actions";
import {
  CONTACT_FIELD_NAMES,
  FIELD_LABELS,
  sameValue,
  type ContactFieldName,
  type ContactFields,
} from "@/lib/contacts/fields";
import { LIST_FIELDS, defaultChoice, mergeFields, type MergeChoice } from "@/lib/contacts/merge-fields";
import { primaryButton } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

export interface MergeSide {
  id: string;
  version: number;
  fields: ContactFields;
  counts: { identities: number; cases: number; notes: number };
}

const show = (v: unknown): string =>
  Array.isArray(v)
    ? v.join(", ")
    : v && typeof v === "object"
      ? Object.entries(v)
          .map(([k, x]) => `${k}: ${Array.isArray(x) ? x.join(", ") : String(x)}`)
          .join("; ")
      : v === null || v === ""
        ? ""
        : String(v);

/** Pick the surviving record, then the surviving value of each field that differs. */
export function MergeForm({ a, b }: { a: MergeSide; b: MergeSide }) {
  const { pending, error, run, router } = useAction();
  const [survivorId, setSurvivorId] = useState(a.id);
  const survivor = survivorId === a.id ? a : b;
  const merged = survivorId === a.id ? b : a;
  const [choices, setChoices] = useState<Partial<Record<ContactFieldName, MergeChoice>>>({});
  const differing = CONTACT_FIELD_NAMES.filter((f) => !sameValue(survivor.fields[f], merged.fields[f]));
  const choiceOf = (f: ContactFieldName) => choices[f] ?? defaultChoice(f, survivor.fields, merged.fields);
  const result = mergeFields(survivor.fields, merged.fields, choices);

  return (
    <div className="space-y-4">
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-medium">Which record survives?</legend>
        {[a, b].map((side) => (
          <label key={side.id} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="survivor"
              checked={survivorId === side.id}
              onChange={() => {
                setSurvivorId(side.id);
                setChoices({});
              }}
            />
            <span>
              <strong>{side.fields.name}</strong>{" "}
              <span className="text-slate-500">
                ({side.counts.identities} identities, {side.counts.cases} cases, {side.counts.notes} notes)
              </span>
            </span>
          </label>
        ))}
        <p className="mt-2 text-xs text-slate-500">
          {merged.fields.name}’s identities (with their mentions), cases and notes move to {survivor.fields.name}. The
          merge can be undone from the contact page.
        </p>
      </fieldset>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Field choices">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-3 py-2">Field</th>
              <th className="px-3 py-2">{survivor.fields.name} (survives)</th>
              <th className="px-3 py-2">{merged.fields.name}</th>
              <th className="px-3 py-2">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {differing.map((f) => (
              <tr key={f}>
                <th scope="row" className="px-3 py-2 font-medium">
                  {FIELD_LABELS[f]}
                </th>
                {(["survivor", "merged"] as const).map((side) => (
                  <td key={side} className="px-3 py-2">
                    <label className="flex items-start gap-2">
                      <input
                        type="radio"
                        name={f}
                        aria-label={`${FIELD_LABELS[f]}: ${side === "survivor" ? survivor.fields.name : merged.fields.name}`}
                        checked={choiceOf(f) === side}
                        onChange={() => setChoices({ ...choices, [f]: side })}
                      />
                      <span className="break-words">
                        {show((side === "survivor" ? survivor : merged).fields[f]) || (
                          <em className="text-slate-400">empty</em>
                        )}
                      </span>
                    </label>
                  </td>
                ))}
                <td className="px-3 py-2">
                  {LIST_FIELDS.has(f) && (
                    <label className="mb-1 flex items-center gap-2 text-xs">
                      <input
                        type="radio"
                        name={f}
                        aria-label={`${FIELD_LABELS[f]}: keep both`}
                        checked={choiceOf(f) === "both"}
                        onChange={() => setChoices({ ...choices, [f]: "both" })}
                      />{" "}
                      keep both
                    </label>
                  )}
                  <span className="break-words text-slate-700">{show(result[f])}</span>
                </td>
              </tr>
            ))}
            {!differing.length && (
              <tr>
                <td colSpan={4} className="px-3 py-4 text-slate-500">
                  The two contacts have the same values.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        className={primaryButton}
        disabled={pending}
        onClick={() =>
          run(
            () =>
              mergeContactsAction({
                survivorId: survivor.id,
                mergedId: merged.id,
                survivorVersion: survivor.version,
                mergedVersion: merged.version,
                choices,
              }),
            (r) => router.push(`/contacts/${r.survivorId}?merged=${r.mergeId}`),
          )
        }
      >
        {pending ? "Merging…" : `Merge into ${result.name}`}
      </button>
    </div>
  );
}
