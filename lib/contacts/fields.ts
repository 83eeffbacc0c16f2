// The editable fields of a contact, validated the same way by the UI, the import and the CLI. Pure.
import { z } from "zod";
import { NETWORKS } from "@/lib/domain/vocabulary";
import { normalizeDeclaredHandle } from "./handles";
import { normalizeEmail, normalizeWebsite, phoneDigits } from "./normalize";

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  trimmed(max)
    .transform((v) => v || null)
    .nullable();
const uniq = <T>(list: T[]) => [...new Set(list)];

export const contactFieldsSchema = z.object({
  name: trimmed(200).min(1, "A contact needs a name."),
  emails: z
    .array(z.string().trim().max(320))
    .max(20)
    .default([])
    .transform((list, ctx) => {
      const out: string[] = [];
      for (const e of list.filter(Boolean)) {
        const n = normalizeEmail(e);
        if (!n) ctx.addIssue({ code: "custom", message: `“${e}” is not an e-mail address.` });
        else out.push(n);
      }
      return uniq(out);
    }),
  phones: z
    .array(z.string().trim().max(40))
    .max(20)
    .default([])
    .transform((list, ctx) => {
      for (const p of list.filter(Boolean))
        if (!phoneDigits(p)) ctx.addIssue({ code: "custom", message: `“${p}” is not a phone number.` });
      return uniq(list.filter(Boolean));
    }),
  company: optionalText(200).default(null),
  tier: optionalText(40).default(null),
  tags: z
    .array(trimmed(60))
    .max(50)
    .default([])
    .transform((l) => uniq(l.filter(Boolean))),
  location: optionalText(200).default(null),
  websites: z
    .array(z.string().trim().max(2000))
    .max(20)
    .default([])
    .transform((list, ctx) => {
      const out: string[] = [];
      for (const w of list.filter(Boolean)) {
        const n = normalizeWebsite(w);
        if (!n) ctx.addIssue({ code: "custom", message: `“${w}” is not a web address.` });
        else out.push(n);
      }
      return uniq(out);
    }),
  handles: z
    .partialRecord(z.enum(NETWORKS), z.array(trimmed(200)).max(20))
    .default({})
    .transform((record) => {
      const out: Record<string, string[]> = {};
      for (const [network, list] of Object.entries(record)) {
        // "https://twitter.com/Jane", "@Jane" and "jane" are the same declared handle.
        const handles = uniq((list ?? []).map(normalizeDeclaredHandle).filter(Boolean));
        if (handles.length) out[network] = handles;
      }
      return out;
    }),
  customFields: z.record(trimmed(60), trimmed(2000)).default({}),
  externalId: optionalText(200).default(null),
});

export type ContactFields = z.output<typeof contactFieldsSchema>;
export type ContactFieldsInput = z.input<typeof contactFieldsSchema>;
export const CONTACT_FIELD_NAMES = [
  "name",
  "emails",
  "phones",
  "company",
  "tier",
  "tags",
  "location",
  "websites",
  "handles",
  "customFields",
  "externalId",
] as const;
export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];

export const FIELD_LABELS: Record<ContactFieldName, string> = {
  name: "Name",
  emails: "E-mails",
  phones: "Phones",
  company: "Company",
  tier: "Tier",
  tags: "Tags",
  location: "Location",
  websites: "Websites",
  handles: "Declared handles",
  customFields: "Custom fields",
  externalId: "External id",
};

/** Field-by-field comparison of two values of a contact field. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v ?? null;
}
