// How two contacts' fields combine in a merge, field by field. Pure.
import type { ContactFieldName, ContactFields } from "./fields";

export type MergeChoice = "survivor" | "merged" | "both";

export const LIST_FIELDS = new Set<ContactFieldName>([
  "emails",
  "phones",
  "tags",
  "websites",
  "handles",
  "customFields",
]);

/** The default: keep the survivor's values, but never drop a list entry of either. */
export function defaultChoice(field: ContactFieldName, survivor: ContactFields, merged: ContactFields): MergeChoice {
  if (LIST_FIELDS.has(field)) return "both";
  const s = survivor[field];
  return s === null || s === "" ? (merged[field] === null ? "survivor" : "merged") : "survivor";
}

export function mergeFields(
  survivor: ContactFields,
  merged: ContactFields,
  choices: Partial<Record<ContactFieldName, MergeChoice>>,
): ContactFields {
  const pick = <F extends ContactFieldName>(field: F): ContactFields[F] => {
    const choice = choices[field] ?? defaultChoice(field, survivor, merged);
    if (choice === "merged") return merged[field];
    if (choice === "survivor" || !LIST_FIELDS.has(field)) return survivor[field];
    const a = survivor[field] as unknown,
      b = merged[field] as unknown;
    if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])] as ContactFields[F];
    if (field === "handles") {
      const out: Record<string, string[]> = { ...survivor.handles };
      for (const [n, list] of Object.entries(merged.handles)) out[n] = [...new Set([...(out[n] ?? []), ...list])];
      return out as ContactFields[F];
    }
    // customFields: every key of both; the survivor's value where both have one.
    return { ...merged.customFields, ...survivor.customFields } as ContactFields[F];
  };
  return {
    name: pick("name"),
    emails: pick("emails"),
    phones: pick("phones"),
    company: pick("company"),
    tier: pick("tier"),
    tags: pick("tags"),
    location: pick("location"),
    websites: pick("websites"),
    handles: pick("handles"),
    customFields: pick("customFields"),
    externalId: pick("externalId"),
  };
}
